/**
 * A score as the results pages show it (docs/scoring.md): the number through the one
 * rounding rule, its level, and the 95 % interval that says how sure it is, from the
 * assessments' respondents up to a municipality (mean of its sectors) and a collaboration
 * (mean of its members). Differences are called out only where they exceed that noise.
 */
import { displayScore } from '../scoring/display';
import type { ScoringRules } from '../scoring/score';
import { differs, intervalFromSpread, meanInterval, pooledPriorOfSpreads, scalePrior, type Interval, type SpreadPrior } from '../scoring/uncertainty';

export interface Measured {
	/** the score as shown (one decimal, never across a band boundary) */
	score: number | null;
	level: number | null;
	/** the 95 % interval, one decimal */
	lower: number | null;
	upper: number | null;
	/** standard error, for comparisons; not shown */
	se: number | null;
}

export const unmeasured: Measured = { score: null, level: null, lower: null, upper: null, se: null };

/** What an assessment's cell holds for its interval. */
export interface SpreadCell {
	score: number | null;
	respondentsScored: number;
	respondentSd: number | null;
}

/** The typical spread between respondents, pooled over the round's assessments (the scale's where too few). */
export function priorOf(rules: Pick<ScoringRules, 'values'>, cells: readonly SpreadCell[]): SpreadPrior {
	return pooledPriorOfSpreads(
		cells.map((c) => ({ n: c.respondentsScored, sd: c.respondentSd })),
		scalePrior(rules)
	);
}

/** One assessment's score with its interval from its respondents. */
export function assessmentInterval(cell: SpreadCell, prior: SpreadPrior): Interval | null {
	if (cell.score === null || cell.respondentsScored < 1) return null;
	return intervalFromSpread(cell.score, cell.respondentsScored, cell.respondentSd ?? 0, prior);
}

/** A plain mean of scores with intervals: a municipality of its sectors, a collaboration of its members. */
export function meanOf(parts: readonly (Interval | null)[]): Interval | null {
	return meanInterval(parts.filter((p): p is Interval => p !== null));
}

export function measured(rules: Pick<ScoringRules, 'bands'>, interval: Interval | null): Measured {
	if (!interval) return unmeasured;
	const shown = displayScore(rules, interval.score);
	const tenth = (x: number) => Math.round(x * 10) / 10;
	return { score: shown.value, level: shown.level, lower: tenth(interval.lower), upper: tenth(interval.upper), se: interval.se };
}

/** A score with no interval of its own (a median, a peer figure): only the rounding rule. */
export function shownScore(rules: Pick<ScoringRules, 'bands'>, score: number | null): { score: number | null; level: number | null } {
	const shown = displayScore(rules, score);
	return shown ? { score: shown.value, level: shown.level } : { score: null, level: null };
}

/** b − a, and whether it exceeds the noise of both (docs/scoring.md, "Ties"). */
export function changeBetween(a: Measured, b: Measured): { difference: number; clear: boolean } | null {
	if (a.score === null || b.score === null || a.se === null || b.se === null) return null;
	return { difference: Math.round((b.score - a.score) * 10) / 10, clear: differs({ score: a.score, se: a.se }, { score: b.score, se: b.se }) };
}

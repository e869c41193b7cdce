/**
 * A score as the results pages show it (docs/scoring.md): the number through the one
 * rounding rule, its level, and the 95 % interval that says how sure it is, from the
 * assessments' respondents up to a municipality (mean of its sectors) and a collaboration
 * (mean of its members). Differences are called out only where they exceed that noise.
 */
import { displayScore } from '../scoring/display';
import type { ScoringRules } from '../scoring/score';
import type { SnapshotAssessment, SnapshotCell } from './queries';
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

/** Why a sector's assessment adds nothing to a dimension's score. */
export type Missing = 'not_submitted' | 'too_few_answers';

/** The round's assessments and cells with an interval for each scored cell and each member. */
export function measuredRound(rules: Pick<ScoringRules, 'values'>, assessments: readonly SnapshotAssessment[], cells: readonly SnapshotCell[]) {
	const prior = priorOf(rules, cells);
	const intervals = new Map(cells.map((x) => [`${x.assessmentId}:${x.dimension}`, assessmentInterval(x, prior)]));
	const cellOf = (assessmentId: string, dimension: string) => cells.find((x) => x.assessmentId === assessmentId && x.dimension === dimension) ?? null;
	const scoredOf = new Map<string, Interval[]>();
	for (const x of cells) {
		if (x.score === null) continue;
		const key = `${x.municipalityId}:${x.dimension}`;
		scoredOf.set(key, [...(scoredOf.get(key) ?? []), intervals.get(`${x.assessmentId}:${x.dimension}`)!]);
	}
	const members = new Map<string, Interval | null>();
	const member = (municipalityId: string, dimension: string): Interval | null => {
		const key = `${municipalityId}:${dimension}`;
		if (!members.has(key)) members.set(key, meanOf(scoredOf.get(key) ?? []));
		return members.get(key)!;
	};
	/** Which of the municipality's sectors its score in the dimension rests on, and why the others add nothing. */
	const coverage = (municipalityId: string, dimension: string) => {
		const own = assessments.filter((a) => a.municipalityId === municipalityId);
		const scored = (a: SnapshotAssessment) => cellOf(a.assessmentId, dimension)?.score != null;
		return {
			covered: own.filter(scored).map((a) => a.sector),
			missing: own
				.filter((a) => !scored(a))
				.map((a) => ({ sector: a.sector, reason: (cellOf(a.assessmentId, dimension) ? 'too_few_answers' : 'not_submitted') as Missing }))
		};
	};
	/** Don't-know answers of all answers given, and respondents, over the cells given. */
	const answered = (of: readonly SnapshotCell[]) => {
		const answers = of.reduce((n, x) => n + x.answers, 0);
		return { dontKnowRate: answers > 0 ? of.reduce((n, x) => n + x.dontKnow, 0) / answers : null, respondents: sumRespondents(of) };
	};
	return { intervals, member, coverage, answered };
}

export function sumRespondents(cells: readonly SnapshotCell[]): number {
	const byAssessment = new Map(cells.map((x) => [x.assessmentId, x.respondents]));
	return [...byAssessment.values()].reduce((n, r) => n + r, 0);
}

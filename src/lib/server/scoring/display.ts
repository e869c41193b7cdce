/**
 * How a score is shown (docs/scoring.md, "Showing a score"): with one decimal, next to
 * its level, and never a number that belongs to another level than the one beside it.
 * Every page, export and report shows scores through this one function.
 */
import { levelOf, type ScoringRules } from './score';

export interface DisplayedScore {
	/** The number to print, a multiple of 0.1: format it with exactly one decimal. */
	value: number;
	/** The level of the exact score, which `value` also lies in. */
	level: number | null;
}

/**
 * The score rounded half-up to one decimal, except where that would carry it into the
 * next band: 59.95 would print as 60.0 next to level 3, so it shows as 59.9, the largest
 * one-decimal value below the boundary. A score on or above a boundary stays in its band
 * (60.0 is level 4), so the shown number and the exact score always have the same level,
 * and the shown value is never more than 0.1 away (0.05 away except just below a boundary).
 */
export function displayScore(rules: Pick<ScoringRules, 'bands'>, score: number): DisplayedScore;
export function displayScore(rules: Pick<ScoringRules, 'bands'>, score: number | null): DisplayedScore | null;
export function displayScore(rules: Pick<ScoringRules, 'bands'>, score: number | null): DisplayedScore | null {
	if (score === null) return null;
	const level = levelOf(rules, score);
	// Math.round takes .5 up; scores are never negative, so this is round half-up.
	const tenths = Math.round(score * 10);
	const [lowest, highest] = tenthsInBand(rules, score);
	// An empty band (narrower than 0.1 and between two tenths) cannot happen with bands the
	// loader accepts (boundaries have at most one decimal); show the plain rounding then.
	const shown = lowest > highest ? tenths : Math.min(Math.max(tenths, lowest), highest);
	return { value: shown / 10, level };
}

/** The smallest and largest t such that t / 10 lies in the band of `score` (±Infinity where it is open). */
function tenthsInBand(rules: Pick<ScoringRules, 'bands'>, score: number): [number, number] {
	const starts = rules.bands.map((b) => b.from);
	const from = Math.max(...starts.filter((f) => f <= score));
	const next = Math.min(...starts.filter((f) => f > score));
	let lowest = -Infinity;
	let highest = Infinity;
	// The nearest tenth to a boundary may fall on either side of it in floating point: step over.
	if (Number.isFinite(from)) {
		lowest = Math.round(from * 10);
		while (lowest / 10 < from) lowest += 1;
		while ((lowest - 1) / 10 >= from) lowest -= 1;
	}
	if (Number.isFinite(next)) {
		highest = Math.round(next * 10);
		while (highest / 10 >= next) highest -= 1;
		while ((highest + 1) / 10 < next) highest += 1;
	}
	return [lowest, highest];
}

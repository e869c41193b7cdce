/**
 * Noise (docs/scoring.md, "How sure a score is"): a 95 % interval for every score, from
 * how much its respondents disagree, and a rule for when two scores differ. Respondents
 * are a few of a sector's staff, so a sector's score would come out somewhat differently
 * had others answered; sectors and members are not samples, so combining them adds only
 * their own uncertainty.
 */
import { dimensionScores, meanWithDistribution, type Answers, type ScoredItem, type ScoringRules } from './score';
import { studentTQuantile } from './student-t';

/** Two-sided 95 %: the 0.975 quantile of the normal distribution. */
export const Z95 = 1.959963984540054;

/**
 * How much weight, in degrees of freedom, the typical spread gets against an
 * assessment's own: 3, as much as the spread among four respondents. Above 3, an
 * interval could widen when one more respondent answers alike (docs/scoring.md).
 */
export const PRIOR_DF = 3;

/** Below this many degrees of freedom a platform's pooled spread is not trusted over the scale's. */
export const MIN_POOLED_DF = 30;

export interface Interval {
	score: number;
	/**
	 * Standard error, already widened for a small number of respondents: score ± Z95·se
	 * is the 95 % interval. Combine and compare with this, not with the bounds.
	 */
	se: number;
	/** score − Z95·se and score + Z95·se, kept within 0..100 where scores live. */
	lower: number;
	upper: number;
}

/** The spread between respondents assumed before an assessment's own answers are seen. */
export interface SpreadPrior {
	/** Standard deviation of respondents' own dimension scores, in score points; above 0. */
	sd: number;
	/** Its weight against the assessment's own spread, in degrees of freedom; above 0. */
	df: number;
}

/**
 * The spread to assume when nothing better is known: one level step of the version
 * (25 points with values 0, 25, 50, 75, 100), i.e. respondents of one sector typically a
 * level apart. Cautious: averaged over a dimension's items, real disagreement is smaller.
 */
export function scalePrior(rules: Pick<ScoringRules, 'values'>): SpreadPrior {
	const steps = rules.values.length - 1;
	const step = (Math.max(...rules.values) - Math.min(...rules.values)) / steps;
	return { sd: step > 0 ? step : 100 / steps, df: PRIOR_DF };
}

/**
 * The spread respondents of one assessment typically show, pooled over many assessments
 * (each group: the respondents' own scores in one assessment and dimension): the square
 * root of Σ squared deviations from each group's mean / Σ (n − 1). Groups of one add
 * nothing. Falls back to `fallback` below MIN_POOLED_DF degrees of freedom or without spread.
 */
export function pooledPrior(groups: readonly (readonly number[])[], fallback: SpreadPrior): SpreadPrior {
	return pooledPriorOfSpreads(
		groups.map((group) => {
			const mean = sum(group) / group.length;
			return { n: group.length, sd: group.length > 1 ? Math.sqrt(sum(group.map((x) => (x - mean) ** 2)) / (group.length - 1)) : 0 };
		}),
		fallback
	);
}

/** pooledPrior from each group's size and sample standard deviation (as the score cache keeps them). */
export function pooledPriorOfSpreads(groups: readonly { n: number; sd: number | null }[], fallback: SpreadPrior): SpreadPrior {
	let squares = 0;
	let df = 0;
	for (const group of groups) {
		if (group.n < 2 || group.sd === null) continue;
		squares += (group.n - 1) * group.sd ** 2;
		df += group.n - 1;
	}
	const sd = df > 0 ? Math.sqrt(squares / df) : 0;
	return df >= MIN_POOLED_DF && sd > 0 ? { sd, df: fallback.df } : fallback;
}

/**
 * Each respondent's own score per dimension: the same weighted mean as the pooled score,
 * over the items that respondent chose a level for. No coverage rule: a respondent who
 * answered part of a dimension still tells how far apart respondents are.
 */
export function respondentScores(rules: ScoringRules, items: readonly ScoredItem[], respondents: readonly Answers[]): Map<string, number[]> {
	const byDimension = new Map<string, number[]>(items.map((item) => [item.dimension, []]));
	for (const respondent of respondents) {
		for (const d of dimensionScores({ ...rules, coverage: 0 }, items, [respondent])) if (d.score !== null) byDimension.get(d.dimension)!.push(d.score);
	}
	return byDimension;
}

/**
 * The interval of an assessment's dimension score (pooled as in score.ts) from its
 * respondents' own scores. The spread is moderated towards the prior (Smyth 2004):
 * s̃² = (df₀·sd₀² + (n − 1)·s²) / (df₀ + n − 1), and the half-width is
 * t(0.975; df₀ + n − 1)·s̃/√n. One respondent gives the prior's width, never zero.
 */
export function assessmentInterval(score: number | null, ownScores: readonly number[], prior: SpreadPrior): Interval | null {
	if (score === null || ownScores.length === 0) return null;
	const n = ownScores.length;
	const mean = sum(ownScores) / n;
	const sd = n > 1 ? Math.sqrt(sum(ownScores.map((x) => (x - mean) ** 2)) / (n - 1)) : 0;
	return intervalFromSpread(score, n, sd, prior);
}

/** assessmentInterval from n and the sample standard deviation s (ignored when n = 1). */
export function intervalFromSpread(score: number, n: number, sd: number, prior: SpreadPrior): Interval {
	if (!(prior.sd > 0 && prior.df > 0)) throw new RangeError(`a spread prior needs sd and df above 0, not ${prior.sd} and ${prior.df}`);
	if (!(n >= 1)) throw new RangeError(`an interval needs at least one respondent, not ${n}`);
	const df = prior.df + n - 1;
	const moderated = Math.sqrt((prior.df * prior.sd ** 2 + (n - 1) * sd ** 2) / df);
	// Carried on as a normal standard error, so that combining and comparing need no t.
	return interval(score, (studentTQuantile(0.975, df) * moderated) / Math.sqrt(n) / Z95);
}

/**
 * The interval of a plain mean of independent scores: a municipality of its sectors, a
 * collaboration of its members. se = √(Σ seᵢ²) / k. The parts are the whole population
 * (every sector, every member), not a sample of it, so the spread between them adds
 * nothing: the mean is uncertain only because each part is. Null without parts.
 */
export function meanInterval(parts: readonly Pick<Interval, 'score' | 'se'>[]): Interval | null {
	const mean = meanWithDistribution(parts.map((p) => p.score))?.mean;
	if (mean === undefined) return null;
	return interval(mean, Math.sqrt(sum(parts.map((p) => p.se ** 2))) / parts.length);
}

/**
 * Whether two scores (two units, or one unit in two years) differ by more than their
 * noise: |a − b| > Z95·√(seₐ² + se_b²). When two intervals do not overlap, this holds;
 * it can also hold while they overlap a little.
 */
export function differs(a: Pick<Interval, 'score' | 'se'>, b: Pick<Interval, 'score' | 'se'>): boolean {
	return Math.abs(a.score - b.score) > Z95 * Math.sqrt(a.se ** 2 + b.se ** 2);
}

function interval(score: number, se: number): Interval {
	const half = Z95 * se;
	return { score, se, lower: Math.min(score, Math.max(0, score - half)), upper: Math.max(score, Math.min(100, score + half)) };
}

/** Summed in ascending order, so the order of the inputs cannot change a digit. */
function sum(values: readonly number[]): number {
	return [...values].sort((a, b) => a - b).reduce((total, v) => total + v, 0);
}

/**
 * The scoring contract (BRIEF §5) as pure functions over plain data: item values,
 * pooling over respondents, dimension scores with the coverage rule, and level bands.
 * Nothing here is rounded: rounding is presentation. Scores are derived from stored
 * answers each time, so any round can be rescored under its frozen version. What one
 * answer is worth, by the item's type, is items.ts.
 */
import { itemScale, pointReached, scoreOf, type AnswerValue, type ScaleSource } from './items';

export type { AnswerValue } from './items';

/** The scoring part of a questionnaire version; `QuestionnaireDefinition['scoring']` fits it. */
export interface ScoringRules {
	/** Score 0..100 of each point of the version's scale items, non-decreasing (items.ts). */
	values: readonly number[];
	/** Share (0..1] of a dimension's weight that must be answered for a score to be shown. */
	coverage: number;
	/** Ascending from level 1; the first starts at 0. */
	bands: readonly { level: number; from: number }[];
}

/** What scoring needs of a questionnaire item; the version's items fit it. Without a type: a scale on the version's values. */
export interface ScoredItem extends ScaleSource {
	key: string;
	dimension: string;
	weight: number;
}

/** A point of a scale item, 1 for the lowest; how many there are is the item's (items.ts). */
export type Level = number;

/** One respondent's answers by item key; an item the respondent skipped is absent. */
export type Answers = ReadonlyMap<string, AnswerValue>;

/** BRIEF §6: spread between respondents is shown only where at least this many answered. */
export const MIN_RESPONDENTS_FOR_SPREAD = 3;

export interface Spread {
	min: number;
	max: number;
	/** Sample standard deviation (divides by n − 1): respondents are a sample of the staff. */
	sd: number;
}

export interface PooledItem {
	/** Mean value over the respondents who chose a level; null when none did. */
	mean: number | null;
	/** Respondents who chose a level. */
	n: number;
	/** Null below MIN_RESPONDENTS_FOR_SPREAD. */
	spread: Spread | null;
	dontKnow: number;
	notApplicable: number;
}

export interface DimensionScore {
	dimension: string;
	/** Null means "not enough answers": less than `rules.coverage` of the weight answered. */
	score: number | null;
	level: number | null;
	/** Share 0..1 of the dimension's weight on items with a pooled mean. */
	coverage: number;
	answeredItems: number;
	totalItems: number;
	/** Don't-know answers / all answers given in the dimension (0 when none were given). */
	dontKnowRate: number;
}

/** Weight shares are sums of floats; exactly 60 % must count as 60 %. */
const COVERAGE_TOLERANCE = 1e-9;

/** The 0..100 value of one answer to the item; not applicable and don't know carry no score. */
export function itemValue(rules: Pick<ScoringRules, 'values'>, answer: AnswerValue, item?: ScaleSource): number | null {
	if (answer.kind === 'level' && rules.values[answer.level - 1] === undefined && !item)
		throw new RangeError(`the scoring rules have no value for level ${answer.level}`);
	return scoreOf(itemScale(rules.values, item), answer);
}

/**
 * One item pooled over the respondents of an assessment: each entry is one
 * respondent's answer, undefined where they skipped it. Equal values are counted
 * together and summed in ascending order, so the order of respondents cannot change a digit.
 */
export function poolItem(rules: Pick<ScoringRules, 'values'>, answers: readonly (AnswerValue | undefined)[], item?: ScaleSource): PooledItem {
	const perValue = new Map<number, number>();
	let dontKnow = 0;
	let notApplicable = 0;
	for (const answer of answers) {
		if (answer?.kind === 'dont_know') dontKnow += 1;
		else if (answer?.kind === 'not_applicable') notApplicable += 1;
		else if (answer) {
			const value = itemValue(rules, answer, item);
			if (value !== null) perValue.set(value, (perValue.get(value) ?? 0) + 1);
		}
	}
	const given = [...perValue.entries()].sort(([a], [b]) => a - b).map(([value, count]) => ({ count, value }));
	const n = given.reduce((sum, g) => sum + g.count, 0);
	if (n === 0) return { mean: null, n, spread: null, dontKnow, notApplicable };

	const mean = within(given.reduce((sum, g) => sum + g.count * g.value, 0) / n, given);
	const spread =
		n < MIN_RESPONDENTS_FOR_SPREAD
			? null
			: {
					min: Math.min(...given.map((g) => g.value)),
					max: Math.max(...given.map((g) => g.value)),
					sd: Math.sqrt(given.reduce((sum, g) => sum + g.count * (g.value - mean) ** 2, 0) / (n - 1))
				};
	return { mean, n, spread, dontKnow, notApplicable };
}

/** Every item pooled over the respondents, by item key. */
export function itemScores(rules: Pick<ScoringRules, 'values'>, items: readonly ScoredItem[], respondents: readonly Answers[]): Map<string, PooledItem> {
	return new Map(
		items.map((item) => [
			item.key,
			poolItem(
				rules,
				respondents.map((r) => r.get(item.key)),
				item
			)
		])
	);
}

/**
 * Dimension scores in the order the dimensions first appear among the items: the
 * weighted mean of the answered items' pooled means, the weights normalised over the
 * answered items of the dimension.
 */
export function dimensionScores(rules: ScoringRules, items: readonly ScoredItem[], respondents: readonly Answers[]): DimensionScore[] {
	const pooled = itemScores(rules, items, respondents);
	const dimensions = [...new Set(items.map((item) => item.dimension))];
	return dimensions.map((dimension) => {
		const inDimension = items.map((item) => ({ item, pool: pooled.get(item.key)! })).filter(({ item }) => item.dimension === dimension);
		const answered = inDimension.flatMap(({ item, pool }) => (pool.mean === null ? [] : [{ weight: item.weight, value: pool.mean }]));
		const totalWeight = inDimension.reduce((sum, { item }) => sum + item.weight, 0);
		const answeredWeight = answered.reduce((sum, a) => sum + a.weight, 0);
		const coverage = totalWeight > 0 ? answeredWeight / totalWeight : 0;
		const covered = answered.length > 0 && coverage + COVERAGE_TOLERANCE >= rules.coverage;
		const score = covered ? within(answered.reduce((sum, a) => sum + a.weight * a.value, 0) / answeredWeight, answered) : null;

		const dontKnow = inDimension.reduce((sum, { pool }) => sum + pool.dontKnow, 0);
		const given = inDimension.reduce((sum, { pool }) => sum + pool.n + pool.dontKnow + pool.notApplicable, 0);
		return {
			dimension,
			score,
			level: levelOf(rules, score),
			coverage,
			answeredItems: answered.length,
			totalItems: inDimension.length,
			dontKnowRate: given > 0 ? dontKnow / given : 0
		};
	});
}

/** The level of the highest band that starts at or below the score. */
export function levelOf(rules: Pick<ScoringRules, 'bands'>, score: number | null): number | null {
	if (score === null) return null;
	let best: { level: number; from: number } | null = null;
	for (const band of rules.bands) if (band.from <= score && (best === null || band.from > best.from)) best = band;
	return best?.level ?? null;
}

/**
 * The point of a scale item whose value a pooled mean has reached (the highest point
 * valued at or below it): the point whose recommendation applies to an item with that
 * mean. Null for an item without points (a checklist, an amount).
 */
export function levelReached(rules: Pick<ScoringRules, 'values'>, mean: number, item?: ScaleSource): number | null {
	return pointReached(itemScale(rules.values, item), mean);
}

/**
 * The level (band) each point of a scale item counts as: the band its value falls in. An
 * item has its own number of points (3 to 7), so a point's number is not its level; the
 * bands say what answering it means. Null for an item without points (a checklist, an amount).
 */
export function pointLevels(rules: Pick<ScoringRules, 'values' | 'bands'>, item?: ScaleSource): number[] | null {
	const scale = itemScale(rules.values, item);
	return scale.type === 'points' ? scale.values.map((value) => levelOf(rules, value)!) : null;
}

/** Mean and quartiles of a set of scores; see meanWithDistribution. */
export interface Distribution {
	mean: number;
	n: number;
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
}

/**
 * The plain mean of the scores that exist (nulls are left out and not counted), with
 * their distribution: a municipality is the mean of its sectors, a collaboration the
 * mean of its members. Band the returned mean with levelOf; never average levels.
 * Quartiles interpolate linearly between order statistics (Hyndman & Fan type 7, as
 * Excel's QUARTILE.INC and numpy's default): the p-quantile of sorted x₀…xₙ₋₁ is read
 * at position h = (n − 1)·p, between x⌊h⌋ and x⌈h⌉.
 */
export function meanWithDistribution(values: readonly (number | null)[]): Distribution | null {
	// Sorted before summing, so the order the scores come in cannot change the mean.
	const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
	const n = sorted.length;
	if (n === 0) return null;
	const quantile = (p: number) => {
		const h = (n - 1) * p;
		const below = sorted[Math.floor(h)]!;
		return below + (h - Math.floor(h)) * (sorted[Math.ceil(h)]! - below);
	};
	return {
		mean: within(
			sorted.reduce((sum, v) => sum + v, 0) / n,
			sorted.map((value) => ({ value }))
		),
		n,
		min: sorted[0]!,
		q1: quantile(0.25),
		median: quantile(0.5),
		q3: quantile(0.75),
		max: sorted[n - 1]!
	};
}

/**
 * A (weighted) mean lies between its smallest and largest input; clamping only takes
 * away floating-point excess such as 100.00000000000001, it changes no real value.
 */
function within(mean: number, inputs: readonly { value: number }[]): number {
	const values = inputs.map((i) => i.value);
	return Math.min(Math.max(mean, Math.min(...values)), Math.max(...values));
}

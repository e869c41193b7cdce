/**
 * Trends across rounds (BRIEF §5): a dimension's scores form one series only while it
 * is measured by the same items. Item keys persist across versions and each version's
 * crosswalk says whether an item still measures the same thing (identical, reworded)
 * or not (changed, new, retired). Where a dimension's items changed between two
 * points, the later point is marked as a series break and the items that changed are
 * named. Scores are passed through as computed: nothing is re-normalised here.
 */
import { isComparable } from '../questionnaires/crosswalk';
import type { CrosswalkStatus } from '../questionnaires/schema';
import type { DimensionScore, ScoredItem } from './score';

/** What trends need of a questionnaire version; a `QuestionnaireDefinition` fits it. */
export interface TrendVersion {
	version: number;
	items: readonly ScoredItem[];
	/** This version against an earlier one, as in the version's file. */
	crosswalk?: { previous: number; items: Readonly<Record<string, CrosswalkStatus>> };
}

/** One round of one assessment, scored under the version it was answered in. */
export interface TrendRound {
	year: number;
	version: number;
	scores: readonly DimensionScore[];
}

export interface TrendPoint extends DimensionScore {
	year: number;
	version: number;
	/** True where the dimension's items differ from the previous point's: do not join the line. */
	seriesBreak: boolean;
	/** Keys of the dimension's items (in either version) that are not comparable with the previous point. */
	changedItems: string[];
}

export interface TrendSeries {
	dimension: string;
	points: TrendPoint[];
}

/**
 * Keys whose answers can be compared across two versions: the item is in both, in
 * the same dimension, and the later version's crosswalk marks it identical or
 * reworded. In the order of the later version's items.
 */
export function comparableItems(
	crosswalk: Readonly<Record<string, CrosswalkStatus>>,
	itemsPrev: readonly ScoredItem[],
	itemsNext: readonly ScoredItem[]
): string[] {
	const before = new Map(itemsPrev.map((item) => [item.key, item.dimension]));
	return itemsNext
		.filter((item) => {
			const status = crosswalk[item.key];
			return status !== undefined && isComparable(status) && before.get(item.key) === item.dimension;
		})
		.map((item) => item.key);
}

/**
 * One series per dimension, points in year order (then version order). Every version
 * a round names must be among `versions`; between two versions the crosswalks are
 * followed step by step, and an item is comparable only if it is at every step.
 */
export function trendSeries(rounds: readonly TrendRound[], versions: readonly TrendVersion[]): TrendSeries[] {
	const byVersion = new Map(versions.map((v) => [v.version, v]));
	const ordered = [...rounds].sort((a, b) => a.year - b.year || a.version - b.version);
	const series = new Map<string, TrendPoint[]>();
	for (const round of ordered) {
		for (const score of round.scores) {
			const points = series.get(score.dimension) ?? [];
			const previous = points[points.length - 1];
			const changedItems = previous ? changedBetween(byVersion, previous.version, round.version, score.dimension) : [];
			points.push({ ...score, year: round.year, version: round.version, seriesBreak: changedItems.length > 0, changedItems });
			series.set(score.dimension, points);
		}
	}
	return [...series].map(([dimension, points]) => ({ dimension, points }));
}

function changedBetween(byVersion: ReadonlyMap<number, TrendVersion>, a: number, b: number, dimension: string): string[] {
	if (a === b) return [];
	const comparable = comparableAcross(byVersion, Math.min(a, b), Math.max(a, b));
	const keys = [a, b].flatMap((v) => version(byVersion, v).items.filter((item) => item.dimension === dimension).map((item) => item.key));
	return [...new Set(keys)].filter((key) => !comparable.has(key)).sort();
}

/** Keys comparable from version `lo` all the way to version `hi`; empty when no crosswalk chain links them. */
function comparableAcross(byVersion: ReadonlyMap<number, TrendVersion>, lo: number, hi: number): Set<string> {
	let current = version(byVersion, hi);
	let keys = new Set(current.items.map((item) => item.key));
	while (current.version !== lo) {
		const crosswalk = current.crosswalk;
		const previous = crosswalk ? byVersion.get(crosswalk.previous) : undefined;
		if (!crosswalk || !previous || previous.version < lo || previous.version >= current.version) return new Set();
		const step = new Set(comparableItems(crosswalk.items, previous.items, current.items));
		keys = new Set([...keys].filter((key) => step.has(key)));
		current = previous;
	}
	return keys;
}

function version(byVersion: ReadonlyMap<number, TrendVersion>, number: number): TrendVersion {
	const found = byVersion.get(number);
	if (!found) throw new Error(`version ${number} is named by a round but was not given to trendSeries`);
	return found;
}

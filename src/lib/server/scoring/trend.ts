/**
 * Trends across rounds (BRIEF §5): a dimension's scores form one series only while it
 * is measured by the same items. Item keys persist across versions and each version's
 * crosswalk says whether an item still measures the same thing (identical, reworded)
 * or not (changed, new, retired), and whether a compared item was rescored (its
 * scoring rules changed on purpose). Where a dimension's items changed between two
 * points, the later point is marked as a series break and the items that changed are
 * named. Scores are passed through as computed: nothing is re-normalised here.
 */
import { comparableItems, isComparable, type CrosswalkRules } from '../questionnaires/crosswalk';
import { isRescored } from '../questionnaires/rescoring';
import type { DimensionScore, ScoredItem } from './score';

/** What trends need of a questionnaire version; a `QuestionnaireDefinition` fits it. */
export interface TrendVersion {
	/** the questionnaire: version numbers count within one questionnaire only */
	slug: string;
	version: number;
	items: readonly ScoredItem[];
	/** This version against an earlier one, as in the version's file. */
	crosswalk?: CrosswalkRules & { previous: number };
}

/** One round of one assessment, scored under the version it was answered in. */
export interface TrendRound {
	year: number;
	slug: string;
	version: number;
	scores: readonly DimensionScore[];
}

export interface TrendPoint extends DimensionScore {
	year: number;
	slug: string;
	version: number;
	/** True where the dimension's items differ from the previous point's: do not join the line. */
	seriesBreak: boolean;
	/** Keys of the dimension's items (in either version) that are not comparable with the previous point. */
	changedItems: string[];
	/** Those of `changedItems` that ask the same question but were declared rescored (crosswalk.rescored says why). */
	rescoredItems: string[];
}

export interface TrendSeries {
	dimension: string;
	points: TrendPoint[];
}

/**
 * One series per dimension, points in year order (then version order). Every version
 * a round names must be among `versions`; between two versions of one questionnaire the
 * crosswalks are followed step by step, and an item is comparable only if it is at every
 * step. Versions of different questionnaires never compare: a collaboration that switched
 * questionnaire has a break wherever a dimension's key recurs.
 */
export function trendSeries(rounds: readonly TrendRound[], versions: readonly TrendVersion[]): TrendSeries[] {
	const byVersion = new Map(versions.map((v) => [versionKey(v), v]));
	const ordered = [...rounds].sort((a, b) => a.year - b.year || a.slug.localeCompare(b.slug) || a.version - b.version);
	const series = new Map<string, TrendPoint[]>();
	for (const round of ordered) {
		for (const score of round.scores) {
			const points = series.get(score.dimension) ?? [];
			const previous = points[points.length - 1];
			const { changed: changedItems, rescored: rescoredItems } = previous
				? changedBetween(byVersion, previous, round, score.dimension)
				: { changed: [], rescored: [] };
			points.push({ ...score, year: round.year, slug: round.slug, version: round.version, seriesBreak: changedItems.length > 0, changedItems, rescoredItems });
			series.set(score.dimension, points);
		}
	}
	return [...series].map(([dimension, points]) => ({ dimension, points }));
}

type VersionRef = Pick<TrendVersion, 'slug' | 'version'>;

const versionKey = (v: VersionRef) => `${v.slug}/${v.version}`;

function changedBetween(byVersion: ReadonlyMap<string, TrendVersion>, a: VersionRef, b: VersionRef, dimension: string) {
	if (a.slug === b.slug && a.version === b.version) return { changed: [], rescored: [] };
	const [lo, hi] = a.version <= b.version ? [a, b] : [b, a];
	const { comparable, rescored } =
		a.slug === b.slug ? comparableAcross(byVersion, a.slug, lo.version, hi.version) : { comparable: new Set<string>(), rescored: new Set<string>() };
	const keys = [a, b].flatMap((v) =>
		version(byVersion, v)
			.items.filter((item) => item.dimension === dimension)
			.map((item) => item.key)
	);
	const changed = [...new Set(keys)].filter((key) => !comparable.has(key)).sort();
	return { changed, rescored: changed.filter((key) => rescored.has(key)) };
}

/**
 * Keys comparable from version `lo` all the way to version `hi` (empty when no crosswalk
 * chain links them), and the keys a step left out only because it declared them rescored.
 */
function comparableAcross(byVersion: ReadonlyMap<string, TrendVersion>, slug: string, lo: number, hi: number) {
	let current = version(byVersion, { slug, version: hi });
	let keys = new Set(current.items.map((item) => item.key));
	const rescored = new Set<string>();
	while (current.version !== lo) {
		const crosswalk = current.crosswalk;
		const previous = crosswalk ? byVersion.get(versionKey({ slug, version: crosswalk.previous })) : undefined;
		if (!crosswalk || !previous || previous.version < lo || previous.version >= current.version) return { comparable: new Set<string>(), rescored };
		const step = new Set(comparableItems(crosswalk, previous.items, current.items));
		for (const key of keys) {
			const status = crosswalk.items[key];
			if (!step.has(key) && status !== undefined && isComparable(status) && isRescored(crosswalk, key)) rescored.add(key);
		}
		keys = new Set([...keys].filter((key) => step.has(key)));
		current = previous;
	}
	return { comparable: keys, rescored };
}

function version(byVersion: ReadonlyMap<string, TrendVersion>, ref: VersionRef): TrendVersion {
	const found = byVersion.get(versionKey(ref));
	if (!found) throw new Error(`version ${versionKey(ref)} is named by a round but was not given to trendSeries`);
	return found;
}

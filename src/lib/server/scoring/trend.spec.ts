import { describe, expect, it } from 'vitest';
import { definition, item } from '../questionnaires/fixtures';
import type { CrosswalkStatus } from '../questionnaires/schema';
import { dimensionScores, type AnswerValue, type Answers } from './score';
import { comparableItems } from '../questionnaires/crosswalk';
import { trendSeries, type TrendRound, type TrendVersion } from './trend';

// Version 1: culture.openness, culture.sharing, technology.shared-systems, technology.security.
const v1 = definition();
// Version 2 keeps culture comparable, but changes one technology item, retires one and adds one.
const v2 = definition({
	version: 2,
	items: [v1.items[0]!, v1.items[1]!, v1.items[2]!, item('technology.cloud')],
	crosswalk: {
		previous: 1,
		items: {
			'culture.openness': 'identical',
			'culture.sharing': 'reworded',
			'technology.shared-systems': 'changed',
			'technology.security': 'retired',
			'technology.cloud': 'new'
		}
	}
});
// Version 3 only rewords.
const v3 = definition({ version: 3, items: v2.items, crosswalk: { previous: 2, items: allStatus(v2.items, 'reworded') } });

const everyone = (level: 1 | 2 | 3 | 4 | 5, keys: string[]): Answers[] => {
	const answer: AnswerValue = { kind: 'level', level };
	return [new Map(keys.map((k) => [k, answer]))];
};
const round = (year: number, version: typeof v1, level: 1 | 2 | 3 | 4 | 5): TrendRound => ({
	year,
	slug: version.slug,
	version: version.version,
	scores: dimensionScores(
		version.scoring,
		version.items,
		everyone(
			level,
			version.items.map((i) => i.key)
		)
	)
});
const breaks = (series: ReturnType<typeof trendSeries>) =>
	Object.fromEntries(series.map((s) => [s.dimension, s.points.map((p) => [p.year, p.score, p.seriesBreak, p.changedItems])]));

describe('comparableItems', () => {
	it('keeps identical and reworded items present in both versions', () => {
		expect(comparableItems(v2.crosswalk!, v1.items, v2.items)).toEqual(['culture.openness', 'culture.sharing']);
	});

	it('leaves out items the crosswalk declares rescored', () => {
		expect(comparableItems({ ...v2.crosswalk!, rescored: [{ items: ['culture.sharing'] }] }, v1.items, v2.items)).toEqual(['culture.openness']);
		expect(comparableItems({ ...v2.crosswalk!, rescored: [{ items: 'all' }] }, v1.items, v2.items)).toEqual([]);
	});

	it('does not trust a status for an item that moved to another dimension', () => {
		const moved = [{ key: 'culture.sharing', dimension: 'technology', weight: 1 }];
		expect(comparableItems({ items: { 'culture.sharing': 'reworded' } }, v1.items, moved)).toEqual([]);
	});
});

describe('trendSeries', () => {
	it('breaks a dimension’s series where its items changed, and only there', () => {
		const rounds = [round(2026, v2, 4), round(2024, v1, 2), round(2025, v1, 3), round(2027, v3, 5)];
		expect(breaks(trendSeries(rounds, [v1, v2, v3]))).toEqual({
			culture: [
				[2024, 25, false, []],
				[2025, 50, false, []],
				[2026, 75, false, []],
				[2027, 100, false, []]
			],
			technology: [
				[2024, 25, false, []],
				[2025, 50, false, []],
				[2026, 75, true, ['technology.cloud', 'technology.security', 'technology.shared-systems']],
				[2027, 100, false, []]
			]
		});
	});

	it('follows the crosswalks through a version no round used', () => {
		const series = trendSeries([round(2024, v1, 2), round(2027, v3, 5)], [v1, v2, v3]);
		expect(breaks(series)).toEqual({
			culture: [
				[2024, 25, false, []],
				[2027, 100, false, []]
			],
			technology: [
				[2024, 25, false, []],
				[2027, 100, true, ['technology.cloud', 'technology.security', 'technology.shared-systems']]
			]
		});
	});

	it('breaks at a declared rescoring, also through a version no round used, naming the item as rescored', () => {
		const rescored = { ...v2, crosswalk: { ...v2.crosswalk!, rescored: [{ items: ['culture.sharing'] }] } } satisfies TrendVersion;
		const series = trendSeries([round(2024, v1, 2), round(2027, v3, 5)], [v1, rescored, v3]);
		expect(series.find((s) => s.dimension === 'culture')!.points[1]).toMatchObject({
			seriesBreak: true,
			changedItems: ['culture.sharing'],
			rescoredItems: ['culture.sharing']
		});
		expect(series.find((s) => s.dimension === 'technology')!.points[1]!.rescoredItems).toEqual([]);
	});

	it('breaks every series when no crosswalk links the versions', () => {
		const unlinked = { ...v3, crosswalk: undefined } satisfies TrendVersion;
		const series = trendSeries([round(2024, v1, 2), round(2027, v3, 5)], [v1, unlinked]);
		expect(series.map((s) => s.points.map((p) => p.seriesBreak))).toEqual([
			[false, true],
			[false, true]
		]);
	});

	it('keeps each questionnaire its own versions: another questionnaire numbered alike neither links nor breaks them', () => {
		// A collaboration ran the maturity instrument in 2024, a checklist in 2025, the maturity
		// instrument's version 2 in 2026. The checklist is version 1 too, with a culture dimension.
		const checklist = definition({ slug: 'checklist', items: [item('culture.open-data')] });
		const series = trendSeries([round(2024, v1, 2), round(2025, checklist, 4), round(2026, v2, 3)], [v1, checklist, v2]);
		expect(breaks(series).culture).toEqual([
			[2024, 25, false, []],
			[2025, 75, true, ['culture.open-data', 'culture.openness', 'culture.sharing']],
			[2026, 50, true, ['culture.open-data', 'culture.openness', 'culture.sharing']]
		]);
		// In the order given the other way round, v1 is still found as the maturity instrument's.
		const technology = trendSeries([round(2024, v1, 2), round(2026, v2, 3)], [checklist, v2, v1]).find((s) => s.dimension === 'technology')!;
		expect(technology.points[1]!.changedItems).toEqual(['technology.cloud', 'technology.security', 'technology.shared-systems']);
	});

	it('passes the scores through as computed, including "not enough answers"', () => {
		const sparse: TrendRound = { year: 2024, slug: v1.slug, version: 1, scores: dimensionScores(v1.scoring, v1.items, []) };
		const [culture] = trendSeries([sparse], [v1]);
		expect(culture!.points[0]).toMatchObject({ score: null, level: null, coverage: 0, seriesBreak: false });
	});

	it('refuses a round whose version it was not given', () => {
		expect(() => trendSeries([round(2024, v1, 2), round(2025, v2, 3)], [v1])).toThrow(/version sample\/2/);
	});
});

function allStatus(items: { key: string }[], status: CrosswalkStatus): Record<string, CrosswalkStatus> {
	return Object.fromEntries(items.map((i) => [i.key, status]));
}

import { describe, expect, it } from 'vitest';
import { headlineOf } from './headline';
import type { Trend, TrendPoint } from './trends';

const point = (year: number, change: number | null): TrendPoint => ({
	year,
	score: 60,
	level: 4,
	lower: null,
	upper: null,
	se: 1,
	provisional: false,
	seriesBreak: false,
	changedItems: [],
	rescoredItems: [],
	change: change === null ? null : { difference: change, clear: true },
	hidden: null
});
const trend = (changes: (number | null)[]): Trend[] => changes.map((c, i) => ({ dimension: `d${i}`, points: [point(2025, null), point(2026, c)] }));

describe('headlineOf', () => {
	it('says the level range, the dimensions above the median and the mean change', () => {
		const dims = [
			{ score: 70, level: 4, median: 60 },
			{ score: 65, level: 4, median: 66 },
			{ score: 72, level: 4, median: 50 }
		];
		expect(headlineOf(dims, trend([6, 7, 7]), 2026)).toEqual({
			dimensions: 3,
			measured: 3,
			levels: { from: 4, to: 4 },
			compared: 3,
			above: 2,
			change: { difference: 6.7, since: 2025 }
		});
	});

	it('leaves out what it cannot say: no score, a withheld median, a change missing in one dimension', () => {
		const dims = [
			{ score: 40, level: 3, median: null },
			{ score: null, level: null, median: 55 },
			{ score: 81, level: 5, median: 70 }
		];
		const h = headlineOf(dims, trend([2, null, null]), 2026);
		expect(h.measured).toBe(2);
		expect(h.levels).toEqual({ from: 3, to: 5 });
		expect(h.compared).toBe(1);
		expect(h.above).toBe(1);
		expect(h.change).toBeNull();
	});

	it('has no levels and no change when nothing is scored', () => {
		const h = headlineOf([{ score: null, level: null, median: null }], trend([null]), 2026);
		expect(h.levels).toBeNull();
		expect(h.change).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { trendSeries } from '../scoring/trend';
import { dimensionScores } from '../scoring/score';
import { loadQuestionnaires } from './load';

/** The shipped reference instrument is the product's core: hold its content to the brief. */
describe('the reference instrument questionnaires/digital-maturity', () => {
	const { files, problems } = loadQuestionnaires('questionnaires');
	const version = (n: number) => files.find((f) => f.definition.slug === 'digital-maturity' && f.definition.version === n)?.definition;

	it('is valid', () => {
		expect(problems).toEqual([]);
		expect(version(1)).toBeDefined();
		expect(version(2)).toBeDefined();
		expect(version(3)).toBeDefined();
	});

	it.each([1, 2, 3])('version %i has the five dimensions with at least eight items each', (n) => {
		const def = version(n)!;
		expect(def.dimensions.map((d) => d.key)).toEqual(['culture', 'strategy', 'leadership', 'competence', 'technology']);
		for (const d of def.dimensions) {
			expect(def.items.filter((i) => i.dimension === d.key).length, d.key).toBeGreaterThanOrEqual(8);
		}
	});

	it.each([1, 2])('version %i is written in all three languages, not copied from English', (n) => {
		const def = version(n)!;
		const texts = def.items.flatMap((i) => [i.text, i.help, ...(i.levels ?? []), ...(i.recommendations ?? [])]);
		expect(texts.length).toBe(def.items.length * 12);
		for (const t of texts) {
			expect(t.nb).not.toBe(t.en);
			expect(t.sv).not.toBe(t.en);
			expect(t.nb).not.toBe(t.sv);
		}
	});

	it.each([1, 2, 3])('version %i describes five distinct levels per item', (n) => {
		for (const item of version(n)!.items) {
			expect(new Set(item.levels!.map((l) => l.en)).size, item.key).toBe(5);
		}
	});

	it('version 2 rewords, changes, retires and adds items against version 1', () => {
		const counts = Object.values(version(2)!.crosswalk!.items).reduce<Record<string, number>>(
			(acc, status) => ({ ...acc, [status]: (acc[status] ?? 0) + 1 }),
			{}
		);
		expect(counts.reworded).toBeGreaterThanOrEqual(2);
		expect(counts.changed).toBe(1);
		expect(counts.retired).toBe(1);
		expect(counts.new).toBeGreaterThanOrEqual(2);
		expect(counts.identical).toBeGreaterThan(20);
	});

	it('version 3 is written in nb, nn, sv and en, each its own text', () => {
		const def = version(3)!;
		expect(def.languages).toEqual(['nb', 'nn', 'sv', 'en']);
		const texts = def.items.flatMap((i) => [i.text, i.help, ...(i.levels ?? []), ...(i.recommendations ?? [])]);
		expect(texts.length).toBe(def.items.length * 12);
		for (const t of texts) {
			expect(t.nn, t.en).toBeTruthy();
			expect(t.nn).not.toBe(t.nb);
			expect(t.sv).not.toBe(t.en);
		}
	});

	it('version 3 answers the review: no top level measured by influence on others, no translated Swedish, the flagged items reworked', () => {
		const def = version(3)!;
		const top = def.items.map((i) => ({ key: i.key, en: i.levels!.at(-1)!.en, sv: i.levels!.at(-1)!.sv }));
		for (const { key, en } of top)
			expect(en, key).not.toMatch(/as an example|other municipalities (use|follow|learn)|on behalf of (all|the other)|helps? other members/i);
		const swedish = def.items.flatMap((i) => [i.text.sv, i.help.sv, ...i.levels!.map((l) => l.sv)]).join('\n');
		expect(swedish).not.toMatch(/frikoppling|tvivel/i);
		const statuses = version(3)!.crosswalk!.items;
		expect(statuses['strategy.ambition-level']).toBe('changed');
		expect(statuses['leadership.top-management-ownership']).toBe('retired');
		expect(statuses['competence.change-leadership']).toBe('retired');
		expect(statuses['technology.service-automation']).toBe('retired');
		expect(statuses['competence.ordering-competence']).toBe('changed');
		// every item whose text or levels differ from v2 is marked (the crosswalk check enforces identical)
		const v2 = new Map(version(2)!.items.map((i) => [i.key, i]));
		for (const item of def.items) {
			const before = v2.get(item.key);
			const same =
				before && JSON.stringify([before.text.en, before.levels!.map((l) => l.en)]) === JSON.stringify([item.text.en, item.levels!.map((l) => l.en)]);
			if (!same) expect(statuses[item.key], item.key).not.toBe('identical');
		}
	});

	it('a trend across v2 → v3 breaks where the crosswalk says the items changed, and names them', () => {
		const [v2, v3] = [version(2)!, version(3)!];
		const round = (year: number, def: typeof v2) => ({
			year,
			slug: def.slug,
			version: def.version,
			scores: dimensionScores(def.scoring, def.items, [new Map(def.items.map((i) => [i.key, { kind: 'level', level: 3 } as const]))])
		});
		const series = trendSeries([round(2026, v2), round(2027, v3)], [v2, v3]);
		const statuses = v3.crosswalk!.items;
		for (const { dimension, points } of series) {
			const changed = Object.entries(statuses)
				.filter(([key, status]) => key.startsWith(`${dimension}.`) && status !== 'identical' && status !== 'reworded')
				.map(([key]) => key)
				.sort();
			expect(points[1]!.changedItems, dimension).toEqual(changed);
			expect(points[1]!.seriesBreak, dimension).toBe(changed.length > 0);
		}
		// the review's fixes touch every dimension: no series runs on unbroken from v2
		expect(series.every((s) => s.points[1]!.seriesBreak)).toBe(true);
	});
});

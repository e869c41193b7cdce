import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from './load';

/** The shipped reference instrument is the product's core: hold its content to the brief. */
describe('the reference instrument questionnaires/digital-maturity', () => {
	const { files, problems } = loadQuestionnaires('questionnaires');
	const version = (n: number) => files.find((f) => f.definition.slug === 'digital-maturity' && f.definition.version === n)?.definition;

	it('is valid', () => {
		expect(problems).toEqual([]);
		expect(version(1)).toBeDefined();
		expect(version(2)).toBeDefined();
	});

	it.each([1, 2])('version %i has the five dimensions with at least eight items each', (n) => {
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

	it.each([1, 2])('version %i describes five distinct levels per item', (n) => {
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
});

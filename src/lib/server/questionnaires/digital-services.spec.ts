import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from './load';
import { textsOf } from './schema';

/** The second shipped questionnaire: a short checklist that uses the item types, with sources for every item. */
describe('the checklist questionnaires/digital-services', () => {
	const { files, problems } = loadQuestionnaires('questionnaires');
	const def = files.find((f) => f.definition.slug === 'digital-services' && f.definition.version === 1)?.definition;

	it('is valid and written in nb, nn, sv and en', () => {
		expect(problems).toEqual([]);
		expect(def?.languages).toEqual(['nb', 'nn', 'sv', 'en']);
	});

	it('uses every item type', () => {
		expect(new Set(def!.items.map((i) => i.type ?? 'scale'))).toEqual(new Set(['scale', 'yes-partly-no', 'checklist', 'percent', 'count-band']));
	});

	it('names at least one https source for every item', () => {
		for (const item of def!.items) {
			expect(item.sources?.length, item.key).toBeGreaterThan(0);
			for (const source of item.sources!) expect(source.url, item.key).toMatch(/^https:\/\//);
		}
	});

	it('names the common national components of both countries', () => {
		const options = def!.items
			.find((i) => i.key === 'services.national-components')!
			.options!.map((o) => o.text.nb)
			.join(' ');
		for (const name of ['ID-porten', 'BankID', 'Digipost', 'Mina meddelanden', 'Fiks', 'Ineko', 'Altinn']) expect(options).toContain(name);
	});

	it('has its own words in each language, not copies of another', () => {
		const texts = textsOf(def as never).map((t) => t.text as Record<string, string>);
		const same = (a: string, b: string) => texts.filter((t) => t[a] === t[b] && t[a]!.length > 30).length;
		// Short names (Kultur, Infrastruktur) may coincide; sentences do not, except where nynorsk and bokmål truly agree.
		expect(same('sv', 'nb')).toBe(0);
		expect(same('en', 'nb')).toBe(0);
		expect(same('nn', 'nb')).toBeLessThanOrEqual(3);
	});
});

import { describe, expect, it } from 'vitest';
import { translate } from '$lib/server/i18n';
import { collator, formatDate, formatNumber, negotiateLocale } from './index';
import { catalogues } from './messages';
import { loadCatalogue } from './messages/load';

const { en, nb, nn, sv } = catalogues;

describe('negotiateLocale', () => {
	it.each([
		['nb-NO,nb;q=0.9,en;q=0.8', 'nb'],
		['nn-NO', 'nn'],
		['nn-NO,nb;q=0.9', 'nn'],
		['no', 'nb'],
		['sv-SE,sv;q=0.9', 'sv'],
		['en-US,en;q=0.9', 'en'],
		['de-DE,sv;q=0.5,en;q=0.7', 'en'],
		['fr', 'nb'],
		['', 'nb'],
		['sv;q=0, en;q=0.1', 'en'],
		['garbage;;q=abc', 'nb']
	])('%s → %s', (header, expected) => {
		expect(negotiateLocale(header)).toBe(expected);
	});
});

describe('catalogues', () => {
	it('translate every key into every language, with no empty or untranslated text', () => {
		for (const catalogue of [nb, nn, sv]) {
			expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
		}
		for (const [key, text] of Object.entries(en)) {
			for (const catalogue of [nb, nn, sv, en]) expect(catalogue[key as keyof typeof en].trim()).not.toBe('');
			// texts with words in them (not only parameters and punctuation) differ from English
			const words = /\p{L}{2,}/u.test(text.replace(/\{[^{}]*\}/g, ''));
			if ((key.startsWith('home.') || key.startsWith('nav.')) && words) {
				expect.soft(nb[key as keyof typeof en], key).not.toBe(text);
				expect.soft(sv[key as keyof typeof en], key).not.toBe(text);
			}
		}
	});

	it('keep the same parameters in every language', () => {
		// a plural's forms are text, not parameters: `{count, plural, …}` counts as {count}
		const withoutForms = (text: string) => text.replace(/\{(\w+), plural,(?:\s*\w+\s*\{[^{}]*\})+\s*\}/g, '{$1}');
		const params = (text: string) => [...new Set([...withoutForms(text).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			for (const catalogue of [nb, nn, sv]) expect(params(catalogue[key]), key).toEqual(params(en[key]));
		}
	});

	it('give every key to one file only, so no feature overrides another', () => {
		// every feature's English file, found on disk so a new feature is counted too
		const modules = import.meta.glob<{ en: Record<string, string> }>('./messages/*/en.ts', { eager: true });
		const files = Object.values(modules).map((module) => Object.keys(module.en));
		expect(files.length).toBeGreaterThan(10);
		expect(files.flat().length).toBe(new Set(files.flat()).size);
		expect(files.flat().length).toBe(Object.keys(en).length);
	});

	it('pick the form of a count by the language’s plural rules', () => {
		for (const locale of ['nb', 'nn', 'sv', 'en'] as const) {
			expect(translate(locale, 'home.coordinate.awaiting', { count: 1 })).not.toBe(translate(locale, 'home.coordinate.awaiting', { count: 2 }));
			expect(translate(locale, 'home.coordinate.awaiting', { count: 0 })).toBe(translate(locale, 'home.coordinate.awaiting', { count: 2 }).replace('2', '0'));
		}
		expect(translate('nb', 'result.pooled_n', { count: 1 })).toBe('Samlet resultat av 1 innsendt besvarelse');
		expect(translate('nb', 'result.pooled_n', { count: 3 })).toBe('Samlet resultat av 3 innsendte besvarelser');
		expect(translate('nn', 'result.pooled_n', { count: 1 })).toBe('Samla resultat av 1 innsend svar');
	});

	it('load one language for the browser, the same as the server has', async () => {
		expect(await loadCatalogue('sv')).toEqual(sv);
		expect(await loadCatalogue('nb')).toEqual(nb);
		expect(await loadCatalogue('nn')).toEqual(nn);
		expect(await loadCatalogue('en')).toEqual(en);
	});

	it('choose the plural form by Intl.PluralRules in the reader\'s language, never "reminder(s)"', () => {
		expect(translate('en', 'completion.reminded', { count: 1 })).toBe('1 reminder sent by e-mail.');
		expect(translate('en', 'completion.reminded', { count: 3 })).toBe('3 reminders sent by e-mail.');
		expect(translate('nn', 'completion.reminded', { count: 1 })).toBe('1 påminning send på e-post.');
		expect(translate('nn', 'completion.reminded', { count: 2 })).toBe('2 påminningar sende på e-post.');
		expect(translate('sv', 'completion.reminded', { count: 1 })).toBe('1 påminnelse skickad via e-post.');
		expect(translate('nb', 'results.series_break', { count: 0 })).toBe('brudd: 0 spørsmål endret');
		expect(translate('en', 'results.series_break', { count: 0 })).toBe('break: 0 questions changed');
		for (const catalogue of [en, nb, nn, sv]) for (const [key, text] of Object.entries(catalogue)) expect(text, key).not.toMatch(/\((s|r|er|ar|or)\)/);
	});

	it('fill in parameters and leave unknown ones visible', () => {
		expect(translate('en', 'home.today', { date: '23/11/2026' })).toBe('Today is 23/11/2026.');
		expect(translate('nb', 'home.today')).toBe('I dag er det {date}.');
	});
});

describe('formats', () => {
	const date = new Date('2026-03-05T10:00:00Z');

	it('write dates the Norwegian, Swedish and English way', () => {
		expect(formatDate('nb', date)).toBe('05.03.2026');
		expect(formatDate('sv', date)).toBe('2026-03-05');
		expect(formatDate('en', date)).toBe('05/03/2026');
	});

	it('use a decimal comma in Norwegian and Swedish', () => {
		expect(formatNumber('nb', 62.5, 1)).toBe('62,5');
		expect(formatNumber('sv', 62.5, 1)).toBe('62,5');
		expect(formatNumber('en', 62.5, 1)).toBe('62.5');
	});

	it('sort æøå and åäö after z', () => {
		const names = ['Åmli', 'Ørland', 'Zeta', 'Ås', 'Alvdal', 'Ænes'];
		expect([...names].sort(collator('nb').compare)).toEqual(['Alvdal', 'Zeta', 'Ænes', 'Ørland', 'Åmli', 'Ås']);
		expect(['Örebro', 'Älmhult', 'Åre', 'Zinkgruvan'].sort(collator('sv').compare)).toEqual(['Zinkgruvan', 'Åre', 'Älmhult', 'Örebro']);
	});
});

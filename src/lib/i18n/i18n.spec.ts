import { describe, expect, it } from 'vitest';
import { translate } from '$lib/server/i18n';
import { collator, formatDate, formatNumber, negotiateLocale, pluralKey } from './index';
import { catalogues } from './messages';
import { en as access } from './messages/access/en';
import { en as answering } from './messages/answering/en';
import { en as collaborationAdmin } from './messages/collaboration-admin/en';
import { en as core } from './messages/core/en';
import { loadCatalogue } from './messages/load';
import { en as results } from './messages/results/en';
import { en as rounds } from './messages/rounds/en';
import { en as privacy } from './messages/privacy/en';
import { en as api } from './messages/api/en';
import { en as reminders } from './messages/reminders/en';
import { en as sso } from './messages/sso/en';
import { en as home } from './messages/home/en';

const { en, nb, sv } = catalogues;

describe('negotiateLocale', () => {
	it.each([
		['nb-NO,nb;q=0.9,en;q=0.8', 'nb'],
		['nn-NO', 'nb'],
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
		for (const catalogue of [nb, sv]) {
			expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
		}
		for (const [key, text] of Object.entries(en)) {
			for (const catalogue of [nb, sv, en]) expect(catalogue[key as keyof typeof en].trim()).not.toBe('');
			if (key.startsWith('home.') || key.startsWith('nav.')) {
				expect.soft(nb[key as keyof typeof en], key).not.toBe(text);
				expect.soft(sv[key as keyof typeof en], key).not.toBe(text);
			}
		}
	});

	it('keep the same parameters in every language', () => {
		const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			expect(params(nb[key]), key).toEqual(params(en[key]));
			expect(params(sv[key]), key).toEqual(params(en[key]));
		}
	});

	it('give every key to one file only, so no feature overrides another', () => {
		const files = [core, access, collaborationAdmin, rounds, answering, results, privacy, api, reminders, sso, home].map((file) => Object.keys(file));
		expect(files.flat().length).toBe(new Set(files.flat()).size);
		expect(files.flat().length).toBe(Object.keys(en).length);
	});

	it('pick the form of a count by the language’s plural rules', () => {
		for (const locale of ['nb', 'sv', 'en'] as const) {
			expect(pluralKey(locale, 'home.coordinate.awaiting', 1)).toBe('home.coordinate.awaiting.one');
			expect(pluralKey(locale, 'home.coordinate.awaiting', 0)).toBe('home.coordinate.awaiting.other');
			expect(pluralKey(locale, 'home.coordinate.awaiting', 2)).toBe('home.coordinate.awaiting.other');
		}
		expect(translate('nb', pluralKey('nb', 'result.pooled_n', 1), { count: 1 })).toBe('Samlet resultat av 1 innsendt besvarelse');
	});

	it('load one language for the browser, the same as the server has', async () => {
		expect(await loadCatalogue('sv')).toEqual(sv);
		expect(await loadCatalogue('nb')).toEqual(nb);
		expect(await loadCatalogue('en')).toEqual(en);
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
		expect(['Örebro', 'Älmhult', 'Åre', 'Zinkgruvan'].sort(collator('sv').compare)).toEqual([
			'Zinkgruvan',
			'Åre',
			'Älmhult',
			'Örebro'
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { definition } from '../questionnaires/fixtures';
import { questionnaireDefinition, type LocalisedText } from '../questionnaires/schema';
import { prefillFromItem } from './prefill';

const t = (en: string) => ({ nb: `${en} (nb)`, sv: `${en} (sv)`, en }) as LocalisedText;
const problemsOf = (value: unknown) => questionnaireDefinition.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
const link = { publisher: 'digdir', url: 'https://www.digdir.no/samhandling/overordnede-arkitekturprinsipper/1065', title: t('Architecture principles') };

describe('advice per item level in the instrument', () => {
	it('is optional, and accepted with text and links to national guidance', () => {
		const def = definition();
		def.items[0]!.advice = [{ level: 1, text: t('Start small'), links: [link as never] }];
		expect(problemsOf(def)).toEqual([]);
	});

	it('checks every language of the link titles and text, the address, the publisher and the level', () => {
		const def = definition();
		def.items[0]!.advice = [
			{ level: 1, links: [{ ...link, title: { nb: 'Prinsipper', en: 'Principles' } as LocalisedText } as never] },
			{ level: 1, links: [{ ...link, url: 'http://example.org' } as never] },
			{ level: 6, text: { nb: 'Tekst', sv: '', en: 'Text' } as LocalisedText, links: [{ ...link, publisher: 'nasa' } as never] },
			{ level: 2, links: [] }
		];
		expect(problemsOf(def)).toEqual([
			'items.0.advice.1.links.0.url: must be an https:// address',
			'items.0.advice.2.text.sv: must not be empty',
			'items.0.advice.2.links.0.publisher: must be digdir, ks, digg, skr or other',
			'items.0.advice.3.links: needs at least one link',
			'items.0.advice.1.level: advice for level 1 is given twice',
			'items.0.advice.2.level: the item has 5 points, so there is no level 6',
			'items.0.advice.0.links.0.title.sv: is missing: the file declares nb, sv, en'
		]);
	});

	it('pre-fills an initiative from an item: the recommendation and advice of the level reached, its links, the next level as the aim', () => {
		const def = definition();
		def.items[0]!.advice = [{ level: 2, text: t('Ask the users'), links: [link as never] }];
		const prefill = prefillFromItem(questionnaireDefinition.parse(def), 'culture.openness', 2, 'nb')!;
		expect(prefill).toMatchObject({ title: 'Question culture.openness (nb)', itemKeys: ['culture.openness'], targetLevel: 3 });
		expect(prefill.description).toBe(`Advice for culture.openness 2 (nb)\n\nAsk the users (nb)\n\nArchitecture principles (nb): ${link.url}`);
		expect(prefill.links).toEqual([{ publisher: 'digdir', url: link.url, title: 'Architecture principles (nb)' }]);
		expect(prefillFromItem(def, 'culture.openness', 5, 'en')!.targetLevel).toBe(5);
		expect(prefillFromItem(def, 'culture.unknown', 1, 'en')).toBeNull();
	});
});

describe('the reference instrument’s advice', () => {
	it('gives every item of every version advice with links to national guidance for levels 1 to 3, outside the frozen content', async () => {
		const { loadQuestionnaires } = await import('../questionnaires/load');
		const loaded = loadQuestionnaires('questionnaires');
		expect(loaded.problems).toEqual([]);
		// the reference instrument's versions; the digital services checklist has sources instead
		const files = loaded.files.filter((f) => f.definition.slug === 'digital-maturity');
		expect(files.map((f) => f.definition.version)).toEqual([1, 2, 3]);
		for (const file of files) {
			for (const item of file.definition.items) {
				expect(
					item.advice?.map((a) => a.level),
					item.key
				).toEqual([1, 2, 3]);
				for (const a of item.advice!)
					expect(
						a.links.some((l) => ['digdir', 'ks', 'digg', 'skr'].includes(l.publisher)),
						item.key
					).toBe(true);
			}
		}
		const { hashOf } = await import('../questionnaires/load');
		const def = files[0]!.definition;
		const without = { ...def, items: def.items.map(({ advice: _a, ...rest }) => rest) };
		expect(hashOf(without)).toBe(files[0]!.contentHash);
		expect(hashOf({ ...def, title: { ...def.title, en: 'Changed' } })).not.toBe(files[0]!.contentHash);
	}, 30_000); // reads every version of the instrument: slow on a busy machine
});

describe('the initiative form', () => {
	it('takes a due date as yyyy-mm-dd of a real day in a plausible year, and lists of questions and members', async () => {
		const { parseDetails } = await import('./form');
		const form = (fields: Record<string, string | string[]>) => {
			const f = new FormData();
			for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
			return f;
		};
		const ok = parseDetails(
			form({
				title: ' Tjenestedesign ',
				description: 'Linje 1\nLinje 2',
				targetLevel: '3',
				owner: '',
				dueOn: '2028-02-29',
				item: ['culture.openness', 'culture.openness'],
				dimension: 'strategy'
			})
		);
		expect(ok).toEqual({
			ok: true,
			value: {
				title: 'Tjenestedesign',
				description: 'Linje 1\nLinje 2',
				targetLevel: 3,
				ownerId: null,
				dueOn: '2028-02-29',
				itemKeys: ['culture.openness'],
				dimensions: ['strategy'],
				participants: []
			}
		});
		for (const dueOn of ['2027-02-30', '0000-01-01', '31.03.2027']) {
			expect(parseDetails(form({ title: 'x', dueOn })), dueOn).toMatchObject({ ok: false, errors: { dueOn: 'initiative.error.date' } });
		}
		expect(parseDetails(form({ title: '', owner: 'not-an-id' }))).toMatchObject({ ok: false, errors: { title: 'form.required', owner: 'form.unknown_id' } });
		expect(parseDetails(form({ title: 'x', item: 'DROP TABLE' }))).toMatchObject({ ok: false, errors: { items: 'form.invalid' } });
	});
});

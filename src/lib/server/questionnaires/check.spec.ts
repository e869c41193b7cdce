import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { definition, item } from './fixtures';
import { formatProblem, loadQuestionnaires } from './load';
import type { QuestionnaireDefinition } from './schema';

/**
 * `npm run questionnaires:check` over one file per case: what each item type and the
 * declared languages demand, as the problems the check prints (file:line — path — what).
 */
let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

type Def = QuestionnaireDefinition;
type Texts = Record<string, unknown>;

/** Rewrites every text of a definition to exactly `languages` (the fixtures are in nb, sv, en). */
function inLanguages(def: Def, languages: string[]): Def {
	const rewrite = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(rewrite);
		if (v && typeof v === 'object') {
			const o = v as Texts;
			if (typeof o.en === 'string') return Object.fromEntries(languages.map((l) => [l, `${o.en} (${l})`]));
			return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, rewrite(x)]));
		}
		return v;
	};
	return { ...(rewrite(def) as Def), languages: languages as Def['languages'] };
}

const en = (text: string) => ({ en: text }) as never;

function check(def: Def) {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-check-'));
	const text = stringify(def);
	fs.mkdirSync(path.join(root, def.slug));
	fs.writeFileSync(path.join(root, def.slug, `${def.version}.yaml`), text);
	const file = path.relative(process.cwd(), path.join(root, def.slug, `${def.version}.yaml`));
	const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
	// A block (a list, a map) starts on the line after its key.
	const blockAfter = (key: string) => lineOf(key) + 1;
	return { problems: loadQuestionnaires(root).problems.map(formatProblem), file, lineOf, blockAfter, text };
}

const englishOnly = () =>
	inLanguages(
		definition({
			items: [
				item('culture.openness', { type: 'yes-partly-no', levels: undefined, recommendations: undefined }),
				item('culture.sharing', {
					type: 'checklist',
					levels: undefined,
					recommendations: undefined,
					options: [
						{ key: 'forum', text: en('A forum') },
						{ key: 'wiki', text: en('A wiki'), weight: 2 },
						{ key: 'none', text: en('None of these'), exclusive: true }
					]
				}),
				item('technology.shared-systems', {
					type: 'percent',
					levels: undefined,
					recommendations: undefined,
					score_bands: [
						{ from: 0, score: 0 },
						{ from: 50, score: 50 },
						{ from: 90, score: 100 }
					]
				}),
				item('technology.security', {
					type: 'count-band',
					levels: undefined,
					recommendations: undefined,
					unit: en('exercises'),
					score_bands: [
						{ from: 0, score: 0 },
						{ from: 1, score: 60 },
						{ from: 3, score: 100 }
					]
				}),
				item('technology.scale', {
					values: [0, 50, 100],
					levels: [en('Low'), en('Middle'), en('High')],
					recommendations: [en('Start'), en('Go on'), en('Keep it')]
				})
			]
		}),
		['en']
	);

describe('questionnaires:check, case by case', () => {
	const cases: { name: string; def: () => Def; expected: (c: ReturnType<typeof check>) => string[] }[] = [
		{ name: 'an English-only file with every item type is valid', def: englishOnly, expected: () => [] },
		{
			name: 'a file in nb, nn, sv and en is valid',
			def: () => inLanguages(definition(), ['nb', 'nn', 'sv', 'en']),
			expected: () => []
		},
		{
			name: 'a nynorsk text missing is one error, at its line',
			def: () => {
				const def = inLanguages(definition(), ['nb', 'nn', 'sv', 'en']);
				delete (def.items[1]!.help as Texts).nn;
				return def;
			},
			expected: (c) => [`${c.file}:${c.lineOf('nb: Help culture.sharing (nb)')} — items.1.help.nn — is missing: the file declares nb, nn, sv, en`]
		},
		{
			name: 'a text in a language the file does not declare is one error',
			def: () => {
				const def = englishOnly();
				(def.title as Texts).nb = 'Eksempel';
				return def;
			},
			expected: (c) => [`${c.file}:${c.lineOf('nb: Eksempel')} — title.nb — is not a declared language (en): declare it under languages or remove the text`]
		},
		{
			name: 'a scale with four points and one missing descriptor is one error',
			def: () => {
				const def = englishOnly();
				def.items[4] = item('technology.scale', {
					text: en('Scale'),
					help: en('Help'),
					values: [0, 30, 60, 100],
					levels: [en('One'), en('Two'), en('Three')],
					recommendations: [en('A'), en('B'), en('C'), en('D')]
				});
				return def;
			},
			expected: (c) => [`${c.file}:${c.lineOf('- en: One')} — items.4.levels — needs 4 level descriptors, one per point (has 3)`]
		},
		{
			name: 'a scale of eight points is one error',
			def: () => {
				const def = englishOnly();
				def.items[4]!.values = [0, 10, 20, 30, 40, 50, 60, 100];
				return def;
			},
			expected: (c) => [`${c.file}:${c.lineOf('- 10\n') - 1} — items.4.values — a scale has 3 … 7 points, not 8`]
		},
		{
			name: 'a checklist with two exclusive options is one error',
			def: () => {
				const def = englishOnly();
				def.items[1]!.options![0]!.exclusive = true;
				return def;
			},
			expected: (c) => [`${c.file}:${c.blockAfter('options:')} — items.1.options — at most one option may be exclusive`]
		},
		{
			name: 'a percent band above 100 and a falling score are one error each',
			def: () => {
				const def = englishOnly();
				def.items[2]!.score_bands = [
					{ from: 0, score: 10 },
					{ from: 120, score: 5 }
				];
				return def;
			},
			expected: (c) => [
				`${c.file}:${c.lineOf('from: 120')} — items.2.score_bands.1.from — a percent is at most 100`,
				`${c.file}:${c.lineOf('from: 120') + 1} — items.2.score_bands.1.score — scores must not decrease as the amount grows`
			]
		},
		{
			name: 'a field the item type does not use is one error',
			def: () => {
				const def = englishOnly();
				def.items[0]!.options = def.items[1]!.options;
				return def;
			},
			expected: (c) => [`${c.file}:${c.blockAfter('options:')} — items.0.options — is not used by a yes-partly-no item`]
		}
	];

	for (const c of cases) {
		it(c.name, () => {
			const result = check(c.def());
			expect(result.problems).toEqual(c.expected(result));
		});
	}
});

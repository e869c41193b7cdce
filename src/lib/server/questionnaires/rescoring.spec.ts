import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { dimensionScores, type Answers } from '../scoring/score';
import { trendSeries } from '../scoring/trend';
import { crosswalkProblems, crosswalkView } from './crosswalk';
import { definition, item } from './fixtures';
import { formatProblem, loadQuestionnaires } from './load';
import type { LocalisedText, QuestionnaireDefinition, Rescoring } from './schema';

let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const reason = { nb: 'Ny skåring', sv: 'Ny poängsättning', en: 'New scoring' } as LocalisedText;
const v1 = definition();
/** Version 2 calls every item identical, changes what `change` changes and declares `rescored`. */
function v2(change: (def: QuestionnaireDefinition) => void, rescored?: Rescoring['items'][]): QuestionnaireDefinition {
	const def = definition({ version: 2, crosswalk: { previous: 1, items: Object.fromEntries(v1.items.map((i) => [i.key, 'identical' as const])) } });
	change(def);
	if (rescored) def.crosswalk!.rescored = rescored.map((items) => ({ items, reason }));
	return def;
}

function check(two: QuestionnaireDefinition) {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-rescoring-'));
	fs.mkdirSync(path.join(root, 'sample'));
	const text = stringify(two);
	fs.writeFileSync(path.join(root, 'sample/1.yaml'), stringify(v1));
	fs.writeFileSync(path.join(root, 'sample/2.yaml'), text);
	const { files, problems } = loadQuestionnaires(root);
	const file = path.relative(process.cwd(), path.join(root, 'sample/2.yaml'));
	const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
	return { files, problems: problems.map(formatProblem), file, lineOf };
}

const every = 'every item the crosswalk calls identical or reworded (4)';
const keep = 'declare it in crosswalk.rescored (a series break) or keep the rule of version 1';

// Each change of a rule, where the check puts it (a needle in the file; a list starts on the
// line after its key) and what it says; `declare` is what makes it pass.
const cases: {
	name: string;
	change: (def: QuestionnaireDefinition) => void;
	at: [needle: string, linesAfter: number];
	problem: string;
	declare: Rescoring['items'];
	breaks: { dimension: string; items: string[] }[];
}[] = [
	{
		name: 'level values',
		change: (def) => void (def.scoring.values = [0, 20, 50, 80, 100]),
		at: ['values:', 1],
		problem: `scoring.values — the level values are 0, 20, 50, 80, 100 (0, 25, 50, 75, 100 in version 1), which rescores ${every}: ${keep}`,
		declare: 'all',
		breaks: [
			{ dimension: 'culture', items: ['culture.openness', 'culture.sharing'] },
			{ dimension: 'technology', items: ['technology.security', 'technology.shared-systems'] }
		]
	},
	{
		name: 'bands',
		change: (def) => void (def.scoring.bands[3]!.from = 65),
		at: ['bands:', 1],
		problem: `scoring.bands — the bands start at 0, 20, 40, 65, 80 (0, 20, 40, 60, 80 in version 1), which rescores ${every}: ${keep}`,
		declare: 'all',
		breaks: [
			{ dimension: 'culture', items: ['culture.openness', 'culture.sharing'] },
			{ dimension: 'technology', items: ['technology.security', 'technology.shared-systems'] }
		]
	},
	{
		name: 'coverage rule',
		change: (def) => void (def.scoring.coverage = 0.5),
		at: ['coverage: 0.5', 0],
		problem: `scoring.coverage — the coverage rule is 50 % (60 % in version 1), which rescores ${every}: ${keep}`,
		declare: 'all',
		breaks: [
			{ dimension: 'culture', items: ['culture.openness', 'culture.sharing'] },
			{ dimension: 'technology', items: ['technology.security', 'technology.shared-systems'] }
		]
	},
	{
		name: 'weight',
		change: (def) => void (def.items[0]!.weight = 3),
		at: ['weight: 3', 0],
		problem:
			'items.0.weight — "culture.openness" is marked identical but its weight goes from 1 to 3, ' +
			`so its share of the weight of "culture"'s compared items goes from 50 % to 75 %: ${keep}`,
		declare: ['culture.openness'],
		breaks: [{ dimension: 'culture', items: ['culture.openness'] }]
	},
	{
		name: 'N/A rule',
		change: (def) => void (def.items[3]!.allow_na = true),
		at: ['allow_na: true', 0],
		problem: `items.3.allow_na — "technology.security" is marked identical but N/A is allowed, which it was not in version 1: ${keep}`,
		declare: ['technology.security'],
		breaks: [{ dimension: 'technology', items: ['technology.security'] }]
	}
];

describe('the questionnaire check compares the scoring rules of compared items', () => {
	it.each(cases)('fails on a change of the $name with file:line, path and what', ({ change, at, problem }) => {
		const { files, problems, file, lineOf } = check(v2(change));
		expect(problems).toEqual([`${file}:${lineOf(at[0]) + at[1]} — ${problem}`]);
		expect(files.map((f) => f.definition.version)).toEqual([1]);
	});

	it.each(cases)('passes a declared change of the $name, and the trend breaks naming the items', ({ change, declare, breaks }) => {
		const { files, problems } = check(v2(change, [declare]));
		expect(problems).toEqual([]);
		const [one, two] = files.map((f) => f.definition);
		const everyone: Answers[] = [new Map(v1.items.map((i) => [i.key, { kind: 'level', level: 3 } as const]))];
		const round = (year: number, def: QuestionnaireDefinition) => ({
			year,
			slug: def.slug,
			version: def.version,
			scores: dimensionScores(def.scoring, def.items, everyone)
		});
		const series = trendSeries([round(2025, one!), round(2026, two!)], [one!, two!]);
		const last = Object.fromEntries(series.map((s) => [s.dimension, s.points[1]!]));
		for (const { dimension, items } of breaks) {
			expect(last[dimension], dimension).toMatchObject({ seriesBreak: true, changedItems: items, rescoredItems: items });
		}
		for (const dimension of ['culture', 'technology'].filter((d) => !breaks.some((b) => b.dimension === d))) {
			expect(last[dimension], dimension).toMatchObject({ seriesBreak: false, changedItems: [], rescoredItems: [] });
		}
	});

	it('passes weights that all change alike: the shares within the dimension stay', () => {
		expect(check(v2((def) => def.items.forEach((i) => (i.weight = 2)))).problems).toEqual([]);
	});

	it('judges weights only against the items still compared: a new or declared neighbour does not count', () => {
		const { problems } = check(
			v2(
				(def) => {
					def.items[0]!.weight = 5; // declared below
					def.items[3]!.weight = 4; // technology.security becomes changed, so shared-systems is alone
					def.crosswalk!.items['technology.security'] = 'changed';
				},
				[['culture.openness']]
			)
		);
		expect(problems).toEqual([]);
	});

	it('names only the item whose weight moved against the rest, and each item once', () => {
		const three = definition({ items: [...definition().items, item('culture.third')] });
		const current = (change: (def: QuestionnaireDefinition) => void) => {
			const def = structuredClone({
				...three,
				version: 2,
				crosswalk: { previous: 1, items: Object.fromEntries(three.items.map((i) => [i.key, 'identical' as const])) }
			});
			change(def);
			return crosswalkProblems(crosswalkView(def)!, crosswalkView(three)).map((p) => `${p.path.join('.')}: ${p.message.split(':')[0]}`);
		};
		expect(current((def) => ((def.items[1]!.weight = 2), (def.items[1]!.allow_na = true)))).toEqual([
			'items.1.weight: "culture.sharing" is marked identical but its weight goes from 1 to 2, so its share of the weight of "culture"\'s compared items goes from 33.3 % to 50 %, and N/A is allowed, which it was not in version 1'
		]);
	});

	it('refuses a declaration that breaks a series for nothing', () => {
		const { problems, file, lineOf } = check(
			v2((def) => (def.crosswalk!.items['technology.security'] = 'changed'), ['all', ['culture.sharing', 'technology.security', 'culture.ghost']])
		);
		expect(problems).toEqual([
			`${file}:${lineOf('items: all')} — crosswalk.rescored.0.items — declares every item rescored, but the values, scale, bands and coverage are those of version 1: name the items whose weight or N/A rule changed`,
			`${file}:${lineOf('- culture.sharing')} — crosswalk.rescored.1.items.0 — "culture.sharing" is scored as in version 1: remove it, or its series breaks for nothing`,
			`${file}:${lineOf('- technology.security')} — crosswalk.rescored.1.items.1 — "technology.security" is marked changed: only identical and reworded items are compared, so only they can be rescored`,
			`${file}:${lineOf('- culture.ghost')} — crosswalk.rescored.1.items.2 — "culture.ghost" is not in the crosswalk: only identical and reworded items are compared, so only they can be rescored`
		]);
	});

	it('reports a change of scale once, not also as new values', () => {
		const current = crosswalkView(v2(() => {}))!;
		current.scoring.values = [0, 50, 100];
		expect(crosswalkProblems(current, crosswalkView(v1)).map((p) => p.message.split(',')[0])).toEqual(['the scale has 3 levels (5 in version 1)']);
	});
});

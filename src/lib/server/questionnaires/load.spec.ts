import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { definition } from './fixtures';
import { formatProblem, loadQuestionnaires } from './load';
import type { QuestionnaireDefinition } from './schema';

let root: string;
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>) {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-q-'));
	for (const [name, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
		fs.writeFileSync(path.join(root, name), text);
	}
}

const v1 = () => stringify(definition());
const v2 = (change: (def: QuestionnaireDefinition) => void = () => {}) => {
	const def = definition({
		version: 2,
		crosswalk: { previous: 1, items: Object.fromEntries(definition().items.map((i) => [i.key, 'reworded' as const])) }
	});
	change(def);
	return stringify(def);
};
const lineOf = (text: string, needle: string, from = 0) => {
	const index = text.indexOf(needle, from);
	expect(index, needle).toBeGreaterThanOrEqual(0);
	return text.slice(0, index).split('\n').length;
};

describe('loadQuestionnaires', () => {
	it('loads valid versions with their content hash', () => {
		write({ 'sample/1.yaml': v1(), 'sample/2.yaml': v2() });
		const { files, problems } = loadQuestionnaires(root);
		expect(problems).toEqual([]);
		expect(files.map((f) => [f.definition.version, f.contentHash.length])).toEqual([
			[1, 64],
			[2, 64]
		]);
	});

	it('keeps the content hash when only comments and layout change', () => {
		write({ 'sample/1.yaml': v1() });
		const before = loadQuestionnaires(root).files[0]!.contentHash;
		fs.writeFileSync(path.join(root, 'sample/1.yaml'), `# a comment\n${v1()}\n\n`);
		expect(loadQuestionnaires(root).files[0]!.contentHash).toBe(before);
		fs.writeFileSync(path.join(root, 'sample/1.yaml'), v1().replace('Question culture.openness', 'Another question'));
		expect(loadQuestionnaires(root).files[0]!.contentHash).not.toBe(before);
	});

	it('reports five different defects at once, each with file and line', () => {
		let two = v2((def) => {
			def.items.push(structuredClone(def.items[1]!)); // 4: a duplicate key
			def.crosswalk!.items['culture.ghost'] = 'new'; // 5: the crosswalk names an unknown key
		});
		const svLevel = '      - nb: Level of culture.openness 3 (nb)\n        sv: Level of culture.openness 3 (sv)\n';
		expect(two).toContain(svLevel);
		two = two.replace(svLevel, '      - nb: Level of culture.openness 3 (nb)\n'); // 1: a missing Swedish level text
		const weight = two.indexOf('weight: 1', two.indexOf('key: technology.shared-systems'));
		two = `${two.slice(0, weight)}weight: 0${two.slice(weight + 'weight: 1'.length)}`; // 2: a weight ≤ 0
		two = two.replace(/kind: practice/, 'kind: opinion'); // 3: a value of the wrong kind
		write({ 'sample/1.yaml': v1(), 'sample/2.yaml': two });

		const { files, problems } = loadQuestionnaires(root);
		const file = path.relative(process.cwd(), path.join(root, 'sample/2.yaml'));
		const duplicate = two.indexOf('key: culture.sharing', two.indexOf('key: culture.sharing') + 1);
		expect(problems.map(formatProblem)).toEqual([
			`${file}:${lineOf(two, 'kind: opinion')} — items.0.kind — must be practice or perception`,
			`${file}:${lineOf(two, '- nb: Level of culture.openness 3')} — items.0.levels.2.sv — is missing: the file declares nb, sv, en`,
			`${file}:${lineOf(two, 'weight: 0')} — items.2.weight — must be greater than 0`,
			`${file}:${lineOf(two, 'key: culture.sharing', duplicate)} — items.4.key — duplicate item key "culture.sharing"`,
			`${file}:${lineOf(two, 'culture.ghost: new')} — crosswalk.items.culture.ghost — names an unknown item "culture.ghost" (in neither version 1 nor 2)`
		]);
		expect(files.map((f) => f.definition.version)).toEqual([1]);
	});

	it('checks folder and file names against slug and version', () => {
		write({ 'other/1.yaml': v1(), 'sample/3.yaml': v1(), 'sample/notes.txt': 'x' });
		expect(loadQuestionnaires(root).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
			': a questionnaire file must be named <version>.yaml, e.g. 1.yaml',
			'slug: must be "other", the name of its folder',
			'version: must be 3, as the file is named'
		]);
	});

	it('rejects hostile YAML with a message instead of crashing', () => {
		const bomb = [
			'a: &a ["x","x","x","x","x","x","x","x","x"]',
			...'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`)
		].join('\n');
		const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
		write({
			'bomb/1.yaml': bomb,
			'deep/1.yaml': deep,
			'dupe/1.yaml': 'slug: dupe\nslug: dupe\n',
			'types/1.yaml': 'slug: 42\nversion: "one"\nitems: {}\n',
			'broken/1.yaml': 'slug: [unclosed\n',
			'huge/1.yaml': `# ${'x'.repeat(3 * 1024 * 1024)}\n`
		});
		const { files, problems } = loadQuestionnaires(root);
		expect(files).toEqual([]);
		const byFile = (name: string) => problems.filter((p) => p.file.includes(`${name}/1.yaml`)).map((p) => p.message);
		expect(byFile('bomb').join()).toMatch(/Excessive alias count|cannot be read/);
		expect(byFile('deep').length).toBeGreaterThan(0);
		expect(byFile('dupe').join()).toMatch(/not valid YAML: Map keys must be unique/);
		expect(byFile('types')).toContain('must be text');
		expect(byFile('broken').join()).toMatch(/not valid YAML/);
		expect(byFile('huge')).toEqual([expect.stringMatching(/bytes; at most 2097152 are accepted/)]);
	});
});

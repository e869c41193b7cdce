import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { crosswalkProblems, crosswalkView, type CrosswalkView } from './crosswalk';
import { questionnaireDefinition, type QuestionnaireDefinition } from './schema';

export interface Problem {
	file: string;
	line: number;
	path: string;
	message: string;
}

export interface QuestionnaireFile {
	file: string;
	definition: QuestionnaireDefinition;
	/** SHA-256 of the content (not of comments or layout): what publishing freezes. */
	contentHash: string;
}

export interface LoadResult {
	files: QuestionnaireFile[];
	problems: Problem[];
}

/** Refuse before parsing: no real questionnaire comes near this, a hostile file may. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const FILE_NAME = /^([1-9][0-9]{0,3})\.ya?ml$/;

export function formatProblem(p: Problem): string {
	return `${p.file}:${p.line} — ${p.path || '(file)'} — ${p.message}`;
}

/**
 * Reads every `<slug>/<version>.yaml` under `root`, validates each and their
 * crosswalks, and returns the valid versions together with every problem found,
 * each with file and line. Nothing throws for bad content: a broken file is a list
 * of problems, never a crash.
 */
export function loadQuestionnaires(root: string): LoadResult {
	const problems: Problem[] = [];
	const entries: Entry[] = [];
	const display = (file: string) => path.relative(process.cwd(), file) || file;

	for (const slug of listDirectories(root)) {
		for (const name of fs.readdirSync(path.join(root, slug)).sort()) {
			const file = path.join(root, slug, name);
			const shown = display(file);
			const match = FILE_NAME.exec(name);
			if (!match) {
				problems.push({ file: shown, line: 1, path: '', message: 'a questionnaire file must be named <version>.yaml, e.g. 1.yaml' });
				continue;
			}
			const result = parseFile(file, shown);
			const own = [...result.problems];
			const view = crosswalkView(result.raw);
			if (view && view.slug !== slug) own.push(at(result, ['slug'], `must be "${slug}", the name of its folder`));
			if (view && view.version !== Number(match[1])) own.push(at(result, ['version'], `must be ${match[1]}, as the file is named`));
			entries.push({ ...result, view, problems: own });
		}
	}

	const files: QuestionnaireFile[] = [];
	for (const entry of entries) {
		const { view } = entry;
		if (view?.crosswalk) {
			const previous = entries.find((e) => e.view?.slug === view.slug && e.view.version === view.crosswalk!.previous);
			entry.problems.push(...crosswalkProblems(view, previous?.view).map((p) => at(entry, p.path, p.message)));
		}
		problems.push(...entry.problems.sort((a, b) => a.line - b.line));
		if (entry.problems.length === 0 && entry.definition) {
			files.push({ file: entry.file, definition: entry.definition, contentHash: hashOf(entry.definition) });
		}
	}
	return { files, problems };
}

interface Entry extends Parsed {
	definition?: QuestionnaireDefinition;
	view?: CrosswalkView;
	problems: Problem[];
}

interface Parsed {
	file: string;
	doc: Document;
	lines: LineCounter;
}

function parseFile(file: string, shown: string): { definition?: QuestionnaireDefinition; raw?: unknown; problems: Problem[] } & Parsed {
	const lines = new LineCounter();
	const size = fs.statSync(file).size;
	if (size > MAX_FILE_BYTES) {
		const doc = parseDocument('');
		return { file: shown, doc, lines, problems: [{ file: shown, line: 1, path: '', message: `is ${size} bytes; at most ${MAX_FILE_BYTES} are accepted` }] };
	}
	const doc = parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
	const self = { file: shown, doc, lines };
	if (doc.errors.length > 0) {
		const problems = doc.errors.map((e) => ({
			file: shown,
			line: lines.linePos(e.pos[0]).line,
			path: '',
			message: `is not valid YAML: ${e.message.split('\n')[0]}`
		}));
		return { ...self, problems };
	}
	let data: unknown;
	try {
		// maxAliasCount stops "billion laughs" alias bombs before they expand.
		data = doc.toJS({ maxAliasCount: 50 });
	} catch (e) {
		return { ...self, problems: [{ file: shown, line: 1, path: '', message: `cannot be read: ${(e as Error).message}` }] };
	}
	const result = questionnaireDefinition.safeParse(data);
	if (result.success) return { ...self, raw: data, definition: result.data, problems: [] };
	const problems = result.error.issues.map((issue) => at(self, issue.path as (string | number)[], issue.message));
	return { ...self, raw: data, problems };
}

/** Places a problem on the line of the deepest part of `pathToIt` that exists in the file. */
function at(parsed: Parsed, pathToIt: (string | number)[], message: string): Problem {
	let line = 1;
	for (let depth = pathToIt.length; depth >= 0; depth--) {
		const node = parsed.doc.getIn(pathToIt.slice(0, depth), true);
		if (isNode(node) && node.range) {
			line = parsed.lines.linePos(node.range[0]).line;
			break;
		}
	}
	return { file: parsed.file, line, path: pathToIt.join('.'), message };
}

function listDirectories(root: string): string[] {
	if (!fs.existsSync(root)) return [];
	return fs
		.readdirSync(root, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => d.name)
		.sort();
}

/**
 * The hash leaves out the items' advice: guidance and its links may be improved in a
 * published version (publish.ts refreshes them), the meaning of answers may not change.
 */
export function hashOf(def: QuestionnaireDefinition): string {
	const frozen = { ...def, items: def.items.map(({ advice: _advice, ...item }) => item) };
	return createHash('sha256').update(canonicalJson(frozen)).digest('hex');
}

/** JSON with sorted keys, so the hash does not depend on the order of keys in the file. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

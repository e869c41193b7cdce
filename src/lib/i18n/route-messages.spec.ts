import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'svelte/compiler';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { catalogues } from './messages';
import { featureKeys, featureMessages } from './messages/features';
import { features, mappedRoutes, routeFeatures, type Feature } from './route-messages';

/*
 * Which keys can a route show? Its pages, layouts and error pages, and every module of
 * ours they import, transitively, are read with a real parser (TypeScript's for .ts,
 * svelte/compiler's for .svelte); every string literal there that is a catalogue key
 * counts, and a template literal `a.b.${x}` counts as every key that starts with `a.b.`.
 * The server's loads and actions are followed too, into $lib/server: they hand the page
 * keys to translate (form errors, refusals). A literal given to the server's translate()
 * is not: it reaches the page as text.
 */

const SRC = fileURLToPath(new URL('../../', import.meta.url));
const LIB = path.join(SRC, 'lib');
const ROUTES = path.join(SRC, 'routes');
/** the catalogue itself, whose every key is a literal: not a user of keys */
const MESSAGES = path.join(LIB, 'i18n', 'messages');

const owner = new Map(Object.entries(featureKeys).flatMap(([feature, keys]) => keys.map((key) => [key as string, feature as Feature])));
const keys = Object.keys(catalogues.en);

interface Scan {
	literals: string[];
	prefixes: string[];
	imports: string[];
}

function scanTs(file: string, source: string): Scan {
	const scan: Scan = { literals: [], prefixes: [], imports: [] };
	const visit = (node: ts.Node) => {
		const parent = node.parent as ts.Node | undefined;
		const translated = parent && ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'translate';
		if (!translated && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) scan.literals.push(node.text);
		if (!translated && ts.isTemplateExpression(node)) scan.prefixes.push(node.head.text);
		if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) scan.imports.push((node.moduleSpecifier as ts.StringLiteral).text);
		if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) scan.imports.push((node.moduleSpecifier as ts.StringLiteral).text);
		ts.forEachChild(node, visit);
	};
	visit(ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true));
	return scan;
}

type Node = Record<string, unknown> & { type?: string };

/** The whole component: its scripts' ESTree and the template's expressions, attributes and text. */
function scanSvelte(source: string): Scan {
	const scan: Scan = { literals: [], prefixes: [], imports: [] };
	const seen = new WeakSet<object>();
	const visit = (value: unknown) => {
		if (!value || typeof value !== 'object' || seen.has(value)) return;
		seen.add(value);
		const node = value as Node;
		if (node.type === 'Literal' && typeof node.value === 'string') scan.literals.push(node.value);
		if (node.type === 'Text' && typeof node.data === 'string') scan.literals.push(node.data.trim());
		if (node.type === 'TemplateLiteral') {
			const quasis = node.quasis as { value: { cooked: string } }[];
			(quasis.length === 1 ? scan.literals : scan.prefixes).push(quasis[0]!.value.cooked);
		}
		const source = node.source as { value: string } | null | undefined;
		const typeOnly = node.importKind === 'type' || node.exportKind === 'type';
		if (source && !typeOnly && (node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration'))
			scan.imports.push(source.value);
		Object.values(node).forEach(visit);
	};
	visit(parse(source, { modern: true }));
	return scan;
}

/** Our module an import names, or null for a package, $app, $env, a route's $types or a style sheet. */
function resolve(from: string, specifier: string): string | null {
	if (specifier.endsWith('/$types') || specifier.endsWith('.css')) return null;
	const base = specifier.startsWith('$lib/')
		? path.join(LIB, specifier.slice(5))
		: specifier.startsWith('.')
			? path.resolve(path.dirname(from), specifier)
			: null;
	if (base === null) return null;
	const found = [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts')].find((file) => fs.existsSync(file) && fs.statSync(file).isFile());
	if (!found) throw new Error(`${path.relative(SRC, from)} imports ${specifier}, which the test cannot find`);
	return found;
}

const scans = new Map<string, Scan>();
function scanned(file: string): Scan {
	let scan = scans.get(file);
	if (!scan) {
		const source = fs.readFileSync(file, 'utf8');
		scans.set(file, (scan = file.endsWith('.svelte') ? scanSvelte(source) : scanTs(file, source)));
	}
	return scan;
}

const serverOnly = (file: string) => file.startsWith(path.join(LIB, 'server') + path.sep) || file.endsWith('.server.ts');

/** The keys the files can use, and every file they import; `server`: whether server-only modules count. */
function keysOf(entries: string[], server: boolean): Set<string> {
	const used = new Set<string>();
	const done = new Set<string>();
	const todo = entries.filter((file) => fs.existsSync(file));
	for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
		if (done.has(file) || file.startsWith(MESSAGES + path.sep) || (!server && serverOnly(file))) continue;
		done.add(file);
		const scan = scanned(file);
		for (const literal of scan.literals) if (owner.has(literal)) used.add(literal);
		for (const prefix of scan.prefixes) if (prefix) for (const key of keys) if (key.startsWith(prefix)) used.add(key);
		for (const specifier of scan.imports) {
			const module = resolve(file, specifier);
			if (module) todo.push(module);
		}
	}
	return used;
}

/** Every page route, with its folders from src/routes down. */
function routes(dir = ROUTES, chain: string[] = []): { id: string; dirs: string[] }[] {
	const dirs = [...chain, dir];
	const id = `/${path.relative(ROUTES, dir).split(path.sep).join('/')}`;
	const here = fs.existsSync(path.join(dir, '+page.svelte')) ? [{ id, dirs }] : [];
	const below = fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
	return [...here, ...below.flatMap((entry) => routes(path.join(dir, entry.name), dirs))];
}

/** What a route can show: its layouts, error pages and page, in the browser and from the server. */
function routeKeys(dirs: string[]): Set<string> {
	const page = dirs.at(-1)!;
	const browser = [
		...dirs.flatMap((dir) => ['+layout.svelte', '+layout.ts', '+error.svelte'].map((f) => path.join(dir, f))),
		path.join(page, '+page.svelte'),
		path.join(page, '+page.ts')
	];
	const server = [...dirs.map((dir) => path.join(dir, '+layout.server.ts')), path.join(page, '+page.server.ts')];
	return new Set([...keysOf(browser, false), ...keysOf(server, true)]);
}

/** The keys used whose feature is not given, as `key (feature)`. */
const missing = (used: Set<string>, given: readonly Feature[]) =>
	[...used].filter((key) => !given.includes(owner.get(key)!)).map((key) => `${key} (${owner.get(key)})`);

const pages = routes();
const answering = '/assessments/[assessmentId=uuid]/[dimension]';

describe('the features each route is given', () => {
	it('cover every key, each in one feature', () => {
		expect([...owner.keys()].sort()).toEqual([...keys].sort());
		expect(Object.keys(featureKeys).sort()).toEqual([...features].sort());
	});

	it('name every page route', () => {
		expect(pages.length).toBeGreaterThan(30);
		expect([...mappedRoutes].sort()).toEqual(pages.map((route) => route.id).sort());
	});

	for (const { id, dirs } of pages)
		it(`${id}: every key its files can use`, () => {
			expect(missing(routeKeys(dirs), routeFeatures(id)), id).toEqual([]);
		});

	it('give the frame (root layout, header, error page) from core alone, as a page not found gets', () => {
		const frame = keysOf(
			['+layout.svelte', '+layout.ts', '+error.svelte'].map((file) => path.join(ROUTES, file)),
			false
		);
		expect(frame).toContain('nav.sign_in');
		expect(missing(frame, routeFeatures(null))).toEqual([]);
	});

	it('see keys that come from the server and from template literals, and refuse a route a feature it uses', () => {
		const used = routeKeys(pages.find((route) => route.id === answering)!.dirs);
		// refused saves: `answer.refused.${reason}` in the route's answer-actions.ts
		expect(used).toContain('answer.refused.too_long');
		// field errors: zod messages in $lib/server/forms.ts
		expect(used).toContain('form.required');
		expect(
			missing(
				used,
				routeFeatures(answering).filter((feature) => feature !== 'privacy')
			)
		).toContain('privacy.team.save (privacy)');
	});

	it('keep the answering page light: none of the big features it does not use, and its texts under 5 KB gzipped', () => {
		const given = routeFeatures(answering);
		for (const unused of ['access', 'results', 'home', 'rounds', 'sso', 'collaboration-admin', 'api', 'reminders', 'questionnaires'] as const)
			expect(given).not.toContain(unused);
		for (const locale of ['nb', 'nn', 'sv', 'en'] as const) expect(gzipSync(JSON.stringify(featureMessages(locale, given))).length, locale).toBeLessThan(5000);
	});
});

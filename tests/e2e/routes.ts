import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Tenant } from '../fixtures/tenants';

/**
 * The app's routes as the tests walk them: read from src/routes, so a new route or action
 * is covered by the access test and the fuzzer without being listed by hand.
 */
export type RouteTree = Map<string, { get: boolean; post: boolean; actions: string[] }>;

/**
 * Route ids and their named actions, read from src/routes. Endpoints' methods and the
 * actions come from each file's syntax tree (TypeScript's own parser), so an action
 * written in any form — `save: async () => …`, `save() {…}`, or the shorthand `{ save }` —
 * is found, as is `export const GET` or `export function GET`.
 */
export function routeTree(): RouteTree {
	const routes = new Map<string, { get: boolean; post: boolean; actions: string[] }>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/^\+(page\.svelte|page\.server\.ts|server\.ts)$/.test(entry.name)) {
				const id =
					`/${path
						.relative('src/routes', dir)
						.split(path.sep)
						.filter((s) => !/^\(.*\)$/.test(s))
						.join('/')}`.replace(/\/$/, '') || '/';
				const route = routes.get(id) ?? { get: false, post: false, actions: [] };
				if (entry.name === '+page.svelte') route.get = true;
				else {
					const { exports, actions } = exportsOf(full);
					if (entry.name === '+server.ts') {
						route.get ||= exports.has('GET');
						route.post ||= exports.has('POST');
					}
					route.actions.push(...actions);
				}
				routes.set(id, route);
			}
		}
	};
	walk('src/routes');
	return routes;
}

/** The names a module exports, and the property names of its exported `actions` object. */
export function exportsOf(file: string, text = fs.readFileSync(file, 'utf8')): { exports: Set<string>; actions: string[] } {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
	const exports = new Set<string>();
	const actions: string[] = [];
	for (const statement of source.statements) {
		if (ts.isFunctionDeclaration(statement) && exported(statement) && statement.name) exports.add(statement.name.text);
		if (!ts.isVariableStatement(statement) || !exported(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (!ts.isIdentifier(declaration.name)) continue;
			exports.add(declaration.name.text);
			let value = declaration.initializer;
			while (value && (ts.isSatisfiesExpression(value) || ts.isAsExpression(value) || ts.isParenthesizedExpression(value))) value = value.expression;
			if (declaration.name.text === 'actions' && value && ts.isObjectLiteralExpression(value)) {
				for (const property of value.properties) {
					if (
						(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property) || ts.isMethodDeclaration(property)) &&
						property.name &&
						(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
					)
						actions.push(property.name.text);
				}
			}
		}
	}
	return { exports, actions };
}

/** A route id with the fixture's ids of one tenant filled in. */
export function pathFor(id: string, tenant: Tenant): string {
	return id
		.replace('[collaborationId=uuid]', tenant.collaborationId)
		.replace('[roundId=uuid]', tenant.roundId)
		.replace('[assessmentId=uuid]', tenant.assessments['0:0']!)
		.replace('[initiativeId=uuid]', tenant.initiativeId)
		.replace('[dimension]', 'culture')
		.replace('[municipalityId=uuid]', tenant.municipalityIds[0])
		.replace('[sectorId=uuid]', tenant.sectorId)
		.replace('[slug=slug]', 'digital-maturity')
		.replace('[version=version]', '1')
		.replace('[token]', 'not-a-real-token')
		.replace('[resource=apiresource]', 'scores');
}

import fs from 'node:fs';
import path from 'node:path';
import type { Tenant } from '../fixtures/tenants';

/**
 * The app's routes as the tests walk them: read from src/routes, so a new route or action
 * is covered by the access test and the fuzzer without being listed by hand.
 */
export type RouteTree = Map<string, { get: boolean; post: boolean; actions: string[] }>;

/** Route ids and their named actions, read from src/routes. */
export function routeTree(): RouteTree {
	const routes = new Map<string, { get: boolean; post: boolean; actions: string[] }>();
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/^\+(page\.svelte|page\.server\.ts|server\.ts)$/.test(entry.name)) {
				const id = `/${path.relative('src/routes', dir).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join('/')}`.replace(/\/$/, '') || '/';
				const route = routes.get(id) ?? { get: false, post: false, actions: [] };
				const text = fs.readFileSync(full, 'utf8');
				if (entry.name === '+page.svelte') route.get = true;
				if (entry.name === '+server.ts') {
					route.get ||= /export const GET\b/.test(text);
					route.post ||= /export const POST\b/.test(text);
				}
				// Action names: the functions of the object after `export const actions`, written
				// one per line at the first indentation level, or inline as `= { name: (…) => … }`.
				const rest = text.slice(Math.max(0, text.indexOf('export const actions')));
				if (text.includes('export const actions')) {
					const names = [...rest.matchAll(/(?:\n\t|=\s*\{\s*)(\w+):\s*(?:async\s*)?\(/g)].map((m) => m[1]!);
					route.actions.push(...names);
				}
				routes.set(id, route);
			}
		}
	};
	walk('src/routes');
	return routes;
}

/** A route id with the fixture's ids of one tenant filled in. */
export function pathFor(id: string, tenant: Tenant): string {
	return id
		.replace('[collaborationId=uuid]', tenant.collaborationId)
		.replace('[roundId=uuid]', tenant.roundId)
		.replace('[assessmentId=uuid]', tenant.assessments['0:0']!)
		.replace('[dimension]', 'culture')
		.replace('[municipalityId=uuid]', tenant.municipalityIds[0])
		.replace('[sectorId=uuid]', tenant.sectorId)
		.replace('[slug=slug]', 'digital-maturity')
		.replace('[version=version]', '1')
		.replace('[token]', 'not-a-real-token')
		.replace('[resource=apiresource]', 'scores');
}


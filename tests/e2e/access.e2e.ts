import { expect, request as playwrightRequest, test } from '@playwright/test';
import { roles, type Role } from '../../src/lib/server/auth/access';
import { pathFor, routeTree } from './routes';
import { signInRequest, tenants } from './fixture';

/**
 * Walks every page, endpoint and form action of the app — collected from the route
 * tree, so a new route without a rule here fails this test — for every role, in its
 * own collaboration and in another one, and checks who gets in and that nothing of
 * the other collaboration leaks.
 */
type Who = 'anyone' | 'signed-in' | Role[];
interface Rule {
	get?: Who;
	/** named actions (default: "default"); `effect` ones are only tried where denied */
	actions?: Record<string, Who | { who: Who; effect: true }>;
	post?: Who;
}

/** the collaboration's own admins; the platform operator sets collaborations up and gets nothing inside them */
const manage: Role[] = ['collaboration_admin'];
/** those who follow rounds: the collaboration's admins and the municipalities' coordinators */
const follow: Role[] = ['collaboration_admin', 'coordinator'];
/** results: the collaboration's admins and board, the municipality's coordinator and leadership */
const results: Role[] = ['collaboration_admin', 'board_viewer', 'coordinator', 'executive_viewer'];
const municipalityResults: Role[] = ['collaboration_admin', 'coordinator', 'executive_viewer'];
/** every role inside a collaboration */
const everyone: Role[] = ['collaboration_admin', 'board_viewer', 'coordinator', 'executive_viewer', 'respondent'];
/** those who plan initiatives somewhere: admins, municipalities' coordinators and leadership, sector heads */
const planners: Role[] = ['collaboration_admin', 'coordinator', 'executive_viewer', 'respondent'];
const rules: Record<string, Rule> = {
	'/': { get: 'anyone' },
	'/healthz': { get: 'anyone' },
	'/ping': { get: 'anyone', post: 'anyone' },
	'/language': { post: 'anyone' },
	'/sign-in': { get: 'anyone', actions: { default: 'anyone' } },
	'/sign-in/sso': { get: 'anyone', actions: { default: 'anyone' } },
	'/sign-in/sso/callback': { get: 'anyone' },
	'/sign-out': { get: 'anyone', actions: { default: { who: 'anyone', effect: true } } },
	'/reset-password': { get: 'anyone', actions: { default: 'anyone' } },
	'/reset-password/[token]': { get: 'anyone', actions: { default: 'anyone' } },
	'/invitation/[token]': { get: 'anyone', actions: { default: 'anyone' } },
	'/account': {
		get: 'signed-in',
		actions: {
			profile: 'signed-in',
			password: 'signed-in',
			signOutEverywhere: { who: 'signed-in', effect: true },
			deleteAccount: { who: 'signed-in', effect: true }
		}
	},
	'/account/data': { get: 'signed-in' },
	'/questionnaires': { get: 'signed-in' },
	'/questionnaires/[slug=slug]/[version=version]': { get: 'signed-in' },
	'/collaborations': { get: 'signed-in', actions: { create: ['platform_admin'] } },
	'/collaborations/[collaborationId=uuid]': {
		get: ['collaboration_admin', 'board_viewer', 'coordinator', 'executive_viewer', 'respondent'],
		actions: { settings: manage }
	},
	// The read API answers 401 without a token; tokens have their own tests (tests/integration/api.test.ts).
	'/api/v1/[resource=apiresource]': { get: 'anyone' },
	'/api/v1/openapi.json': { get: 'anyone' },
	'/collaborations/[collaborationId=uuid]/api': { get: manage, actions: { create: manage, revoke: manage } },
	'/collaborations/[collaborationId=uuid]/people': { get: manage, actions: { invite: manage, revoke: manage } },
	'/collaborations/[collaborationId=uuid]/identity-providers': {
		get: manage,
		actions: { add: manage, use: manage, update: manage, remove: manage, requirement: manage }
	},
	'/collaborations/[collaborationId=uuid]/audit': { get: manage },
	'/collaborations/[collaborationId=uuid]/municipalities': { get: manage, actions: { add: manage, end: manage, population: manage } },
	'/collaborations/[collaborationId=uuid]/sectors': { get: manage, actions: { add: manage, update: manage, archive: manage, restore: manage } },
	'/collaborations/[collaborationId=uuid]/rounds': { get: follow, actions: { open: ['collaboration_admin'] } },
	'/collaborations/[collaborationId=uuid]/rounds/[roundId=uuid]': {
		get: follow,
		actions: {
			assign: follow,
			unassign: follow,
			reopen: follow,
			signoff: follow,
			remind: { who: follow, effect: true },
			team: { who: follow, effect: true },
			reminderDays: { who: ['collaboration_admin'], effect: true },
			close: { who: ['collaboration_admin'], effect: true }
		}
	},
	'/collaborations/[collaborationId=uuid]/results': { get: results },
	'/collaborations/[collaborationId=uuid]/results/municipalities/[municipalityId=uuid]': { get: municipalityResults },
	'/collaborations/[collaborationId=uuid]/results/sectors/[sectorId=uuid]': { get: results },
	'/collaborations/[collaborationId=uuid]/results/export': { get: results },
	'/collaborations/[collaborationId=uuid]/results/assessments/[assessmentId=uuid]': { get: municipalityResults },
	'/collaborations/[collaborationId=uuid]/targets': { get: follow, actions: { set: follow } },
	// Initiatives: everyone in the collaboration sees those they share; sector heads plan for their
	// sector, coordinators and leadership for their municipality, admins everywhere; the board reads.
	'/collaborations/[collaborationId=uuid]/initiatives': { get: everyone },
	'/collaborations/[collaborationId=uuid]/initiatives/new': { get: planners, actions: { create: planners } },
	// the fixture's initiative belongs to the first municipality's first sector, whose people all share it
	'/collaborations/[collaborationId=uuid]/initiatives/[initiativeId=uuid]': { get: everyone, actions: { update: planners, status: planners } },
	'/assessments': { get: 'signed-in' },
	'/assessments/[assessmentId=uuid]': { get: ['respondent'] },
	'/assessments/[assessmentId=uuid]/[dimension]': { get: ['respondent'], actions: { save: ['respondent'] } },
	'/assessments/[assessmentId=uuid]/review': { get: ['respondent'], actions: { save: ['respondent'], submit: { who: ['respondent'], effect: true } } }
};

test('every route has an access rule that matches what it serves', () => {
	for (const [id, route] of routeTree()) {
		const rule = rules[id];
		expect(rule, `route ${id} has no access rule in tests/e2e/access.e2e.ts`).toBeDefined();
		expect(Boolean(rule!.get), `${id}: GET`).toBe(route.get);
		expect(Boolean(rule!.post), `${id}: POST`).toBe(route.post);
		expect(Object.keys(rule!.actions ?? {}).sort(), `${id}: actions`).toEqual([...route.actions].sort());
	}
	for (const id of Object.keys(rules)) expect(routeTree().has(id), `rule for a route that no longer exists: ${id}`).toBe(true);
});

type Actor = { role: Role | 'anonymous' };
const actors: Actor[] = [{ role: 'anonymous' }, ...roles.map((role) => ({ role }))];

function allowed(who: Who, actor: Actor, ownTenant: boolean): boolean {
	if (who === 'anyone') return true;
	if (actor.role === 'anonymous') return false;
	if (who === 'signed-in') return true;
	return who.includes(actor.role) && ownTenant;
}

for (const actor of actors) {
	test(`access of ${actor.role}`, async ({ baseURL }) => {
		const fixture = tenants();
		const email = actor.role === 'anonymous' ? null : actor.role === 'platform_admin' ? fixture.platformAdmin : fixture.own.users[actor.role];
		const request = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' } });
		if (email) await signInRequest(request, baseURL!, email);
		const checks: string[] = [];
		for (const [id, rule] of Object.entries(rules)) {
			for (const [tenant, own] of [
				[fixture.own, true],
				[fixture.other, false]
			] as const) {
				const inside = id.includes('[collaborationId') || id.includes('[assessmentId');
				if (!own && !inside) continue;
				const url = pathFor(id, tenant);
				const expectOutcome = (status: number, location: string | undefined, ok: boolean, what: string) => {
					const denied = actor.role === 'anonymous' ? status === 303 && location?.startsWith('/sign-in') : status === 403;
					checks.push(`${what} ${url}: ${status}`);
					expect.soft(status, `${actor.role} ${what} ${url}`).toBeLessThan(500);
					if (ok) expect.soft(denied, `${actor.role} should reach ${what} ${url} (got ${status})`).toBe(false);
					else expect.soft(denied, `${actor.role} must be refused ${what} ${url} (got ${status})`).toBe(true);
				};
				if (rule.get) {
					const response = await request.get(url, { maxRedirects: 0 });
					const ok = allowed(rule.get, actor, own);
					expectOutcome(response.status(), response.headers().location, ok, 'GET');
					// The operator reads no collaboration's pages (it lists their names on /collaborations).
					if (inside && (!own || actor.role === 'platform_admin')) {
						const body = await response.text();
						for (const secret of [tenant.name, ...tenant.municipalityNames]) {
							expect.soft(body.includes(secret), `${actor.role} GET ${url} leaks "${secret}"`).toBe(false);
						}
					}
				}
				if (rule.post) {
					const response = await request.post(url, { form: {}, maxRedirects: 0 });
					expectOutcome(response.status(), response.headers().location, allowed(rule.post, actor, own), 'POST');
				}
				for (const [name, spec] of Object.entries(rule.actions ?? {})) {
					const { who, effect } = typeof spec === 'object' && 'who' in spec ? spec : { who: spec, effect: false };
					const ok = allowed(who, actor, own);
					if (ok && effect) continue;
					const target = name === 'default' ? url : `${url}?/${name}`;
					const response = await request.post(target, { form: {}, maxRedirects: 0 });
					expectOutcome(response.status(), response.headers().location, ok, `action ${name}`);
				}
			}
		}
		expect(checks.length).toBeGreaterThan(20);
		await request.dispose();
	});
}

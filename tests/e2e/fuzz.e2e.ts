import fc from 'fast-check';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import type { Role } from '../../src/lib/server/auth/access';
import { database, signInRequest, tenants } from './fixture';
import { pathFor, routeTree } from './routes';

/**
 * Hostile input against every page, endpoint and form action of the route tree, as
 * every role: random bodies (known field names with wild values, unknown fields, huge
 * and empty values, broken encodings, NUL, lone surrogates, line breaks), random ids,
 * path segments and query strings, and redirect targets that try to leave the site. The
 * server must answer with 2xx, 3xx or 4xx, never 5xx; a redirect must stay on this site;
 * and afterwards the database must hold no row that breaks the domain rules.
 *
 * `npm test` runs FUZZ_RUNS cases (default 150); `npm run fuzz` runs 10 000. Writes go
 * to the fixture's third collaboration, which no other test reads. Left out: posting the
 * throttled sign-in and reset forms (random failures would slow the other tests'
 * sign-ins from this address; tests/integration/sign-in.test.ts covers them; their pages
 * are fuzzed) and actions whose effect ends the fuzzer's own session or account.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const getOnly = new Set(['/sign-in', '/reset-password', '/sign-out']);
const effects = new Set(['signOutEverywhere', 'deleteAccount']);
const actors: (Exclude<Role, 'platform_admin'> | 'anonymous')[] = [
	'anonymous',
	'collaboration_admin',
	'board_viewer',
	'coordinator',
	'executive_viewer',
	'respondent'
];

test.setTimeout(Math.max(60_000, RUNS * 100));

test(`fuzzing ${RUNS} requests: never a 5xx, never an invalid row`, async ({ baseURL }) => {
	const fixture = tenants();
	const contexts = new Map<string, APIRequestContext>();
	for (const actor of actors) {
		const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
		if (actor !== 'anonymous') await signInRequest(context, baseURL!, fixture.fuzz.users[actor]);
		contexts.set(actor, context);
	}
	const targets = [...routeTree()].map(([id, route]) => [id, getOnly.has(id) ? { ...route, post: false, actions: [] } : route] as const);
	const origin = new URL(baseURL!).origin;
	const ids = [
		fixture.fuzz.collaborationId,
		fixture.fuzz.roundId,
		...Object.values(fixture.fuzz.assessments),
		...fixture.fuzz.municipalityIds,
		fixture.fuzz.sectorId
	];

	const wild = fc.oneof(
		fc.string({ maxLength: 40 }),
		fc.string({ unit: 'grapheme', maxLength: 40 }),
		fc.constantFrom(
			'',
			' ',
			'0',
			'-1',
			'6',
			'2.5',
			'1e309',
			'NaN',
			'null',
			'true',
			'[]',
			'{}',
			'<script>alert(1)</script>',
			"' or 1=1 --",
			'\u0000',
			'%00',
			'../../etc/passwd',
			'javascript:alert(1)',
			'https://example.org/x',
			'2026-02-30',
			'99999999999999999999'
		),
		hostileText,
		redirectTarget,
		fc.constantFrom(...ids),
		fc.uuid(),
		fc.string({ minLength: 3000, maxLength: 60_000 }).filter((s) => s.length > 0)
	);
	const fieldName = fc.oneof(
		fc.constantFrom(
			'redirect',
			'redirect',
			'next',
			'adminEmail',
			'email',
			'name',
			'role',
			'municipalityId',
			'sectorId',
			'grantId',
			'assessmentId',
			'responseId',
			'reason',
			'year',
			'opensOn',
			'closesOn',
			'questionnaireVersionId',
			'dimension',
			'level',
			'locale',
			'current',
			'next',
			'repeat',
			'confirm',
			'key',
			'nb',
			'sv',
			'en',
			'position',
			'country',
			'nationalNumber',
			'validFrom',
			'validTo',
			'population',
			'membersSeeNames',
			'legalForm',
			'next',
			'rev:culture.openness-to-change',
			'choice:culture.openness-to-change',
			'reason:leadership.time-for-forums',
			'comment:culture.openness-to-change',
			'evidence:culture.openness-to-change',
			'rev:strategy.regular-revision',
			'choice:no.such-item',
			'displayName',
			'issuer',
			'clientId',
			'clientSecret',
			'tenants',
			'domains',
			'providerId',
			'required'
		),
		fc.string({ maxLength: 30 })
	);
	const request = fc.record({
		route: fc.constantFrom(...targets),
		actor: fc.constantFrom(...actors),
		tenant: fc.constantFrom(fixture.fuzz, fixture.own),
		kind: fc.constantFrom('get', 'action', 'post'),
		action: fc.nat(),
		body: fc.array(fc.tuple(fieldName, wild), { maxLength: 12 }),
		query: fc.array(
			fc.tuple(fc.constantFrom('year', 'format', 'sheet', 'redirect', 'redirect', 'opened', 'submitted', 'x', 'provider', 'code', 'state'), wild),
			{ maxLength: 3 }
		),
		idSwap: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 50 }), hostileText)),
		segmentSwap: fc.option(fc.tuple(fc.nat(), fc.oneof(hostileText, fc.string({ maxLength: 30 }))), { freq: 4 }),
		raw: fc.option(fc.uint8Array({ maxLength: 200 }), { freq: 6 })
	});

	const seen = new Map<number, number>();
	await fc.assert(
		fc.asyncProperty(request, async (r) => {
			const [id, route] = r.route;
			let url = pathFor(id, r.tenant);
			if (r.idSwap !== null) url = url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, encodeSegment(r.idSwap));
			if (r.segmentSwap !== null) {
				const segments = url.split('/');
				// (an empty segment could make the path start with //, which the client itself refuses)
				if (segments.length > 2 && r.segmentSwap[1] !== '') segments[1 + (r.segmentSwap[0] % (segments.length - 1))] = encodeSegment(r.segmentSwap[1]);
				url = segments.join('/');
			}
			const query = new URLSearchParams(r.query.map(([k, v]) => [k, v.slice(0, 500)]));
			const actions = route.actions.filter((a) => !effects.has(a) || r.actor !== 'anonymous');
			const context = contexts.get(r.actor)!;
			let response;
			if (r.kind === 'get' || (!route.post && actions.length === 0)) {
				if (!route.get) return;
				response = await context.get(`${url}?${query}`, { maxRedirects: 0 });
			} else {
				const action = actions.length ? actions[r.action % actions.length]! : null;
				if (action && effects.has(action)) return;
				const target = action === null ? url : action === 'default' ? url : `${url}?/${action}`;
				const headers = { accept: r.action % 2 ? 'text/html' : 'application/json', ...(r.raw ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) };
				const form = Object.fromEntries(r.body.map(([k, v]) => [k, v]));
				response = r.raw
					? await context.post(target, { data: Buffer.from(r.raw), headers, maxRedirects: 0 })
					: await context.post(target, { form, headers, maxRedirects: 0 });
			}
			const status = response.status();
			seen.set(status, (seen.get(status) ?? 0) + 1);
			expect(status, `${r.actor} ${r.kind} ${url}`).toBeLessThan(500);
			const location = response.headers().location;
			if (location !== undefined) expect(new URL(location, baseURL).origin, `${r.actor} ${r.kind} ${url} → ${JSON.stringify(location)}`).toBe(origin);
		}),
		{ numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 6), endOnFailure: true }
	);
	for (const context of contexts.values()) await context.dispose();
	console.log(`fuzz: ${RUNS} cases, statuses ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
	expect([...seen.keys()].every((s) => s < 500)).toBe(true);
	expect(await invalidRows()).toEqual({});
});

/** Text a careless or hostile client sends: NUL, lone surrogates, line breaks, other controls. */
const hostileText = fc.oneof(
	fc.constantFrom('\u0000', 'x\u0000y', '\ud800', 'a\udfffb', '\udc00\ud800', '\r\n', 'one\r\ntwo', 'x\ry', '\t', 'x\u001by', 'x\u007fy', 'x\u0085y'),
	fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud800', '\udfff', '\r\n', '\n', '\t'), fc.string({ maxLength: 10 })).map((p) => p.join(''))
);

/** Places a redirect or `next` field might be made to send someone: only this site's paths may come back. */
const redirectTarget = fc.constantFrom(
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r\n/evil.example',
	'//evil.example',
	'/\\evil.example',
	'\\/evil.example',
	'/%09/evil.example',
	'/%2F%2Fevil.example',
	'https://evil.example/',
	'http:evil.example',
	'//evil.example/%2e%2e',
	'/x\r\nSet-Cookie: a=b',
	'/x\u0000y',
	' /\t/evil.example',
	'/collaborations',
	'/assessments?x=1#top'
);

/** A path segment as a careless client writes it: percent-encoded where it can be, a lone surrogate as its three bytes. */
function encodeSegment(text: string): string {
	let out = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		out +=
			code >= 0xd800 && code <= 0xdfff
				? `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`
				: encodeURIComponent(char);
	}
	return out;
}

/** Rows that break a domain rule the schema alone cannot state; each count must be 0. */
async function invalidRows(): Promise<Record<string, number>> {
	const sql = database();
	try {
		const [counts] = await sql<Record<string, number>[]>`
			select
				(select count(*)::int from assessment a where a.status <> (
					select case when bool_or(r.status = 'reopened') then 'reopened' when bool_or(r.status = 'in_progress') then 'in_progress'
						when bool_or(r.status = 'submitted') then 'submitted' else 'not_started' end
					from response r where r.assessment_id = a.id)) as "assessment status disagrees with its responses",
				(select count(*)::int from assessment a where exists (select 1 from response r where r.assessment_id = a.id and r.status = 'submitted')
					and not exists (select 1 from assessment_score s where s.assessment_id = a.id)) as "submitted assessment without scores",
				(select count(*)::int from assessment_score s where not exists (
					select 1 from response r where r.assessment_id = s.assessment_id and r.status = 'submitted')) as "scores without a submitted response",
				(select count(*)::int from answer x join response r on r.id = x.response_id join assessment a on a.id = r.assessment_id
					join round ro on ro.id = a.round_id where ro.closed_at is not null and x.updated_at > ro.closed_at) as "answer changed after its round closed",
				(select count(*)::int from role_grant g where g.municipality_id is not null and not exists (
					select 1 from membership m where m.collaboration_id = g.collaboration_id and m.municipality_id = g.municipality_id)) as "grant on a non-member",
				(select count(*)::int from target t where t.municipality_id is not null and not exists (
					select 1 from membership m where m.collaboration_id = t.collaboration_id and m.municipality_id = t.municipality_id)) as "target of a non-member"`;
		return Object.fromEntries(Object.entries(counts!).filter(([, n]) => n > 0));
	} finally {
		await sql.end();
	}
}

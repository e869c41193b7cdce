import { validate } from '@readme/openapi-parser';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../src/lib/server/api/openapi';
import { answer } from '../../src/lib/server/api/respond';
import { resources, type Resource } from '../../src/lib/server/api/schemas';
import { createToken, REQUESTS_PER_MINUTE, revokeToken } from '../../src/lib/server/api/tokens';
import { readConfig } from '../../src/lib/server/config';
import { closeDatabase, connect, openDatabase, type Sql } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { loadDemo } from '../../src/lib/server/demo/load';
import { policyOf } from '../../src/lib/server/disclosure/policy';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { frameOf, pickRound, resultRounds } from '../../src/lib/server/results/queries';
import { currentSnapshot } from '../../src/lib/server/results/snapshots';
import { collaborationView, municipalityView } from '../../src/lib/server/results/pages';
import { createEmptyDatabase, dropDatabase, first } from './database';

/**
 * The read API (issue 22) against the demo platform: every response validates against
 * the OpenAPI document (itself validated by an OpenAPI parser), the numbers equal the
 * pages' for the same scope, and a token reads nothing beyond its scope.
 */
describe('the read API', () => {
	const name = `moden_test_api_${process.pid}`;
	const origin = 'http://localhost';
	let sql: Sql;
	let hedmark: string;
	let other: string;
	let hamar: string;
	let admin: string;
	const tokens: Record<'collaboration' | 'hamar' | 'other' | 'expired' | 'revoked', string> = {} as never;
	const document = openApiDocument(origin);
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	ajv.addSchema({ ...document, $id: 'https://moden.test/openapi.json' });

	const get = (path: string, token: string | null, headers: Record<string, string> = {}, via: 'header' | 'query' = 'header') => {
		const url = new URL(`${origin}${path}`);
		if (token && via === 'query') url.searchParams.set('token', token);
		const request = new Request(url, { headers: { ...(token && via === 'header' ? { authorization: `Bearer ${token}` } : {}), ...headers } });
		return answer({ request, url }, url.pathname.split('/').at(-1) as Resource);
	};
	const data = async <T = Record<string, unknown>>(path: string, token: string) => {
		const response = await get(path, token);
		expect(response.status, path).toBe(200);
		return ((await response.json()) as { data: T[] }).data;
	};

	beforeAll(async () => {
		const url = await createEmptyDatabase(name);
		sql = connect(url, { max: 4 });
		await migrate(sql, 'migrations');
		await publishFromDirectory(sql, 'questionnaires', () => {});
		await loadDemo(sql, { scale: 'tenth', rounds: 2, now: new Date() });
		await openDatabase({ ...readConfig(), DATABASE_URL: url });
		({ id: hedmark } = await first(sql<{ id: string }[]>`select id from collaboration where name = 'Hedmark IKT'`));
		({ id: other } = await first(sql<{ id: string }[]>`select id from collaboration where name <> 'Hedmark IKT' and country = 'NO' order by name limit 1`));
		({ id: hamar } = await first(sql<{ id: string }[]>`select id from municipality where national_number = '3403'`));
		({ id: admin } = await first(
			sql<{ id: string }[]>`select user_id as id from role_grant where role = 'collaboration_admin' and collaboration_id = ${hedmark} limit 1`
		));
		await sql`update collaboration set members_see_names = false where id = ${hedmark}`;
		tokens.collaboration = await createToken(sql, hedmark, { name: 'Power BI', municipalityId: null, expiresOn: null }, admin);
		tokens.hamar = await createToken(sql, hedmark, { name: 'Hamar', municipalityId: hamar, expiresOn: null }, admin);
		tokens.other = await createToken(sql, other, { name: 'Other', municipalityId: null, expiresOn: null }, admin);
		tokens.expired = await createToken(sql, hedmark, { name: 'Old', municipalityId: null, expiresOn: '2020-01-01' }, admin);
		tokens.revoked = await createToken(sql, hedmark, { name: 'Gone', municipalityId: null, expiresOn: null }, admin);
		await revokeToken(sql, hedmark, tokens.revoked.split('.')[0]!, admin);
	}, 120_000);
	afterAll(async () => {
		await closeDatabase();
		await sql.end();
		await dropDatabase(name);
	});

	it('describes itself in a valid OpenAPI 3.1 document, and every answer fits it', async () => {
		await expect(validate(structuredClone(document) as never)).resolves.toMatchObject({ valid: true });
		for (const resource of Object.keys(resources) as Resource[]) {
			for (const token of [tokens.collaboration, tokens.hamar]) {
				const response = await get(`/api/v1/${resource}`, token);
				expect(response.status, resource).toBe(200);
				expect(response.headers.get('content-type')).toContain('application/json');
				const schema = document.paths[`/api/v1/${resource}`]!.get.responses[200].content['application/json'].schema.$ref;
				const check = ajv.getSchema(`https://moden.test/openapi.json${schema}`)!;
				const body = await response.json();
				expect(check(body), `${resource}: ${ajv.errorsText(check.errors)}`).toBe(true);
			}
		}
		// The check can fail: a row that is not a score does not fit.
		const scoresPage = ajv.getSchema('https://moden.test/openapi.json#/components/schemas/ScorePage')!;
		expect(scoresPage({ data: [{ level: 'municipality', year: 2025 }], next: null })).toBe(false);

		const problem = await get('/api/v1/scores?level=sectors', tokens.collaboration);
		expect(problem.status).toBe(400);
		expect(problem.headers.get('content-type')).toBe('application/problem+json');
		const check = ajv.getSchema('https://moden.test/openapi.json#/components/schemas/Problem')!;
		expect(check(await problem.json())).toBe(true);
	});

	it('gives the same numbers as the pages, for the same scope', async () => {
		const rounds = await resultRounds(sql, hedmark);
		const round = pickRound(rounds, null)!;
		const context = {
			collaborationId: hedmark,
			country: 'NO',
			round,
			frame: await frameOf(sql, round, 'nb'),
			locale: 'nb' as const,
			snapshot: (await currentSnapshot(sql, round.id))!
		};
		const viewer = { namesVisible: true, ownMunicipalities: [], collaborationIds: [hedmark], policy: policyOf() };
		const page = await municipalityView(sql, context, viewer, hamar);
		const scores = await data<{
			municipalityId: string;
			dimension: string;
			score: number;
			lower: number;
			upper: number;
			maturityLevel: number;
			respondents: number;
		}>(`/api/v1/scores?level=municipality&year=${round.year}`, tokens.collaboration);
		for (const d of page.dimensions) {
			const row = scores.find((s) => s.municipalityId === hamar && s.dimension === d.key)!;
			expect([row.score, row.lower, row.upper, row.maturityLevel, row.respondents]).toEqual([d.score, d.lower, d.upper, d.level, d.respondents]);
		}
		const { distribution } = await collaborationView(sql, context, viewer);
		const collaboration = await data<{ dimension: string; score: number; organisations: number }>(
			`/api/v1/scores?level=collaboration&year=${round.year}`,
			tokens.collaboration
		);
		for (const d of distribution)
			expect(collaboration.find((c) => c.dimension === d.key)).toMatchObject({ score: d.mean.score, organisations: d.organisations });
	});

	it('reads nothing beyond its scope: another collaboration’s, another member’s, a closed token’s', async () => {
		const everything = async (token: string) => {
			const text: string[] = [];
			for (const resource of Object.keys(resources))
				for (const level of ['assessment', 'municipality', 'collaboration']) text.push(await (await get(`/api/v1/${resource}?level=${level}`, token)).text());
			return text.join('\n');
		};
		const members = await sql<
			{ id: string; number: string }[]
		>`select m.id, m.national_number as number from membership ms join municipality m on m.id = ms.municipality_id where ms.collaboration_id = ${hedmark}`;
		const fromOther = await everything(tokens.other);
		for (const m of members) expect(fromOther, m.number).not.toContain(m.id);
		expect(fromOther).not.toContain(hedmark);

		// A member's token, with names off: its own municipality by name, the others not at all.
		const scores = await data<{ level: string; municipalityId: string | null }>('/api/v1/scores?level=municipality', tokens.hamar);
		expect(new Set(scores.map((s) => s.municipalityId))).toEqual(new Set([hamar]));
		for (const resource of ['assessments', 'items', 'targets'] as const) {
			const rows = await data<{ municipalityId: string | null }>(`/api/v1/${resource}`, tokens.hamar);
			expect(
				rows.every((r) => r.municipalityId === null || r.municipalityId === hamar),
				resource
			).toBe(true);
		}
		expect((await data('/api/v1/items', tokens.hamar)).length).toBeGreaterThan(0);

		for (const token of [tokens.expired, tokens.revoked, 'nonsense', `${tokens.collaboration.split('.')[0]}.${'a'.repeat(32)}`]) {
			const response = await get('/api/v1/scores', token);
			expect(response.status, token).toBe(401);
			expect(response.headers.get('content-type')).toBe('application/problem+json');
		}
		expect((await get('/api/v1/scores', null)).status).toBe(401);
	});

	it('takes the token in the query string where a tool can send nothing else, and never logs it', async () => {
		const logged: string[] = [];
		const original = { log: console.log, warn: console.warn, error: console.error };
		for (const level of ['log', 'warn', 'error'] as const) console[level] = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
		try {
			const response = await get('/api/v1/rounds', tokens.collaboration, {}, 'query');
			expect(response.status).toBe(200);
		} finally {
			Object.assign(console, original);
		}
		expect(logged.join('\n')).not.toContain(tokens.collaboration.split('.')[1]);
		const { via } = await first(sql<{ via: string }[]>`select last_used_via as via from api_token where id = ${tokens.collaboration.split('.')[0]!}`);
		expect(via).toBe('query');
	});

	it('answers CSV, pages with a cursor, 304 for nothing new, and 429 beyond the limit', async () => {
		const csv = await get('/api/v1/scores?level=assessment', tokens.collaboration, { accept: 'text/csv' });
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect((await csv.text()).split('\r\n')[0]).toContain('"dimension"');

		const first2 = await (await get('/api/v1/scores?level=assessment&limit=2', tokens.collaboration)).json();
		expect(first2.data).toHaveLength(2);
		const next = await (await get(`/api/v1/scores?level=assessment&limit=2&cursor=${first2.next}`, tokens.collaboration)).json();
		expect(next.data[0]).not.toEqual(first2.data[0]);
		expect((await get('/api/v1/scores?cursor=bogus', tokens.collaboration)).status).toBe(400);

		const fresh = await get('/api/v1/scores', tokens.collaboration);
		const etag = fresh.headers.get('etag')!;
		expect((await get('/api/v1/scores', tokens.collaboration, { 'if-none-match': etag })).status).toBe(304);
		// A target changed: the version moves on.
		await sql`insert into audit_event (collaboration_id, action) values (${hedmark}, 'target.set')`;
		expect((await get('/api/v1/scores', tokens.collaboration, { 'if-none-match': etag })).status).toBe(200);

		await sql`update api_token set window_started_at = now(), window_requests = ${REQUESTS_PER_MINUTE} where id = ${tokens.hamar.split('.')[0]!}`;
		const limited = await get('/api/v1/scores', tokens.hamar);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});

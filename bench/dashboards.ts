import http from 'node:http';
import type { Sql } from 'postgres';
import { getCollaboration } from '../src/lib/server/collaborations/collaborations';
import { readConfig } from '../src/lib/server/config';
import { policyOf } from '../src/lib/server/disclosure/policy';
import { frameOf, pickRound, resultRounds } from '../src/lib/server/results/queries';
import { readerOf, rowsOf } from '../src/lib/server/api/respond';
import { currentSnapshot, currentSnapshots } from '../src/lib/server/results/snapshots';
import { collaborationTrend, municipalityTrend } from '../src/lib/server/results/trends';
import { collaborationView, municipalityView, type Context, type Viewer } from '../src/lib/server/results/pages';
import { whereToBegin } from '../src/lib/server/results/where-to-begin';
import { listInitiatives } from '../src/lib/server/initiatives/initiatives';
import { doneMovement } from '../src/lib/server/initiatives/view';
import type { Grant } from '../src/lib/server/auth/access';
import { ADMIN } from './respondents';

/**
 * The two dashboards, timed through HTTP (a signed-in GET of the server-rendered page,
 * read to the end, one at a time over loopback) and as their floor: the same SQL
 * statements, from the same functions the pages' loads call, run directly with
 * postgres.js in this process, in the order the numbers depend on (the rounds first,
 * then everything else at once; the initiatives before their movement). The floor leaves
 * out what only the web layer costs:
 * the session lookup, the layout's queries, rendering and HTTP.
 */
export interface Dashboard {
	name: 'collaboration' | 'municipality';
	path: string;
	/** runs the dashboard's SQL once */
	floor(sql: Sql): Promise<unknown>;
}

const config = readConfig();
const viewerOf = (collaborationId: string): Viewer => ({
	namesVisible: true,
	ownMunicipalities: [],
	collaborationIds: [collaborationId],
	policy: policyOf({ k: config.MODEN_MIN_GROUP_SIZE, width: config.MODEN_PROTECTION_WIDTH })
});

/** What both pages start from (results/context.ts): the collaboration, its rounds, the newest closed one with scores, its snapshot. */
async function contextOf(sql: Sql, collaborationId: string) {
	const [collaboration, rounds] = await Promise.all([getCollaboration(sql, collaborationId), resultRounds(sql, collaborationId)]);
	const round = pickRound(rounds, null)!;
	const [frame, snapshot] = await Promise.all([frameOf(sql, round, 'nb'), currentSnapshot(sql, round.id)]);
	const context: Context = { collaborationId, country: collaboration!.country, round, frame, locale: 'nb', snapshot: snapshot! };
	return { context, rounds };
}

/** The person the bench reads the dashboards as (respondents.ts signs them in), with their grants: the initiatives they share depend on them. */
async function benchReader(sql: Sql) {
	const [user] = await sql<{ id: string; email: string; name: string; locale: 'nb' }[]>`select id, email, name, locale from app_user where email = ${ADMIN}`;
	const grants = await sql<Grant[]>`
		select role, collaboration_id as "collaborationId", municipality_id as "municipalityId", sector_id as "sectorId" from role_grant where user_id = ${user!.id}`;
	return { ...user!, grants: [...grants] };
}

export function dashboards(collaborationId: string, municipalityId: string): Dashboard[] {
	return [
		{
			name: 'collaboration',
			path: `/collaborations/${collaborationId}/results`,
			async floor(sql) {
				const [{ context, rounds }, reader] = await Promise.all([contextOf(sql, collaborationId), benchReader(sql)]);
				// the portfolio (issue 20): the initiatives this reader shares, and whether the done ones moved
				const initiatives = await listInitiatives(sql, collaborationId, reader);
				return Promise.all([
					doneMovement(sql, reader, initiatives),
					collaborationView(sql, context, viewerOf(collaborationId)),
					collaborationTrend(sql, viewerOf(collaborationId), rounds, 'nb'),
					sql`select id, name_nb as name from sector where collaboration_id = ${collaborationId} and archived_at is null order by position, name_nb`
				]);
			}
		},
		{
			name: 'municipality',
			path: `/collaborations/${collaborationId}/results/municipalities/${municipalityId}`,
			async floor(sql) {
				const { context, rounds } = await contextOf(sql, collaborationId);
				const reader = await benchReader(sql);
				return Promise.all([
					sql`select m.name from municipality m join membership ms on ms.municipality_id = m.id
						where m.id = ${municipalityId} and ms.collaboration_id = ${collaborationId} limit 1`,
					municipalityView(sql, context, viewerOf(collaborationId), municipalityId),
					municipalityTrend(sql, municipalityId, rounds, 'nb'),
					// the collaboration's line beside the municipality's own (issue 24)
					collaborationTrend(sql, viewerOf(collaborationId), rounds, 'nb'),
					whereToBegin(sql, context.frame, context.round.id, municipalityId, 'nb'),
					listInitiatives(sql, collaborationId, reader),
					sql`select id, name_nb as name from sector where collaboration_id = ${collaborationId} and archived_at is null order by position, name_nb`
				]);
			}
		}
	];
}

/**
 * The read API's scores of one collaboration (issue 22): over HTTP with a token, and as
 * its floor the same reads in this process (the token's reader, the snapshots, the rows).
 */
export function apiScores(collaborationId: string, token: string) {
	return {
		path: '/api/v1/scores?level=municipality',
		headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
		async floor(sql: Sql) {
			const reader = await readerOf(sql, collaborationId, [{ role: 'collaboration_admin', collaborationId, municipalityId: null, sectorId: null }]);
			await currentSnapshots(
				sql,
				(await resultRounds(sql, collaborationId)).map((r) => r.id)
			);
			return rowsOf(reader, 'scores', { level: 'municipality' });
		}
	};
}

export async function timeCall(sql: Sql, run: (sql: Sql) => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await run(sql);
	return performance.now() - started;
}

// node:http on one keep-alive connection: the lightest client, so the time is the server's.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One signed-in GET (a session cookie, or other headers such as a token), read to the end; its time in ms. */
export function timeHttp(origin: string, path: string, cookie: string | Record<string, string>): Promise<number> {
	const headers = typeof cookie === 'string' ? { cookie, accept: 'text/html' } : cookie;
	return new Promise((resolve, reject) => {
		const started = performance.now();
		http
			.get(`${origin}${path}`, { agent, headers }, (response) => {
				response.resume();
				response.on('end', () => {
					if (response.statusCode === 200) resolve(performance.now() - started);
					else reject(new Error(`GET ${path}: ${response.statusCode}`));
				});
			})
			.on('error', reject);
	});
}

export async function timeFloor(sql: Sql, dashboard: Dashboard): Promise<number> {
	const started = performance.now();
	await dashboard.floor(sql);
	return performance.now() - started;
}

export interface Timings {
	n: number;
	median: number;
	p95: number;
}

export function summarise(samples: number[]): Timings {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
	return { n: sorted.length, median: at(0.5), p95: at(0.95) };
}

/**
 * Takes `rounds` samples of every probe after `warmup` unrecorded ones, interleaved
 * (each round visits the probes in a rotated order) so the machine's noise falls on all alike.
 */
export async function sampleInterleaved(probes: Record<string, () => Promise<number>>, rounds: number, warmup: number): Promise<Record<string, Timings>> {
	const names = Object.keys(probes);
	const samples = Object.fromEntries(names.map((n) => [n, [] as number[]]));
	for (let i = 0; i < warmup + rounds; i++) {
		for (let j = 0; j < names.length; j++) {
			const name = names[(i + j) % names.length]!;
			const ms = await probes[name]!();
			if (i >= warmup) samples[name]!.push(ms);
		}
	}
	return Object.fromEntries(names.map((n) => [n, summarise(samples[n]!)]));
}

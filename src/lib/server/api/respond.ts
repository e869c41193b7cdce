import type { RequestEvent } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { Sql } from 'postgres';
import { resultsScope, type Grant } from '../auth/access';
import { getCollaboration } from '../collaborations/collaborations';
import { serverConfig } from '../config';
import { db } from '../db/index';
import { policyOf } from '../disclosure/policy';
import { toCsv } from '../exports/round-export';
import { resultRounds } from '../results/queries';
import { currentSnapshots } from '../results/snapshots';
import * as read from './resources';
import { pageQuery, resources, scoresQuery, yearQuery, type Resource } from './schemas';
import { authenticate } from './tokens';

/**
 * One API request (docs/api.md): the token (Authorization: Bearer, or ?token= for tools
 * that can send nothing else), its limit, the query, an ETag that lets a scheduled refresh
 * that finds nothing new cost one small query, the page (cursor), and JSON or CSV. Every
 * error is application/problem+json.
 */
export async function answer(event: Pick<RequestEvent, 'request' | 'url'>, resource: Resource): Promise<Response> {
	const header = event.request.headers.get('authorization');
	const fromQuery = event.url.searchParams.get('token');
	const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? fromQuery;
	if (!token)
		return problem(401, 'Unauthorized', 'Send the token as "Authorization: Bearer <token>", or as ?token=<token> where a tool can do nothing else.', {
			'www-authenticate': 'Bearer'
		});
	const sql = db();
	const auth = await authenticate(sql, token, header ? 'header' : 'query');
	if (!auth.ok) {
		if (auth.reason === 'rate_limited')
			return problem(429, 'Too Many Requests', `Try again in ${auth.retryAfter} seconds.`, { 'retry-after': String(auth.retryAfter) });
		return problem(
			401,
			'Unauthorized',
			{ invalid: 'The token is not valid.', expired: 'The token has expired.', revoked: 'The token was revoked.' }[auth.reason],
			{ 'www-authenticate': 'Bearer error="invalid_token"' }
		);
	}
	const params = Object.fromEntries([...event.url.searchParams].filter(([key]) => key !== 'token'));
	const paging = pageQuery.safeParse(params);
	const filters = (resource === 'scores' ? scoresQuery : yearQuery).safeParse(params);
	if (!paging.success || !filters.success)
		return problem(
			400,
			'Bad Request',
			[...(paging.error?.issues ?? []), ...(filters.error?.issues ?? [])].map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
		);
	const offset = paging.data.cursor === undefined ? 0 : decodeCursor(paging.data.cursor);
	if (offset === null) return problem(400, 'Bad Request', 'cursor: not a cursor this API gave');

	const reader = await readerOf(sql, auth.collaborationId, auth.grants);
	const collaboration = reader.collaboration;

	// The snapshots due are taken first, so that the version below says what a read would give.
	await currentSnapshots(
		sql,
		(await resultRounds(sql, collaboration.id)).map((r) => r.id)
	);
	const etag = await versionOf(reader, resource, auth.municipalityId, event.url);
	if (event.request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag, 'cache-control': 'private, no-cache' } });

	const csv = paging.data.format === 'csv' || (paging.data.format === undefined && (event.request.headers.get('accept') ?? '').includes('text/csv'));
	const rows = await rowsOf(reader, resource, filters.data);
	const headers = { etag, 'cache-control': 'private, no-cache', vary: 'accept, authorization' };
	if (!resources[resource].paged) return csv ? csvResponse([rows as Record<string, unknown>], headers) : Response.json(rows, { headers });
	const list = rows as Record<string, unknown>[];
	const page = list.slice(offset, offset + paging.data.limit);
	const next = offset + paging.data.limit < list.length ? encodeCursor(offset + paging.data.limit) : null;
	if (csv) {
		return csvResponse(page, next ? { ...headers, link: `<${nextUrl(event.url, next)}>; rel="next"` } : headers);
	}
	return Response.json({ data: page, next }, { headers });
}

/** Who reads, as the results pages see a person of the token's scope. */
export async function readerOf(sql: Sql, collaborationId: string, grants: Grant[]): Promise<read.ApiReader> {
	const collaboration = (await getCollaboration(sql, collaborationId))!;
	const scope = resultsScope(grants, collaboration.id);
	const config = serverConfig();
	return {
		sql,
		collaboration,
		grants,
		locale: collaboration.country === 'SE' ? 'sv' : 'nb',
		viewer: {
			namesVisible: scope.all || collaboration.membersSeeNames,
			ownMunicipalities: scope.municipalities,
			collaborationIds: [collaboration.id],
			policy: policyOf({ k: config.MODEN_MIN_GROUP_SIZE, width: config.MODEN_PROTECTION_WIDTH })
		}
	};
}

export async function rowsOf(reader: read.ApiReader, resource: Resource, filters: z.infer<typeof scoresQuery> | z.infer<typeof yearQuery>): Promise<unknown> {
	switch (resource) {
		case 'collaboration':
			return read.collaboration(reader);
		case 'members':
			return read.members(reader);
		case 'rounds':
			return read.rounds(reader);
		case 'assessments':
			return read.assessments(reader, filters);
		case 'scores':
			return read.scores(reader, filters as z.infer<typeof scoresQuery>);
		case 'items':
			return read.items(reader, filters);
		case 'targets':
			return read.targets(reader);
	}
}

/**
 * What the answer depends on, cheaply: the collaboration's newest audit event (every
 * submit, reopening, round, membership and target change is one) and its newest
 * snapshot, the token's scope and the query. Equal versions give equal answers.
 */
async function versionOf(reader: read.ApiReader, resource: Resource, municipalityId: string | null, url: URL): Promise<string> {
	const [row] = await reader.sql<{ audit: Date | null; snapshot: Date | null }[]>`
		select (select max(at) from audit_event where collaboration_id = ${reader.collaboration.id}) as audit,
			(select max(taken_at) from round_snapshot where collaboration_id = ${reader.collaboration.id}) as snapshot`;
	const query = [...url.searchParams].filter(([key]) => key !== 'token').sort(([a], [b]) => (a < b ? -1 : 1));
	const basis = JSON.stringify([resource, municipalityId, reader.viewer.namesVisible, query, row?.audit, row?.snapshot]);
	return `"${createHash('sha256').update(basis).digest('base64url').slice(0, 27)}"`;
}

function csvResponse(rows: Record<string, unknown>[], headers: Record<string, string>): Response {
	const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
	const cell = (value: unknown) =>
		value === null || value === undefined ? null : typeof value === 'number' ? value : typeof value === 'boolean' ? String(value) : String(value);
	const body = toCsv({ headers: columns, rows: rows.map((row) => columns.map((c) => cell(row[c]))) }, 'en');
	return new Response(body, { headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } });
}

export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify({ type: 'about:blank', title, status, detail }), {
		status,
		headers: { ...headers, 'content-type': 'application/problem+json' }
	});
}

const encodeCursor = (offset: number) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

function decodeCursor(cursor: string): number | null {
	try {
		const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
		return Number.isInteger(o) && (o as number) >= 0 ? (o as number) : null;
	} catch {
		return null;
	}
}

function nextUrl(url: URL, cursor: string): string {
	const next = new URL(url);
	next.searchParams.set('cursor', cursor);
	next.searchParams.delete('token');
	return next.pathname + next.search;
}

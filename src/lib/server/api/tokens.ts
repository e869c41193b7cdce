import type { Sql } from 'postgres';
import { audit } from '../audit';
import type { Grant } from '../auth/access';
import { issueToken, parseToken, secretMatches } from '../auth/token';
import { zoneOfCollaboration } from '../calendar';
import { isMember } from '../collaborations/municipalities';
import type { Db } from '../db/index';

/**
 * API tokens (docs/api.md): made by a collaboration's admin for one collaboration, or one
 * of its members; shown once, stored as SHA-256 of the secret; revocable; with when and
 * how they were last used. A token reads what a person of its scope reads in the app: the
 * whole collaboration as its admins, a member as its leadership team (the grants below
 * stand for that, and every read goes through the access and disclosure modules).
 */
export interface ApiToken {
	id: string;
	name: string;
	municipalityId: string | null;
	municipality: string | null;
	createdAt: Date;
	expiresAt: Date | null;
	revokedAt: Date | null;
	lastUsedAt: Date | null;
	lastUsedVia: 'header' | 'query' | null;
}

/** Requests a token may make per minute; more are answered 429 with Retry-After. */
export const REQUESTS_PER_MINUTE = 120;

export async function listTokens(sql: Db, collaborationId: string): Promise<ApiToken[]> {
	return sql<ApiToken[]>`
		select t.id, t.name, t.municipality_id as "municipalityId", m.name as municipality, t.created_at as "createdAt", t.expires_at as "expiresAt",
			t.revoked_at as "revokedAt", t.last_used_at as "lastUsedAt", t.last_used_via as "lastUsedVia"
		from api_token t left join municipality m on m.id = t.municipality_id
		where t.collaboration_id = ${collaborationId} order by t.created_at desc`;
}

export class TokenScopeError extends Error {}

/** A new token; the returned secret is shown once and never stored. */
export async function createToken(
	sql: Sql,
	collaborationId: string,
	input: { name: string; municipalityId: string | null; expiresOn: string | null },
	actorId: string
): Promise<string> {
	return sql.begin(async (tx) => {
		if (input.municipalityId) {
			if (!(await isMember(tx, collaborationId, input.municipalityId))) throw new TokenScopeError('not a member');
		}
		const { id, secretHash, token } = issueToken();
		await tx`
			insert into api_token (id, collaboration_id, municipality_id, name, secret_hash, created_by, expires_at)
			values (${id}, ${collaborationId}, ${input.municipalityId}, ${input.name}, ${secretHash}, ${actorId},
				${input.expiresOn ? tx`(${input.expiresOn}::date + 1)::timestamp at time zone ${zoneOfCollaboration(tx, tx`${collaborationId}::uuid`)}` : null})`;
		await audit(tx, {
			action: 'api_token.created',
			actorId,
			collaborationId,
			subjectType: 'api_token',
			subjectId: id,
			detail: { name: input.name, municipalityId: input.municipalityId, expiresOn: input.expiresOn }
		});
		return token;
	});
}

export async function revokeToken(sql: Sql, collaborationId: string, tokenId: string, actorId: string): Promise<boolean> {
	return sql.begin(async (tx) => {
		const [row] =
			await tx`update api_token set revoked_at = now() where id = ${tokenId} and collaboration_id = ${collaborationId} and revoked_at is null returning id`;
		if (row) await audit(tx, { action: 'api_token.revoked', actorId, collaborationId, subjectType: 'api_token', subjectId: tokenId });
		return Boolean(row);
	});
}

export type Authenticated =
	| { ok: true; tokenId: string; collaborationId: string; municipalityId: string | null; grants: Grant[] }
	| { ok: false; reason: 'invalid' | 'expired' | 'revoked' }
	| { ok: false; reason: 'rate_limited'; retryAfter: number };

/**
 * The token's scope, if it is valid, and one more request counted against its limit in
 * the same statement (a fixed window of one minute), with when and how it was used.
 */
export async function authenticate(sql: Db, token: string, via: 'header' | 'query'): Promise<Authenticated> {
	const parsed = parseToken(token);
	if (!parsed) return { ok: false, reason: 'invalid' };
	const [row] = await sql<{ collaborationId: string; municipalityId: string | null; secretHash: Uint8Array; expired: boolean; revoked: boolean }[]>`
		select collaboration_id as "collaborationId", municipality_id as "municipalityId", secret_hash as "secretHash",
			coalesce(expires_at <= now(), false) as expired, revoked_at is not null as revoked
		from api_token where id = ${parsed.id}`;
	if (!row || !secretMatches(parsed.secret, row.secretHash)) return { ok: false, reason: 'invalid' };
	if (row.revoked) return { ok: false, reason: 'revoked' };
	if (row.expired) return { ok: false, reason: 'expired' };
	const [window] = await sql<{ requests: number; retryAfter: number }[]>`
		update api_token set
			window_requests = case when window_started_at > now() - interval '1 minute' then window_requests + 1 else 1 end,
			window_started_at = case when window_started_at > now() - interval '1 minute' then window_started_at else now() end,
			last_used_at = now(), last_used_via = ${via}
		where id = ${parsed.id}
		returning window_requests as requests, ceil(extract(epoch from window_started_at + interval '1 minute' - now()))::int as "retryAfter"`;
	if (window!.requests > REQUESTS_PER_MINUTE) return { ok: false, reason: 'rate_limited', retryAfter: Math.max(1, window!.retryAfter) };
	const grants: Grant[] = row.municipalityId
		? [{ role: 'executive_viewer', collaborationId: row.collaborationId, municipalityId: row.municipalityId, sectorId: null }]
		: [{ role: 'collaboration_admin', collaborationId: row.collaborationId, municipalityId: null, sectorId: null }];
	return { ok: true, tokenId: parsed.id, collaborationId: row.collaborationId, municipalityId: row.municipalityId, grants };
}

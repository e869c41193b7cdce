import type { Cookies } from '@sveltejs/kit';
import type { Sql } from 'postgres';
import type { Db } from '../db/index';
import type { Locale } from '../../i18n';
import { issueToken, parseToken, secretMatches } from './token';
import type { Grant } from './access';

/** A session ends after this much inactivity. */
export const INACTIVITY_TIMEOUT_MS = 14 * 24 * 60 * 60 * 1000;
/** last_verified_at is written at most this often, not on every request. */
export const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000;

export const SESSION_COOKIE = 'moden_session';

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	locale: Locale | null;
	grants: Grant[];
}

export interface Session {
	id: string;
	userId: string;
	lastVerifiedAt: Date;
}

/** How a session began, when through an identity provider (a row of identity_provider, or an installation-wide one by key). */
export interface SessionSource {
	providerId: string | null;
	installationKey: string | null;
}

/** A new session for the person, who has just signed in or set a password (last_signed_in_at). */
export async function createSession(sql: Sql, userId: string, via: SessionSource | null = null): Promise<{ session: Session; token: string }> {
	const { id, secretHash, token } = issueToken();
	const [row] = await sql<{ last_verified_at: Date }[]>`
		with person as (update app_user set last_signed_in_at = now() where id = ${userId})
		insert into user_session (id, secret_hash, user_id, provider_id, installation_key)
		values (${id}, ${secretHash}, ${userId}, ${via?.providerId ?? null}, ${via?.installationKey ?? null})
		returning last_verified_at`;
	return { session: { id, userId, lastVerifiedAt: row!.last_verified_at }, token };
}

/**
 * The session and its user for a cookie's token, or null. An idle session is deleted;
 * an active one has its activity time moved on, at most once an hour.
 */
export async function validateSession(sql: Sql, token: string, now = new Date()): Promise<{ session: Session; user: SessionUser } | null> {
	const parsed = parseToken(token);
	if (!parsed) return null;
	const [row] = await sql<
		{ secret_hash: Uint8Array; user_id: string; last_verified_at: Date; email: string; name: string; locale: SessionUser['locale']; grants: Grant[] }[]
	>`
		select s.secret_hash, s.user_id, s.last_verified_at, u.email, u.name, u.locale,
			coalesce((
				select json_agg(json_build_object(
					'role', g.role, 'collaborationId', g.collaboration_id,
					'municipalityId', g.municipality_id, 'sectorId', g.sector_id))
				from role_grant g where g.user_id = u.id
			), '[]') as grants
		from user_session s join app_user u on u.id = s.user_id
		where s.id = ${parsed.id} and u.disabled_at is null`;
	if (!row || !secretMatches(parsed.secret, row.secret_hash)) return null;
	if (now.getTime() - row.last_verified_at.getTime() >= INACTIVITY_TIMEOUT_MS) {
		await sql`delete from user_session where id = ${parsed.id}`;
		return null;
	}
	let lastVerifiedAt = row.last_verified_at;
	if (now.getTime() - lastVerifiedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
		lastVerifiedAt = now;
		await sql`update user_session set last_verified_at = ${now} where id = ${parsed.id}`;
	}
	return {
		session: { id: parsed.id, userId: row.user_id, lastVerifiedAt },
		user: { id: row.user_id, email: row.email, name: row.name, locale: row.locale, grants: row.grants }
	};
}

export async function invalidateSession(sql: Db, sessionId: string): Promise<void> {
	await sql`delete from user_session where id = ${sessionId}`;
}

/** Signs the person out everywhere: on password change and reset, and on request. */
export async function invalidateUserSessions(sql: Db, userId: string): Promise<void> {
	await sql`delete from user_session where user_id = ${userId}`;
}

/** Secure everywhere except plain-HTTP localhost, where browsers would drop the cookie. */
export function setSessionCookie(cookies: Cookies, token: string, lastVerifiedAt: Date, url: URL) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalHttp(url),
		expires: new Date(lastVerifiedAt.getTime() + INACTIVITY_TIMEOUT_MS)
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: !isLocalHttp(url) });
}

export function isLocalHttp(url: URL): boolean {
	return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

import type { Sql } from 'postgres';
import type { Db } from '../db/index';
import { hashPassword } from './password';
import { invalidateUserSessions } from './session';
import { issueToken, parseToken, secretMatches } from './token';

/** One-time links: an invitation is valid 7 days, a password reset 1 hour. */
export const LINK_TTL_MS = { invitation: 7 * 24 * 60 * 60 * 1000, password_reset: 60 * 60 * 1000 } as const;
export type LinkPurpose = keyof typeof LINK_TTL_MS;

export const linkPath: Record<LinkPurpose, string> = { invitation: '/invitation', password_reset: '/reset-password' };

export async function issueLink(
	sql: Db,
	userId: string,
	purpose: LinkPurpose,
	options: { createdBy?: string | null; collaborationId?: string | null } = {}
): Promise<string> {
	const { id, secretHash, token } = issueToken();
	// A new link replaces the person's earlier unused ones of the same kind.
	await sql`update user_token set used_at = now() where user_id = ${userId} and purpose = ${purpose} and used_at is null`;
	await sql`
		insert into user_token (id, user_id, purpose, secret_hash, collaboration_id, created_by, expires_at)
		values (${id}, ${userId}, ${purpose}, ${secretHash}, ${options.collaborationId ?? null},
			${options.createdBy ?? null}, now() + make_interval(secs => ${LINK_TTL_MS[purpose] / 1000}))`;
	return token;
}

export type LinkState =
	| { ok: true; userId: string; email: string; name: string; collaborationId: string | null }
	| { ok: false; reason: 'invalid' | 'expired' | 'used' };

export async function checkLink(sql: Db, token: string, purpose: LinkPurpose): Promise<LinkState> {
	const parsed = parseToken(token);
	if (!parsed) return { ok: false, reason: 'invalid' };
	const [row] = await sql<
		{ user_id: string; email: string; name: string; secret_hash: Uint8Array; expired: boolean; used: boolean; collaboration_id: string | null }[]
	>`
		select t.user_id, u.email, u.name, t.secret_hash, t.expires_at <= now() as expired,
			t.used_at is not null as used, t.collaboration_id
		from user_token t join app_user u on u.id = t.user_id
		where t.id = ${parsed.id} and t.purpose = ${purpose} and u.disabled_at is null`;
	if (!row || !secretMatches(parsed.secret, row.secret_hash)) return { ok: false, reason: 'invalid' };
	if (row.used) return { ok: false, reason: 'used' };
	if (row.expired) return { ok: false, reason: 'expired' };
	return { ok: true, userId: row.user_id, email: row.email, name: row.name, collaborationId: row.collaboration_id };
}

/**
 * Uses a link to set the password, once: the link is marked used and every session of
 * the person ends, in one transaction. A second use finds the link used.
 */
export async function setPasswordWithLink(
	sql: Sql,
	token: string,
	purpose: LinkPurpose,
	password: string,
	name?: string
): Promise<LinkState> {
	const passwordHash = await hashPassword(password);
	return sql.begin(async (tx) => {
		const state = await checkLink(tx, token, purpose);
		if (!state.ok) return state;
		const id = parseToken(token)!.id;
		const [claimed] = await tx`update user_token set used_at = now() where id = ${id} and used_at is null returning id`;
		if (!claimed) return { ok: false, reason: 'used' } as const;
		await tx`update app_user set password_hash = ${passwordHash}, name = coalesce(${name ?? null}, name) where id = ${state.userId}`;
		await invalidateUserSessions(tx, state.userId);
		return state;
	});
}

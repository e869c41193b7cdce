import type { Sql } from 'postgres';
import { audit } from '../audit';
import type { Db } from '../db/index';
import { hashPassword } from './password';
import { invalidateUserSessions } from './session';
import { issueToken, parseToken, secretMatches } from './token';

/** One-time links: an invitation is valid 7 days, a password reset 1 hour. */
export const LINK_TTL_MS = { invitation: 7 * 24 * 60 * 60 * 1000, password_reset: 60 * 60 * 1000 } as const;
export type LinkPurpose = keyof typeof LINK_TTL_MS;

export const linkPath: Record<LinkPurpose, string> = { invitation: '/invitation', password_reset: '/reset-password' };

/**
 * How a link reaches its person: mailed to the address; written to the server log (a
 * reset without SMTP); or shown to whoever created it (an invitation without SMTP, the
 * command line). A shown link stops working once anyone else gives the account a role.
 */
export type LinkDelivery = 'mail' | 'log' | 'shown';

export interface LinkOptions {
	delivery: LinkDelivery;
	createdBy?: string | null;
	/** the collaboration an invitation came from (null: a reset, the command line) */
	collaborationId?: string | null;
	/** the grant the invitation is for: revoking it withdraws the link */
	grantId?: string | null;
	ip?: string | null;
}

/**
 * Issues a link and records it in the audit trail. It replaces the person's earlier
 * unused links of the same kind from the same source only: one collaboration never
 * withdraws or replaces the link another one sent.
 */
export async function issueLink(sql: Db, userId: string, purpose: LinkPurpose, options: LinkOptions): Promise<{ id: string; token: string }> {
	const { id, secretHash, token } = issueToken();
	const collaborationId = options.collaborationId ?? null;
	await sql`
		update user_token set used_at = now()
		where user_id = ${userId} and purpose = ${purpose} and used_at is null and collaboration_id is not distinct from ${collaborationId}`;
	await sql`
		insert into user_token (id, user_id, purpose, secret_hash, collaboration_id, grant_id, delivery, created_by, expires_at)
		values (${id}, ${userId}, ${purpose}, ${secretHash}, ${collaborationId}, ${options.grantId ?? null}, ${options.delivery},
			${options.createdBy ?? null}, now() + make_interval(secs => ${LINK_TTL_MS[purpose] / 1000}))`;
	await audit(sql, {
		action: 'link.issued',
		actorId: options.createdBy ?? null,
		collaborationId,
		subjectType: 'user',
		subjectId: userId,
		detail: { purpose, link: id, grantId: options.grantId ?? null, delivery: options.delivery },
		ip: options.ip ?? null
	});
	return { id, token };
}

export type LinkRefusal = 'invalid' | 'expired' | 'used' | 'withdrawn';
export type LinkState = { ok: true; userId: string; email: string; name: string; collaborationId: string | null } | { ok: false; reason: LinkRefusal };

/**
 * The state of a link. An invitation is used up once the account has a password; one
 * that was shown to its creator is withdrawn once the account has a role from anyone
 * else, so that whoever saw it can never act as a person others gave roles to.
 */
export async function checkLink(sql: Db, token: string, purpose: LinkPurpose): Promise<LinkState> {
	const parsed = parseToken(token);
	if (!parsed) return { ok: false, reason: 'invalid' };
	const [row] = await sql<
		{
			user_id: string;
			email: string;
			name: string;
			secret_hash: Uint8Array;
			expired: boolean;
			used: boolean;
			withdrawn: boolean;
			collaboration_id: string | null;
		}[]
	>`
		select t.user_id, u.email, u.name, t.secret_hash, t.expires_at <= now() as expired,
			t.used_at is not null or (t.purpose = 'invitation' and u.password_hash is not null) as used,
			t.delivery = 'shown' and exists (
				select 1 from role_grant g where g.user_id = t.user_id and g.collaboration_id is distinct from t.collaboration_id
			) as withdrawn,
			t.collaboration_id
		from user_token t join app_user u on u.id = t.user_id
		where t.id = ${parsed.id} and t.purpose = ${purpose} and u.disabled_at is null`;
	if (!row || !secretMatches(parsed.secret, row.secret_hash)) return { ok: false, reason: 'invalid' };
	if (row.used) return { ok: false, reason: 'used' };
	if (row.expired) return { ok: false, reason: 'expired' };
	if (row.withdrawn) return { ok: false, reason: 'withdrawn' };
	return { ok: true, userId: row.user_id, email: row.email, name: row.name, collaborationId: row.collaboration_id };
}

/**
 * Uses a link to set the password, once: the link is marked used and every session of
 * the person ends, in one transaction. A second use finds the link used. The person's
 * row is locked first, so a role given at the same moment is seen by the check.
 */
export async function setPasswordWithLink(sql: Sql, token: string, purpose: LinkPurpose, password: string, name?: string): Promise<LinkState> {
	const passwordHash = await hashPassword(password);
	return sql.begin(async (tx) => {
		const parsed = parseToken(token);
		if (parsed) await tx`select 1 from app_user where id = (select user_id from user_token where id = ${parsed.id}) for no key update`;
		const state = await checkLink(tx, token, purpose);
		if (!state.ok) return state;
		const [claimed] = await tx`update user_token set used_at = now() where id = ${parsed!.id} and used_at is null returning id`;
		if (!claimed) return { ok: false, reason: 'used' } as const;
		await tx`update app_user set password_hash = ${passwordHash}, name = coalesce(${name ?? null}, name) where id = ${state.userId}`;
		await invalidateUserSessions(tx, state.userId);
		return state;
	});
}

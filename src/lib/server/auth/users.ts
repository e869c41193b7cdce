import type { Sql } from 'postgres';
import type { Db } from '../db/index';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './password';
import { invalidateUserSessions } from './session';

export interface UserRow {
	id: string;
	email: string;
	name: string;
	passwordHash: string | null;
}

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(sql: Db, email: string): Promise<UserRow | null> {
	const [row] = await sql<UserRow[]>`
		select id, email, name, password_hash as "passwordHash" from app_user
		where lower(email) = ${normaliseEmail(email)} and disabled_at is null`;
	return row ?? null;
}

/**
 * The person with this e-mail, created (without a password) if new; `invitedBy` is the
 * collaboration whose invitation creates the account (null: the command line).
 */
export async function ensureUser(sql: Db, email: string, name = '', invitedBy: string | null = null): Promise<{ id: string; created: boolean }> {
	const existing = await findUserByEmail(sql, email);
	if (existing) return { id: existing.id, created: false };
	const [row] = await sql<{ id: string; created: boolean }[]>`
		insert into app_user (email, name, invited_by_collaboration) values (${normaliseEmail(email)}, ${name.trim()}, ${invitedBy})
		on conflict (lower(email)) do update set email = app_user.email
		returning id, xmax = 0 as created`;
	return { id: row!.id, created: row!.created };
}

/** Checks e-mail and password; the same work is done when the account does not exist. */
export async function checkCredentials(sql: Sql, email: string, password: string): Promise<UserRow | null> {
	const user = await findUserByEmail(sql, email);
	if (!user?.passwordHash) {
		await verifyAgainstNothing(password);
		return null;
	}
	return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** Changes the password after checking the current one; ends every session of the person. */
export async function changePassword(sql: Sql, userId: string, current: string, next: string): Promise<boolean> {
	const [row] = await sql<{ password_hash: string | null }[]>`select password_hash from app_user where id = ${userId}`;
	if (!row?.password_hash || !(await verifyPassword(row.password_hash, current))) return false;
	const hash = await hashPassword(next);
	await sql.begin(async (tx) => {
		await tx`update app_user set password_hash = ${hash} where id = ${userId}`;
		await invalidateUserSessions(tx, userId);
	});
	return true;
}

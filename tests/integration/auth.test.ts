import { beforeAll, describe, expect, it } from 'vitest';
import { checkLink, issueLink, setPasswordWithLink } from '../../src/lib/server/auth/links';
import { ACTIVITY_WRITE_INTERVAL_MS, createSession, INACTIVITY_TIMEOUT_MS, invalidateUserSessions, validateSession } from '../../src/lib/server/auth/session';
import { changePassword, checkCredentials, ensureUser } from '../../src/lib/server/auth/users';
import { hashPassword } from '../../src/lib/server/auth/password';
import { first, useTestDatabase } from './database';

describe('sessions and one-time links', () => {
	const { sql } = useTestDatabase();
	let userId: string;
	const password = 'a long enough password';

	beforeAll(async () => {
		userId = (await ensureUser(sql(), 'Kari.Nordmann@Hamar.kommune.no', 'Kari')).id;
		await sql()`update app_user set password_hash = ${await hashPassword(password)} where id = ${userId}`;
	});

	const at = (ms: number) => new Date(Date.now() + ms);

	it('validates a session token and refuses a forged or malformed one', async () => {
		const { token } = await createSession(sql(), userId);
		expect((await validateSession(sql(), token))?.user.email).toBe('kari.nordmann@hamar.kommune.no');
		const [id, secret] = token.split('.');
		const forged = `${id}.${secret!.slice(0, -1)}${secret!.endsWith('a') ? 'b' : 'a'}`;
		expect(await validateSession(sql(), forged)).toBeNull();
		expect(await validateSession(sql(), 'garbage')).toBeNull();
		expect(await validateSession(sql(), `${id}.${secret}.extra`)).toBeNull();
	});

	it('ends a session after the inactivity timeout and deletes it', async () => {
		const { session, token } = await createSession(sql(), userId);
		expect(await validateSession(sql(), token, at(INACTIVITY_TIMEOUT_MS - 60_000))).not.toBeNull();
		expect(await validateSession(sql(), token, at(2 * INACTIVITY_TIMEOUT_MS))).toBeNull();
		expect(await sql()`select 1 from user_session where id = ${session.id}`).toHaveLength(0);
	});

	it('renews on activity, writing at most once an hour', async () => {
		const { session, token } = await createSession(sql(), userId);
		const soon = await validateSession(sql(), token, at(60_000));
		expect(soon!.session.lastVerifiedAt).toEqual(session.lastVerifiedAt);
		const later = at(ACTIVITY_WRITE_INTERVAL_MS + 60_000);
		expect((await validateSession(sql(), token, later))!.session.lastVerifiedAt).toEqual(later);
		// active now and then, a session outlives the timeout counted from its start
		expect(await validateSession(sql(), token, at(INACTIVITY_TIMEOUT_MS + ACTIVITY_WRITE_INTERVAL_MS))).not.toBeNull();
	});

	it('signs out everywhere', async () => {
		const a = await createSession(sql(), userId);
		const b = await createSession(sql(), userId);
		await invalidateUserSessions(sql(), userId);
		expect(await validateSession(sql(), a.token)).toBeNull();
		expect(await validateSession(sql(), b.token)).toBeNull();
	});

	it('ends every session when the password changes, only with the right current password', async () => {
		const { token } = await createSession(sql(), userId);
		expect(await changePassword(sql(), userId, 'wrong password', 'another long password')).toBe(false);
		expect(await validateSession(sql(), token)).not.toBeNull();
		expect(await changePassword(sql(), userId, password, 'another long password')).toBe(true);
		expect(await validateSession(sql(), token)).toBeNull();
		expect(await checkCredentials(sql(), 'kari.nordmann@hamar.kommune.no', 'another long password')).not.toBeNull();
		expect(await changePassword(sql(), userId, 'another long password', password)).toBe(true);
	});

	const reset = async () => (await issueLink(sql(), userId, 'password_reset', { delivery: 'mail' })).token;

	it('uses a reset link once, ending every session; a reused link changes nothing', async () => {
		const { token: session } = await createSession(sql(), userId);
		const link = await reset();
		expect((await setPasswordWithLink(sql(), link, 'password_reset', 'a brand new password')).ok).toBe(true);
		expect(await validateSession(sql(), session)).toBeNull();
		const before = await first(sql()<{ password_hash: string }[]>`select password_hash from app_user where id = ${userId}`);
		expect(await setPasswordWithLink(sql(), link, 'password_reset', 'an attacker password')).toEqual({ ok: false, reason: 'used' });
		const after = await first(sql()<{ password_hash: string }[]>`select password_hash from app_user where id = ${userId}`);
		expect(after.password_hash).toBe(before.password_hash);
		await setPasswordWithLink(sql(), await reset(), 'password_reset', password);
	});

	it('refuses an expired invitation, a link of the other kind, and a forged one', async () => {
		const { id: pending } = await ensureUser(sql(), 'pending@hamar.kommune.no');
		const { token: link } = await issueLink(sql(), pending, 'invitation', { delivery: 'mail' });
		expect((await checkLink(sql(), link, 'invitation')).ok).toBe(true);
		expect(await checkLink(sql(), link, 'password_reset')).toEqual({ ok: false, reason: 'invalid' });
		expect(await checkLink(sql(), `${link.split('.')[0]}.${'a'.repeat(32)}`, 'invitation')).toEqual({ ok: false, reason: 'invalid' });
		await sql()`update user_token set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where id = ${link.split('.')[0]!}`;
		expect(await checkLink(sql(), link, 'invitation')).toEqual({ ok: false, reason: 'expired' });
		expect((await setPasswordWithLink(sql(), link, 'invitation', 'whatever password')).ok).toBe(false);
	});

	it('a new link replaces the older unused one', async () => {
		const older = await reset();
		const newer = await reset();
		expect(await checkLink(sql(), older, 'password_reset')).toEqual({ ok: false, reason: 'used' });
		expect((await checkLink(sql(), newer, 'password_reset')).ok).toBe(true);
	});

	it('an invitation is used up once the account has a password', async () => {
		const { id } = await ensureUser(sql(), 'two.links@hamar.kommune.no');
		const { token: invitation } = await issueLink(sql(), id, 'invitation', { delivery: 'mail' });
		const { token: reset } = await issueLink(sql(), id, 'password_reset', { delivery: 'mail' });
		expect((await setPasswordWithLink(sql(), reset, 'password_reset', 'a long enough password')).ok).toBe(true);
		expect(await checkLink(sql(), invitation, 'invitation')).toEqual({ ok: false, reason: 'used' });
	});

	it('keeps no password or secret in clear text', async () => {
		const { token } = await createSession(sql(), userId);
		const link = await reset();
		const dump = JSON.stringify([
			await sql()`select * from app_user`,
			await sql()`select id, encode(secret_hash, 'hex') as h from user_session`,
			await sql()`select id, encode(secret_hash, 'hex') as h from user_token`
		]);
		for (const secret of [password, token.split('.')[1]!, link.split('.')[1]!]) expect(dump).not.toContain(secret);
		const hash = await first(sql()<{ password_hash: string }[]>`select password_hash from app_user where id = ${userId}`);
		expect(hash.password_hash).toMatch(/^\$argon2id\$/);
	});
});

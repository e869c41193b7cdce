import type { Sql } from 'postgres';
import { audit } from '../audit';
import { collaborationsRequiringSso } from './sso-requirement';
import { attempt, clear, giveBack, hit, hits, limits, take, throttleKey } from './throttle';
import { checkCredentials, normaliseEmail, type UserRow } from './users';

/**
 * A sign-in attempt, throttled the way OWASP's authentication cheat sheet describes:
 * the address that guesses is slowed (per account and address, with delays that
 * double, and a budget for the address over all accounts), the account itself is never
 * locked. An account that many addresses fail at gives each address one attempt before
 * its delays begin; an address that has not failed still signs in at once. A person with
 * a role in a collaboration that requires its identity provider is refused a password
 * session (and told which collaborations), even with the right password.
 */
export type SignInResult =
	| { ok: true; user: UserRow }
	| { ok: false; reason: 'wrong' }
	| { ok: false; reason: 'throttled'; retryAt: Date }
	| { ok: false; reason: 'sso_required'; collaborations: { id: string; name: string }[] };

export async function signIn(sql: Sql, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
	const email = normaliseEmail(input.email);
	const keys = {
		source: throttleKey('sign-in:source', input.ip),
		pair: throttleKey('sign-in:pair', email, input.ip),
		account: throttleKey('sign-in:account', email)
	};
	// The address's budget counts failures: the attempt takes one and gives it back if it succeeds.
	const source = await take(sql, keys.source, limits.signInPerSource);
	const underAttack = source.allowed && (await hits(sql, keys.account, limits.accountUnderAttack)) >= limits.accountUnderAttack.max;
	const pair = source.allowed ? await attempt(sql, keys.pair, limits.signInPerPair, underAttack ? 1 : undefined) : source;
	if (!pair.allowed) {
		if (source.allowed) await giveBack(sql, keys.source);
		await audit(sql, { action: 'sign_in.throttled', detail: { email, until: pair.retryAt.toISOString() }, ip: input.ip });
		return { ok: false, reason: 'throttled', retryAt: pair.retryAt };
	}
	const user = await checkCredentials(sql, email, input.password);
	if (!user) {
		await hit(sql, keys.account, limits.accountUnderAttack);
		await audit(sql, { action: 'sign_in.failed', detail: { email }, ip: input.ip });
		return { ok: false, reason: 'wrong' };
	}
	await giveBack(sql, keys.source);
	await clear(sql, keys.pair);
	// Said only after the password proved right, so the reply tells a stranger nothing about the account.
	const requiring = await collaborationsRequiringSso(sql, user.id);
	if (requiring.length > 0) {
		for (const c of requiring) await audit(sql, { action: 'sign_in.sso_required', actorId: user.id, collaborationId: c.id, ip: input.ip });
		return { ok: false, reason: 'sso_required', collaborations: requiring };
	}
	await audit(sql, { action: 'sign_in.succeeded', actorId: user.id, ip: input.ip });
	return { ok: true, user };
}

import { createHash } from 'node:crypto';
import type { Sql } from 'postgres';
import type { Db } from '../db/index';

/**
 * Attempt limits kept in PostgreSQL (table throttle), so they hold across app
 * instances, counted on the database's clock. Two kinds, after OWASP's authentication
 * cheat sheet: a budget (at most `max` per fixed window, for everything from one
 * address) and a backoff (a few attempts at once, then each one only after a delay that
 * doubles, for one account from one address). Nothing locks an account as such: the
 * owner, elsewhere, is never slowed by what a guesser does.
 */
export interface Budget {
	max: number;
	windowSeconds: number;
}

export interface Backoff {
	/** attempts allowed one after the other before the first delay */
	free: number;
	baseSeconds: number;
	maxSeconds: number;
	/** a series of attempts is forgotten this long after it began */
	forgetSeconds: number;
}

export const limits = {
	/** failed sign-ins from one address, to any account (a town hall signs in from one NAT address) */
	signInPerSource: { max: 100, windowSeconds: 15 * 60 },
	/** sign-in attempts at one account from one address: 3 at once, then 30 s, 1 min, 2 min … 15 min apart */
	signInPerPair: { free: 3, baseSeconds: 30, maxSeconds: 15 * 60, forgetSeconds: 24 * 60 * 60 },
	/** failed sign-ins at one account from anywhere; beyond this, every address gets one attempt before its delays */
	accountUnderAttack: { max: 10, windowSeconds: 15 * 60 },
	/** reset requests from one address */
	resetPerSource: { max: 10, windowSeconds: 60 * 60 },
	/** reset requests for one account from one address */
	resetPerPair: { max: 3, windowSeconds: 60 * 60 },
	/** reset links mailed to one account, whoever asks: more would flood the mailbox */
	resetMailsPerAccount: { max: 5, windowSeconds: 60 * 60 },
	/** sign-ins begun at identity providers from one address: each keeps a flow row for ten minutes */
	ssoStartPerSource: { max: 300, windowSeconds: 15 * 60 }
} as const satisfies Record<string, Budget | Backoff>;

export type Verdict = { allowed: true } | { allowed: false; retryAt: Date };

/** The wait after the n-th attempt of a series (pure). */
export function backoffSeconds(attempts: number, backoff: Backoff, free = backoff.free): number {
	return attempts < free ? 0 : Math.min(backoff.maxSeconds, backoff.baseSeconds * 2 ** (attempts - free));
}

/**
 * A key that names a person and an address without storing either: e-mail addresses
 * and client addresses are personal data, and keys have a length limit.
 */
export function throttleKey(kind: string, ...parts: string[]): string {
	return `${kind}:${createHash('sha256').update(parts.join('\n')).digest('hex')}`;
}

/**
 * Counts an attempt under a backoff key if its delay has passed. The row is locked while
 * deciding, so attempts sent at once are judged one after the other, never together.
 */
export async function attempt(sql: Sql, key: string, backoff: Backoff, free = backoff.free): Promise<Verdict> {
	return sql.begin(async (tx) => {
		await tx`insert into throttle (key, hits, window_started) values (${key}, 0, now()) on conflict do nothing`;
		const [row] = await tx<{ hits: number; forgotten: boolean; waiting: boolean; next_at: Date | null }[]>`
			select hits, window_started <= now() - make_interval(secs => ${backoff.forgetSeconds}) as forgotten,
				coalesce(next_at > now(), false) as waiting, next_at
			from throttle where key = ${key} for update`;
		if (!row!.forgotten && row!.waiting) return { allowed: false, retryAt: row!.next_at! };
		const hits = row!.forgotten ? 1 : row!.hits + 1;
		await tx`
			update throttle set hits = ${hits},
				window_started = case when ${row!.forgotten} then now() else window_started end,
				next_at = now() + make_interval(secs => ${backoffSeconds(hits, backoff, free)})
			where key = ${key}`;
		return { allowed: true };
	});
}

/** Takes one from a budget, in one statement; refused (and not counted) once it is spent. */
export async function take(sql: Db, key: string, budget: Budget): Promise<Verdict> {
	const [row] = await sql<{ hits: number }[]>`
		insert into throttle as t (key, hits, window_started) values (${key}, 1, now())
		on conflict (key) do update set
			hits = case when t.window_started <= now() - make_interval(secs => ${budget.windowSeconds}) then 1 else t.hits + 1 end,
			window_started = case when t.window_started <= now() - make_interval(secs => ${budget.windowSeconds}) then now() else t.window_started end
		where t.window_started <= now() - make_interval(secs => ${budget.windowSeconds}) or t.hits < ${budget.max}
		returning hits`;
	if (row) return { allowed: true };
	const [spent] = await sql<{ until: Date }[]>`
		select window_started + make_interval(secs => ${budget.windowSeconds}) as until from throttle where key = ${key}`;
	return { allowed: false, retryAt: spent?.until ?? new Date() };
}

/** Gives back what `take` took (the attempt turned out not to count, e.g. it succeeded). */
export async function giveBack(sql: Db, key: string): Promise<void> {
	await sql`update throttle set hits = greatest(hits - 1, 0) where key = ${key}`;
}

/** Counts a hit in a budget's window without refusing anything. */
export async function hit(sql: Db, key: string, budget: Budget): Promise<void> {
	await take(sql, key, { ...budget, max: 2 ** 31 - 1 });
}

/** Hits counted in the current window. */
export async function hits(sql: Db, key: string, budget: Budget): Promise<number> {
	const [row] = await sql<{ hits: number }[]>`
		select hits from throttle where key = ${key} and window_started > now() - make_interval(secs => ${budget.windowSeconds})`;
	return row?.hits ?? 0;
}

export async function clear(sql: Db, key: string): Promise<void> {
	await sql`delete from throttle where key = ${key}`;
}

/** Seconds until `retryAt`, for a Retry-After header (at least 1). */
export function retryAfterSeconds(retryAt: Date, now = new Date()): number {
	return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
}

import type { Sql } from 'postgres';

/**
 * Attempt limits kept in PostgreSQL (table throttle), so they hold across app
 * instances: at most `max` hits per key in a fixed window of `windowSeconds`.
 */
export interface Limit {
	max: number;
	windowSeconds: number;
}

export const limits = {
	/** failed sign-ins from one address (many people may share it) */
	signInPerIp: { max: 50, windowSeconds: 15 * 60 },
	/** failed sign-ins to one account */
	signInPerAccount: { max: 5, windowSeconds: 15 * 60 },
	/** reset requests from one address */
	resetPerIp: { max: 10, windowSeconds: 60 * 60 },
	/** reset requests for one account */
	resetPerAccount: { max: 3, windowSeconds: 60 * 60 }
} satisfies Record<string, Limit>;

/** Counts a hit and tells whether it is still within the limit. */
export async function hit(sql: Sql, key: string, limit: Limit): Promise<boolean> {
	const [row] = await sql<{ hits: number }[]>`
		insert into throttle (key, hits, window_started) values (${key}, 1, now())
		on conflict (key) do update set
			hits = case when throttle.window_started <= now() - make_interval(secs => ${limit.windowSeconds})
				then 1 else throttle.hits + 1 end,
			window_started = case when throttle.window_started <= now() - make_interval(secs => ${limit.windowSeconds})
				then now() else throttle.window_started end
		returning hits`;
	return row!.hits <= limit.max;
}

/** True while the key has used up its limit in the current window (without counting). */
export async function isBlocked(sql: Sql, key: string, limit: Limit): Promise<boolean> {
	const [row] = await sql<{ blocked: boolean }[]>`
		select hits >= ${limit.max} as blocked from throttle
		where key = ${key} and window_started > now() - make_interval(secs => ${limit.windowSeconds})`;
	return row?.blocked ?? false;
}

export async function clear(sql: Sql, key: string): Promise<void> {
	await sql`delete from throttle where key = ${key}`;
}

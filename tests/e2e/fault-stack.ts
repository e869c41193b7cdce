// A Moden of its own for the fault tests: the production build as a child process on its
// own embedded PostgreSQL, seeded with the same fixture as the shared e2e server, so a
// test may kill the app (kill -9) or stop the database without disturbing other tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as devalue from 'devalue';
import type { Response } from '@playwright/test';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { freePort, startEmbedded, type EmbeddedDatabase } from '../../src/lib/server/db/embedded';
import { migrate } from '../../src/lib/server/db/migrate';
import { seedTenants, type TenantsFixture } from '../fixtures/tenants';

export class FaultStack {
	#app: ChildProcess | undefined;
	/** the app's output, kept for the report when a test fails */
	readonly log: string[] = [];

	private constructor(
		private readonly dir: string,
		private database: EmbeddedDatabase | undefined,
		private readonly databasePort: number,
		private readonly databaseUrl: string,
		readonly appPort: number,
		readonly fixture: TenantsFixture
	) {}

	static async start(): Promise<FaultStack> {
		if (!fs.existsSync('build/index.js')) throw new Error('No build: run `npm run build` first.');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-faults-'));
		fs.chmodSync(dir, 0o755);
		const database = await startEmbedded(path.join(dir, 'postgres'));
		const sql = connect(database.url, { max: 2 });
		await migrate(sql, path.resolve('migrations'));
		const fixture = await seedTenants(sql);
		await sql.end();
		const stack = new FaultStack(dir, database, Number(new URL(database.url).port), database.url, await freePort(), fixture);
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
		const app = spawn(process.execPath, ['build/index.js'], {
			env: {
				...process.env,
				DATABASE_URL: this.databaseUrl,
				PORT: String(this.appPort),
				HOST: '127.0.0.1',
				ORIGIN: this.baseURL,
				MODEN_DEMO: '0'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		for (const stream of [app.stdout, app.stderr]) stream.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
		this.#app = app;
		await until(async () => (await this.health()) === 200, 30_000, 'the app to answer /healthz with 200');
	}

	/** kill -9: no shutdown hook runs, open requests and transactions are cut off. */
	async killApp(): Promise<void> {
		const app = this.#app;
		if (!app || app.exitCode !== null) return;
		const exited = new Promise((resolve) => app.once('exit', resolve));
		app.kill('SIGKILL');
		await exited;
		this.#app = undefined;
	}

	async stopDatabase(): Promise<void> {
		await this.database?.stop();
		this.database = undefined;
	}

	/** The same data directory on the same port: the app's DATABASE_URL stays right. */
	async startDatabase(): Promise<void> {
		this.database = await startEmbedded(path.join(this.dir, 'postgres'), { port: this.databasePort });
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
		const data = devalue.parse(result.data!) as { results?: { itemKey: string; outcome: 'saved' | 'conflict'; revision?: number; current?: { revision: number } }[] };
		return (data.results ?? []).map((r) => ({ itemKey: r.itemKey, outcome: r.outcome, revision: r.revision ?? r.current!.revision }));
	} catch {
		return null; // the connection was cut before the body arrived: nothing was acknowledged
	}
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

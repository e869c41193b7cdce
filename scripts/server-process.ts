// The production build (build/index.js, adapter-node) as a child process on a loopback
// port, for the benchmark (bench/) and the fault tests (tests/e2e/fault-stack.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/lib/server/db/embedded';

export interface ServerProcess {
	origin: string;
	pid: number;
	/** ms from spawning the process to the first 200 of /healthz */
	startMs: number;
	/** resident memory of the server process, in MB */
	rssMb(): number;
	/** SIGTERM: adapter-node closes and an embedded PostgreSQL shuts down; SIGKILL after 30 s */
	stop(): Promise<void>;
	/** kill -9: no shutdown hook runs, open requests and transactions are cut off */
	kill(): Promise<void>;
}

export interface ServerOptions {
	/** the database; without it the server starts the embedded one in `dataDir` */
	databaseUrl?: string;
	dataDir?: string;
	/** a given port (a restart on the same address), else a free one */
	port?: number;
	/** the host name of ORIGIN, as clients will address it (the server listens on 127.0.0.1) */
	hostname?: string;
	/** each chunk the server writes to stdout or stderr */
	onOutput?: (chunk: string) => void;
	/** run the job runner (MODEN_JOBS); off unless asked for: the fault tests stop its database under it */
	jobs?: boolean;
}

/** Starts the server; resolves at its first 200 of /healthz, throws with its output when it exits or does not answer. */
export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
	const port = options.port ?? (await freePort());
	const origin = `http://${options.hostname ?? '127.0.0.1'}:${port}`;
	const env = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: origin,
		DATABASE_URL: options.databaseUrl ?? '',
		MODEN_DATA_DIR: options.dataDir ?? '',
		MODEN_DEMO: '0',
		MODEN_JOBS: options.jobs ? '1' : '0',
		NODE_ENV: 'production'
	};
	const started = performance.now();
	const child = spawn(process.execPath, [...startFlags(), path.resolve('build/index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const output: string[] = [];
	const keep = (chunk: Buffer) => {
		options.onOutput?.(chunk.toString());
		output.push(chunk.toString());
		if (output.length > 60) output.shift();
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

	for (;;) {
		const state = await Promise.race([exited.then(() => 'exited' as const), new Promise<'wait'>((r) => setTimeout(() => r('wait'), 20))]);
		if (state === 'exited') throw new Error(`The server on port ${port} exited (${child.exitCode ?? child.signalCode}):\n${output.join('')}`);
		const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
			(r) => r.status === 200,
			() => false
		);
		if (ok) break;
		if (performance.now() - started > 120_000) {
			await stopChild(child, exited);
			throw new Error(`The server on port ${port} did not answer /healthz within 120 s:\n${output.join('')}`);
		}
	}
	return {
		origin,
		pid: child.pid!,
		startMs: performance.now() - started,
		rssMb: () => residentMb(child.pid!),
		stop: () => stopChild(child, exited),
		kill: async () => {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGKILL');
			await exited;
		}
	};
}

/** The Node flags `npm start` runs the server with (package.json), so the bench measures the server as it is run. */
function startFlags(): string[] {
	const { scripts } = JSON.parse(fs.readFileSync(path.resolve('package.json'), 'utf8')) as { scripts: { start: string } };
	return scripts.start.split(/\s+/).filter((part) => part.startsWith('--'));
}

function residentMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
	return kb / 1024;
}

async function stopChild(child: ChildProcess, exited: Promise<void>) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	await exited;
	clearTimeout(timer);
}

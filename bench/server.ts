import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../src/lib/server/db/embedded';

/**
 * The production build (build/index.js, adapter-node) as a child process on a loopback
 * port: either on the embedded database in a data directory (as `npm start` runs it) or
 * on a DATABASE_URL.
 */
export interface Server {
	origin: string;
	pid: number;
	/** ms from spawning the process to the first 200 of /healthz */
	startMs: number;
	/** resident memory of the server process, in MB */
	rssMb(): number;
	stop(): Promise<void>;
}

/** Starts the server on a free port; resolves at its first 200 of /healthz. */
export async function startServer(options: { databaseUrl?: string; dataDir?: string; log: (line: string) => void }): Promise<Server> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const env = {
		...process.env,
		HOST: '127.0.0.1',
		PORT: String(port),
		ORIGIN: origin,
		DATABASE_URL: options.databaseUrl ?? '',
		MODEN_DATA_DIR: options.dataDir ?? '',
		MODEN_DEMO: '0',
		NODE_ENV: 'production'
	};
	const started = performance.now();
	const child = spawn(process.execPath, [path.resolve('build/index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const output: string[] = [];
	const keep = (chunk: Buffer) => {
		output.push(chunk.toString());
		if (output.length > 60) output.shift();
	};
	child.stdout!.on('data', keep);
	child.stderr!.on('data', keep);
	const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

	for (;;) {
		const code = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 20))]);
		if (code !== 'wait') throw new Error(`The server on port ${port} exited (${code}):\n${output.join('')}`);
		const ok = await fetch(`${origin}/healthz`).then((r) => r.status === 200, () => false);
		if (ok) break;
		if (performance.now() - started > 120_000) {
			await stopChild(child, exited);
			throw new Error(`The server on port ${port} did not answer /healthz within 120 s:\n${output.join('')}`);
		}
	}
	const startMs = performance.now() - started;
	options.log(`bench: server ${origin} up in ${Math.round(startMs)} ms`);
	return {
		origin,
		pid: child.pid!,
		startMs,
		rssMb: () => residentMb(child.pid!),
		stop: () => stopChild(child, exited)
	};
}

function residentMb(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
	return kb / 1024;
}

/** SIGTERM lets adapter-node close and the embedded PostgreSQL shut down; SIGKILL after 30 s. */
async function stopChild(child: ChildProcess, exited: Promise<number | null>) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	await exited;
	clearTimeout(timer);
}

/** The process id of the embedded PostgreSQL running in `dataDir`. */
export function postmasterPid(dataDir: string): number {
	return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** The address of the embedded PostgreSQL a server started in `dataDir` (its port and password files). */
export function embeddedUrl(dataDir: string, database = 'postgres'): string {
	const port = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]!.trim();
	const password = fs.readFileSync(`${dataDir}.password`, 'utf8').trim();
	return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Signs in through the sign-in form like a browser without JavaScript; the session cookie. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${origin}/sign-in`, {
		method: 'POST',
		body: new URLSearchParams({ email, password }),
		headers: { origin, accept: 'text/html' },
		redirect: 'manual'
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('moden_session='));
	if (response.status !== 303 || !cookie) throw new Error(`Sign-in of ${email} at ${origin} failed: ${response.status}`);
	return cookie.split(';')[0]!;
}

import fs from 'node:fs';
import path from 'node:path';
import { connect } from '../src/lib/server/db/index';

// The server itself runs as a child process through scripts/server-process.ts.

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

/**
 * Waits until the server's job runner has no scheduled work left to do now. On a freshly
 * built platform its first run closes the past years' rounds and publishes them; that
 * catch-up happens once, and must not fall into a measurement.
 */
export async function jobsSettled(url: string): Promise<number> {
	const sql = connect(url, { max: 1 });
	const started = performance.now();
	try {
		for (;;) {
			const [row] = await sql<{ n: number }[]>`
				select count(*)::int as n from pgboss.job
				where name in ('round-closing', 'reminders', 'cleanup') and state in ('created', 'retry', 'active') and start_after <= now()`;
			if (row!.n === 0) return performance.now() - started;
			if (performance.now() - started > 30 * 60_000) throw new Error('The job runner did not settle within 30 minutes.');
			await new Promise((r) => setTimeout(r, 500));
		}
	} finally {
		await sql.end();
	}
}

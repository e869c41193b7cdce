import fs from 'node:fs';
import os from 'node:os';

/**
 * CPU time spent by the server process and by PostgreSQL's processes on this machine
 * (Linux /proc), so a load run can say what one request costs each of them: the
 * numbers docs/scaling.md sizes instances and databases with.
 */
export interface CpuSample {
	server: number;
	postgres: number;
}

const TICKS = 100; // USER_HZ: /proc reports CPU time in 1/100 s on Linux

/** State, parent and CPU seconds of a process; the command name before them may hold spaces. */
function stat(pid: string): { parent: number; seconds: number } {
	const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
	return { parent: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS };
}

/** The server's CPU seconds, and those of the PostgreSQL whose postmaster is `postmasterPid` (null: not on this machine). */
export function cpuSample(serverPid: number, postmasterPid: number | null): CpuSample | null {
	if (os.platform() !== 'linux') return null;
	let postgres = 0;
	if (postmasterPid !== null) {
		for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
			try {
				const s = stat(pid);
				if (Number(pid) === postmasterPid || s.parent === postmasterPid) postgres += s.seconds;
			} catch {
				// the process ended meanwhile
			}
		}
	}
	return { server: stat(String(serverPid)).seconds, postgres: postmasterPid === null ? NaN : postgres };
}

/** CPU ms per request of each, over one or more spans between two samples. */
export function cpuPerRequest(spans: [CpuSample | null, CpuSample | null][], requests: number) {
	if (requests === 0 || spans.some(([before, after]) => !before || !after)) return null;
	const sum = (of: (s: CpuSample) => number) => spans.reduce((total, [before, after]) => total + of(after!) - of(before!), 0);
	const postgresMs = (sum((s) => s.postgres) * 1000) / requests;
	return { serverMs: (sum((s) => s.server) * 1000) / requests, postgresMs: Number.isNaN(postgresMs) ? null : postgresMs };
}

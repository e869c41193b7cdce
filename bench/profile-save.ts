// npm run bench:profile-save [-- --seconds N --profile DIR]: the save path and its floor
// alone, on the national platform already built by `npm run bench` (bench/.data), with
// the server's CPU profile written to DIR when given (node --cpu-prof). For finding where
// a save's time goes; the bench itself measures.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuPerRequest, cpuSample } from './cpu';
import { preparePeople } from './respondents';
import { floorLoad, saveLoad, type Session } from './save';
import { startServer } from '../scripts/server-process';
import { embeddedUrl, postmasterPid, signIn } from './server';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, profile: { type: 'string' } } });
const DATA_DIR = path.resolve('bench/.data/postgres');
if (values.profile) Object.assign(process.env, { NODE_OPTIONS: `--require ${path.resolve(values.profile)}/preload.cjs`, PROFILE_OUT: `${values.profile}/save.cpuprofile` });
const server = await startServer({ dataDir: DATA_DIR });
delete process.env.NODE_OPTIONS;
try {
	const people = await preparePeople(embeddedUrl(DATA_DIR), 50);
	const sessions: Session[] = [];
	for (const respondent of people.respondents) sessions.push({ cookie: await signIn(server.origin, respondent.email, people.password), respondent });
	const postmaster = postmasterPid(DATA_DIR);
	for (const [name, load] of [
		['floor', floorLoad],
		['save', saveLoad]
	] as const) {
		await load(server.origin, sessions, 2);
		const profiling = values.profile && name === 'save';
		if (profiling) process.kill(server.pid, 'SIGUSR2');
		const before = cpuSample(server.pid, postmaster);
		const result = await load(server.origin, sessions, Number(values.seconds));
		if (profiling) process.kill(server.pid, 'SIGUSR2');
		const cpu = cpuPerRequest([[before, cpuSample(server.pid, postmaster)]], result.completed);
		console.log(
			`${name}: ${Math.round(result.throughput)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, failed ${result.failed}, server ${cpu?.serverMs.toFixed(2)} ms, postgres ${cpu?.postgresMs?.toFixed(2)} ms CPU per request`
		);
	}
} finally {
	await server.stop();
}

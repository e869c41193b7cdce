// npx tsx bench/profile-save.ts [--seconds N] [--profile DIR]: the save path and its floor
// alone, on the national platform `npm run bench` built (bench/.data), each after a
// warm-up; with --profile, the server's CPU profile of the save run is written to
// DIR/save.cpuprofile (open it in Chrome's DevTools). For finding where a save's time
// goes; the bench itself measures.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuPerRequest, cpuSample } from './cpu';
import { preparePeople } from './respondents';
import { floorLoad, saveLoad, type Session } from './save';
import { startServer } from '../scripts/server-process';
import { embeddedUrl, postmasterPid, signIn } from './server';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, profile: { type: 'string' } } });
const DATA_DIR = path.resolve('bench/.data/postgres');
// --cpu-prof is not allowed in NODE_OPTIONS, and would profile the warm-up too: a preload
// starts the inspector's profiler on the first SIGUSR2 and writes the profile on the second.
const PRELOAD = `const inspector = require('node:inspector');
const session = new inspector.Session();
session.connect();
let on = false;
process.on('SIGUSR2', () => {
	if (!on) session.post('Profiler.enable', () => session.post('Profiler.start'));
	else session.post('Profiler.stop', (error, { profile }) => require('node:fs').writeFileSync(process.env.MODEN_PROFILE_OUT, JSON.stringify(profile)));
	on = !on;
});`;
if (values.profile) {
	const dir = path.resolve(values.profile);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'preload.cjs'), PRELOAD);
	Object.assign(process.env, { NODE_OPTIONS: `--require ${path.join(dir, 'preload.cjs')}`, MODEN_PROFILE_OUT: path.join(dir, 'save.cpuprofile') });
}
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

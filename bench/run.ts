// npm run bench [-- --full national|tenth] [--samples N] [--seconds N] [--prepare]
// Measures Moden at national scale against floors taken in the same run (README.md in
// this folder): dashboards vs their SQL, growth vs a ten times smaller platform, the save
// path vs a constant endpoint, JavaScript weight, start time and memory. Writes
// bench/results.json and prints the table. A measurement: it reports, it never fails a build.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '../src/lib/server/db/index';
import { startEmbedded } from '../src/lib/server/db/embedded';
import { ensureBuild } from './build';
import { cpuPerRequest, cpuSample, type CpuSample } from './cpu';
import { apiScores, dashboards, sampleInterleaved, timeCall, timeFloor, timeHttp } from './dashboards';
import { ensurePlatform, NATIONAL, redact, siblingDatabase, TENTH, type PlatformSpec, platformSize } from './platforms';
import { figures, type Measured } from './figures';
import { table, writeResults } from './report';
import { preparePeople, type BenchPeople } from './respondents';
import { combine, floorLoad, saveLoad, type LoadResult, type Session } from './save';
import { submitCost } from './submit';
import { startServer, type ServerOptions, type ServerProcess } from '../scripts/server-process';
import { embeddedUrl, jobsSettled, postmasterPid, signIn } from './server';
import { launchBrowser, pageWeight } from './weight';

const { values } = parseArgs({
	options: {
		full: { type: 'string', default: 'national' },
		samples: { type: 'string', default: '200' },
		seconds: { type: 'string', default: '10' },
		// only build (or check) the platforms, measure nothing
		prepare: { type: 'boolean', default: false }
	}
});
const FULL: PlatformSpec = values.full === 'tenth' ? TENTH : NATIONAL;
const SAMPLES = Number(values.samples);
const SECONDS = Number(values.seconds);
const RESPONDENTS = 50;
const SLICES = 5;
const SUBMITS = 30;
// --full tenth (for working on the bench itself) keeps its own cluster, so the national one stays built.
const DATA_DIR = path.resolve(FULL === NATIONAL ? 'bench/.data/postgres' : 'bench/.data/dev-postgres');
const EXTERNAL = process.env.BENCH_DATABASE_URL || null;
const log = (line: string) => console.log(line);

const tenthName = (url: string) => `${new URL(url).pathname.slice(1) || 'postgres'}_tenth`;

/** Both platforms built (or reused) and their people ready; the embedded cluster stopped again. */
async function preparePlatforms() {
	const cluster = EXTERNAL ? null : await startEmbedded(DATA_DIR);
	try {
		const fullUrl = EXTERNAL ?? cluster!.url;
		const tenthUrl = await siblingDatabase(fullUrl, tenthName(fullUrl));
		const built = { full: await ensurePlatform(fullUrl, FULL, log), tenth: await ensurePlatform(tenthUrl, TENTH, log) };
		// The tenth platform needs one sector head too: the submit is timed on both.
		const people = { full: await preparePeople(fullUrl, RESPONDENTS), tenth: await preparePeople(tenthUrl, 1) };
		const size = { full: await platformSize(fullUrl), tenth: await platformSize(tenthUrl) };
		return { built, people, size };
	} finally {
		await cluster?.stop();
	}
}

async function measureDashboards(
	servers: { full: ServerProcess; tenth: ServerProcess },
	urls: { full: string; tenth: string },
	people: { full: BenchPeople; tenth: BenchPeople }
) {
	const sql = { full: connect(urls.full), tenth: connect(urls.tenth) };
	try {
		const probes: Record<string, () => Promise<number>> = {};
		for (const size of ['full', 'tenth'] as const) {
			const cookie = await signIn(servers[size].origin, people[size].admin, people[size].password);
			for (const dashboard of dashboards(people[size].collaborationId, people[size].municipalityId)) {
				probes[`${dashboard.name} http ${size}`] = () => timeHttp(servers[size].origin, dashboard.path, cookie);
				probes[`${dashboard.name} floor ${size}`] = () => timeFloor(sql[size], dashboard);
				// the same load without rendering, as a client-side navigation asks for it
				probes[`${dashboard.name} data ${size}`] = () => timeHttp(servers[size].origin, `${dashboard.path}/__data.json`, cookie);
			}
			// what any signed-in request costs: HTTP, hooks, the session lookup
			probes[`ping ${size}`] = () => timeHttp(servers[size].origin, '/ping', cookie);
			if (size === 'full') {
				const api = apiScores(people.full.collaborationId, people.full.apiToken);
				probes['api scores http full'] = () => timeHttp(servers.full.origin, api.path, api.headers);
				probes['api scores floor full'] = () => timeCall(sql.full, api.floor);
			}
		}
		log(`bench: dashboards, ${SAMPLES} samples of ${Object.keys(probes).length} probes, interleaved …`);
		return await sampleInterleaved(probes, SAMPLES, 10);
	} finally {
		await Promise.all([sql.full.end(), sql.tenth.end()]);
	}
}

async function signInAll(origin: string, people: BenchPeople): Promise<Session[]> {
	const sessions: Session[] = [];
	for (const respondent of people.respondents) sessions.push({ cookie: await signIn(origin, respondent.email, people.password), respondent });
	return sessions;
}

async function measureSave(server: ServerProcess, sessions: Session[]) {
	log(`bench: save path, ${sessions.length} connections, ${SECONDS} s each in ${SLICES} alternating slices, after a warm-up …`);
	await floorLoad(server.origin, sessions, 2);
	await saveLoad(server.origin, sessions, 2);
	// Alternating slices, so the machine's noise falls on both alike.
	const postmaster = EXTERNAL ? null : postmasterPid(DATA_DIR);
	const sample = () => cpuSample(server.pid, postmaster);
	const runs = { floor: [] as LoadResult[], save: [] as LoadResult[] };
	const spans = { floor: [] as [CpuSample | null, CpuSample | null][], save: [] as [CpuSample | null, CpuSample | null][] };
	for (let i = 0; i < SLICES; i++) {
		for (const [kind, load] of [
			['floor', floorLoad],
			['save', saveLoad]
		] as const) {
			const before = sample();
			runs[kind].push(await load(server.origin, sessions, SECONDS / SLICES));
			spans[kind].push([before, sample()]);
		}
	}
	const floor = combine(runs.floor);
	const save = combine(runs.save);
	return {
		floor: { ...floor, cpu: cpuPerRequest(spans.floor, floor.completed) },
		save: { ...save, cpu: cpuPerRequest(spans.save, save.completed) }
	};
}

async function measureWeight(server: ServerProcess, people: BenchPeople, sessions: Session[]) {
	const admin = await signIn(server.origin, people.admin, people.password);
	const [collaboration, municipality] = dashboards(people.collaborationId, people.municipalityId);
	const { respondent, cookie } = sessions[0]!;
	const browser = await launchBrowser();
	try {
		return {
			answering: await pageWeight(browser, server.origin, `/assessments/${respondent.assessmentId}/${respondent.dimension}`, cookie),
			collaboration: await pageWeight(browser, server.origin, collaboration!.path, admin),
			municipality: await pageWeight(browser, server.origin, municipality!.path, admin)
		};
	} finally {
		await browser.close();
	}
}

async function started(options: ServerOptions): Promise<ServerProcess> {
	const server = await startServer(options);
	log(`bench: server ${server.origin} up in ${Math.round(server.startMs)} ms`);
	return server;
}

async function main() {
	const began = Date.now();
	const build = ensureBuild(log);
	const { built, people, size } = await preparePlatforms();
	const preparedSeconds = Math.round((Date.now() - began) / 1000);
	log(`bench: platforms ${built.full}/${built.tenth}: ${size.full.answers.toLocaleString('en')} and ${size.tenth.answers.toLocaleString('en')} answers`);
	if (values.prepare) return;
	// The full platform's server starts the embedded database itself, as `npm start` does: the start figure.
	// Both run the job runner, as production does.
	const full = await started(EXTERNAL ? { databaseUrl: EXTERNAL, jobs: true } : { dataDir: DATA_DIR, jobs: true });
	let tenth: ServerProcess | null = null;
	try {
		const fullUrl = EXTERNAL ?? embeddedUrl(DATA_DIR);
		const urls = { full: fullUrl, tenth: EXTERNAL ? await siblingDatabase(EXTERNAL, tenthName(EXTERNAL)) : embeddedUrl(DATA_DIR, tenthName(fullUrl)) };
		tenth = await started({ databaseUrl: urls.tenth, jobs: true });
		for (const size of ['full', 'tenth'] as const) log(`bench: job runner (${size}) settled after ${Math.round((await jobsSettled(urls[size])) / 1000)} s`);
		const dashboardTimings = await measureDashboards({ full, tenth }, urls, people);
		const sessions = await signInAll(full.origin, people.full);
		const save = await measureSave(full, sessions);
		const rssMb = full.rssMb();
		const weight = await measureWeight(full, people.full, sessions);
		log(`bench: submit, ${SUBMITS} submits on each platform …`);
		const submit = { full: await submitCost(urls.full, people.full, SUBMITS), tenth: await submitCost(urls.tenth, people.tenth, SUBMITS) };
		const measured: Measured = { dashboards: dashboardTimings, save, weight, submit, startMs: full.startMs, rssMb };
		const rows = figures(measured, { external: EXTERNAL !== null });
		writeResults(path.resolve('bench/results.json'), {
			at: new Date().toISOString(),
			machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
			database: EXTERNAL ? redact(EXTERNAL) : `embedded PostgreSQL in ${path.relative(process.cwd(), DATA_DIR)}`,
			build,
			preparedSeconds,
			platforms: { full: { ...FULL, ...size.full, was: built.full }, tenth: { ...TENTH, ...size.tenth, was: built.tenth } },
			...measured,
			figures: rows,
			seconds: Math.round((Date.now() - began) / 1000)
		});
		console.log(
			`\nModen bench, ${FULL.scale} platform (${size.full.answers.toLocaleString('en')} answers), ${os.cpus().length} cores, ${Math.round((Date.now() - began) / 1000)} s\n`
		);
		console.log(table(rows));
		console.log('\nWritten to bench/results.json.');
	} finally {
		await tenth?.stop();
		await full.stop();
	}
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : e}`);
		process.exit(1);
	}
);

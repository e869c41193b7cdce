// npm test: every check in order — types, format (Prettier), lint, unit + integration (Vitest), build,
// end-to-end (Playwright in Debian's Chromium) — then one line with the total.
// Every step runs even when an earlier one failed, so one run shows all problems;
// end-to-end needs the build and is counted as failed without it. The static checks
// (types, format, lint) run side by side, each printed whole when it ends: they are
// single-threaded, and the machine has at least two cores.
// `node scripts/test.js integration` runs only the integration tests (CI uses it to
// prove a second PostgreSQL through TEST_DATABASE_URL).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const OUT = '.test-output';
fs.rmSync(OUT, { recursive: true, force: true });
fs.mkdirSync(OUT, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [
	{
		name: 'types',
		parallel: true,
		command: [bin('svelte-kit'), 'sync'],
		then: [bin('svelte-check'), '--tsconfig', './tsconfig.json', '--fail-on-warnings']
	},
	{ name: 'format', parallel: true, command: ['npm', 'run', '--silent', 'format:check'] },
	{ name: 'lint', parallel: true, command: [bin('eslint'), '.'] },
	{
		name: 'unit + integration',
		command: [bin('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/vitest.json`],
		count: () => vitestCounts()
	},
	{
		name: 'integration',
		only: true,
		command: [bin('vitest'), 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${OUT}/vitest.json`],
		count: () => vitestCounts()
	},
	{ name: 'build', command: [bin('vite'), 'build', '--logLevel', 'warn'] },
	{
		name: 'end-to-end',
		needs: 'build',
		command: [bin('playwright'), 'test'],
		count: () => {
			const r = readJson(`${OUT}/playwright.json`);
			return r && { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky + r.stats.skipped };
		}
	}
];

const selected = process.argv.slice(2);
const chosen = selected.length ? steps.filter((s) => selected.includes(s.name)) : steps.filter((s) => !s.only);
if (chosen.length === 0) {
	console.error(`Unknown step: ${selected.join(' ')}. Steps: ${steps.map((s) => s.name).join(', ')}`);
	process.exit(2);
}

function vitestCounts() {
	const r = readJson(`${OUT}/vitest.json`);
	return r && { passed: r.numPassedTests, failed: r.numFailedTests + r.numPendingTests + r.numTodoTests };
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

function run([cmd, ...args]) {
	return spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status === 0;
}

/** Runs a command with its output kept, for a step that runs beside others. */
function runQuietly([cmd, ...args]) {
	return new Promise((resolve) => {
		const child = spawn(cmd, args, { env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('close', (code) => resolve({ ok: code === 0, output }));
	});
}

function record(step, ok, started) {
	// A step without its own test count counts as one check; a runner that failed
	// before writing its report counts as one failure.
	const counted = step.count?.() ?? null;
	const passed = counted ? counted.passed : ok ? 1 : 0;
	const failed = counted ? counted.failed + (ok || counted.failed > 0 ? 0 : 1) : ok ? 0 : 1;
	results.push({ name: step.name, ok: ok && failed === 0, passed, failed, seconds: (Date.now() - started) / 1000 });
}

const results = [];
const together = chosen.filter((s) => s.parallel);
if (together.length > 0) {
	const started = Date.now();
	const outcomes = await Promise.all(
		together.map(async (step) => {
			const first = await runQuietly(step.command);
			const second = first.ok && step.then ? await runQuietly(step.then) : null;
			return { step, ok: first.ok && (second?.ok ?? true), output: first.output + (second?.output ?? ''), seconds: (Date.now() - started) / 1000 };
		})
	);
	for (const { step, ok, output } of outcomes) {
		console.log(`\n━━ ${step.name} ━━`);
		process.stdout.write(output);
		record(step, ok, started);
	}
	// each step's own time, not the time of the group
	for (const [i, outcome] of outcomes.entries()) results[i].seconds = outcome.seconds;
}
for (const step of chosen.filter((s) => !s.parallel)) {
	const started = Date.now();
	console.log(`\n━━ ${step.name} ━━`);
	const prerequisite = step.needs && results.find((r) => r.name === step.needs);
	let ok = false;
	if (step.needs && (!prerequisite || !prerequisite.ok)) console.log(`skipped: ${step.needs} failed`);
	else ok = run(step.command) && (!step.then || run(step.then));
	record(step, ok, started);
}

console.log('\n━━ summary ━━');
for (const r of results) {
	console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(20)} ${r.passed} passed, ${r.failed} failed  (${r.seconds.toFixed(1)} s)`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\nTotal: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && results.every((r) => r.ok) ? 0 : 1);

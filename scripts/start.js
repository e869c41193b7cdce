// npm start: builds the app when its sources changed since the last build, then serves
// it with adapter-node. The app starts (or connects to) the database itself.
// package.json runs this with --max-old-space-size=1024: the server's live heap is some
// 30 MB, and without a limit V8 on a machine with much memory lets garbage grow to about
// four times the live heap before it collects (bench/README.md: 311 MB resident after the
// bench's save run, about 170 MB with the limit). The bench starts the server with the
// same flags (scripts/server-process.ts).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const STAMP = path.join('build', '.source-hash');

function sourceHash() {
	const hash = createHash('sha256');
	const visit = (entry) => {
		if (!fs.existsSync(entry)) return;
		if (fs.statSync(entry).isDirectory()) {
			for (const name of fs.readdirSync(entry).sort()) visit(path.join(entry, name));
		} else {
			hash.update(entry).update('\0').update(fs.readFileSync(entry)).update('\0');
		}
	};
	INPUTS.forEach(visit);
	return hash.digest('hex');
}

const hash = sourceHash();
const built = fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash;
if (!built) {
	console.log('Building Moden (first start, or the code changed since the last build)…');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
	fs.writeFileSync(STAMP, hash);
}

process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;

try {
	await import(path.join(root, 'build', 'index.js'));
} catch (e) {
	console.error(`\nModen could not start: ${e instanceof Error ? e.message : e}`);
	process.exit(1);
}
console.log(`\nModen is running at ${process.env.ORIGIN}  (stop with Ctrl+C)`);

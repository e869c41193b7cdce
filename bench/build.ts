import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The production build the bench measures, rebuilt when its sources changed since the
 * last build: the same inputs and stamp as `npm start` (scripts/start.js), so either
 * reuses the other's build.
 */
const INPUTS = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const STAMP = path.join('build', '.source-hash');

function sourceHash(): string {
	const hash = createHash('sha256');
	const visit = (entry: string) => {
		if (!fs.existsSync(entry)) return;
		if (fs.statSync(entry).isDirectory()) for (const name of fs.readdirSync(entry).sort()) visit(path.join(entry, name));
		else hash.update(entry).update('\0').update(fs.readFileSync(entry)).update('\0');
	};
	INPUTS.forEach(visit);
	return hash.digest('hex');
}

export function ensureBuild(log: (line: string) => void): 'reused' | 'built' {
	const hash = sourceHash();
	if (fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash && fs.existsSync('build/index.js')) return 'reused';
	log('bench: building the app (npm run build) …');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error('The build failed.');
	fs.writeFileSync(STAMP, hash);
	return 'built';
}

// Serves the production build (npm run build) on a fresh embedded database in a
// temporary directory, removed again when Playwright stops the server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

if (!fs.existsSync('build/index.js')) {
	console.error('tests/e2e/server.js: no build found; run `npm run build` first.');
	process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-e2e-'));
fs.chmodSync(dir, 0o755);
process.env.MODEN_DATA_DIR = path.join(dir, 'postgres');
delete process.env.DATABASE_URL;
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

await import(path.resolve('build/index.js'));

// Serves the production build (npm run build) for the end-to-end tests: its own embedded
// PostgreSQL in a temporary directory, migrated and seeded with the two-tenant fixture
// (written to .test-output/e2e-fixture.json for the tests, with the database's address so
// a test can check what was stored), removed again on exit. The job runner stays off.
import fs from 'node:fs';
import path from 'node:path';
import { startSeededDatabase } from '../fixtures/seeded-database';

if (!fs.existsSync('build/index.js')) {
	console.error('tests/e2e/server.ts: no build found; run `npm run build` first.');
	process.exit(1);
}
const { dir, database, fixture } = await startSeededDatabase('moden-e2e-');
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
fs.mkdirSync('.test-output', { recursive: true });
fs.writeFileSync('.test-output/e2e-fixture.json', JSON.stringify({ ...fixture, databaseUrl: database.url }, null, 2));

process.env.DATABASE_URL = database.url;
// No job runner: these tests need none, and it would close the fixture's past rounds under them.
process.env.MODEN_JOBS = '0';
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
await import(path.resolve('build/index.js'));

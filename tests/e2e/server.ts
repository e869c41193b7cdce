// Serves the production build (npm run build) for the end-to-end tests: its own embedded
// PostgreSQL in a temporary directory, migrated and seeded with the two-tenant fixture
// (written to .test-output/e2e-fixture.json for the tests, with the database's address so
// a test can check what was stored), removed again on exit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../../src/lib/server/db/index';
import { startEmbedded } from '../../src/lib/server/db/embedded';
import { migrate } from '../../src/lib/server/db/migrate';
import { seedTenants } from '../fixtures/tenants';

if (!fs.existsSync('build/index.js')) {
	console.error('tests/e2e/server.ts: no build found; run `npm run build` first.');
	process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-e2e-'));
fs.chmodSync(dir, 0o755);
const database = await startEmbedded(path.join(dir, 'postgres'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

const sql = connect(database.url, { max: 2 });
await migrate(sql, path.resolve('migrations'));
const fixture = await seedTenants(sql);
await sql.end();
fs.mkdirSync('.test-output', { recursive: true });
fs.writeFileSync('.test-output/e2e-fixture.json', JSON.stringify({ ...fixture, databaseUrl: database.url }, null, 2));

process.env.DATABASE_URL = database.url;
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
await import(path.resolve('build/index.js'));

// Serves the production build (npm run build) for the end-to-end tests: its own embedded
// PostgreSQL in a temporary directory, migrated and seeded with the two-tenant fixture
// (written to .test-output/e2e-fixture.json for the tests, with the database's address so
// a test can check what was stored), removed again on exit; and a test OpenID Provider
// (tests/fixtures/oidc-provider.ts) that the server knows as an installation-wide provider.
// The job runner stays off.
import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_SECRET, clients, startTestProvider, TEST_SECRET_KEY } from '../fixtures/oidc-provider';
import { startSeededDatabase } from '../fixtures/seeded-database';

if (!fs.existsSync('build/index.js')) {
	console.error('tests/e2e/server.ts: no build found; run `npm run build` first.');
	process.exit(1);
}
const { dir, database, fixture } = await startSeededDatabase('moden-e2e-');
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
// A real OpenID Provider on a port of its own, for sign-in through a provider (sso.e2e.ts):
// installation-wide as "entra", and for the providers the tests set up in collaborations.
const provider = await startTestProvider({ redirectUris: [`http://localhost:${process.env.PORT}/sign-in/sso/callback`] });
fs.mkdirSync('.test-output', { recursive: true });
fs.writeFileSync('.test-output/e2e-fixture.json', JSON.stringify({ ...fixture, databaseUrl: database.url, oidcIssuer: provider.issuer }, null, 2));

process.env.MODEN_SECRET_KEY = TEST_SECRET_KEY;
process.env.MODEN_OIDC_ALLOW_HTTP = '1';
process.env.MODEN_OIDC_PROVIDERS = JSON.stringify([
	{ key: 'entra', name: 'Entra ID (test)', issuer: provider.issuer, clientId: clients.good, clientSecret: CLIENT_SECRET }
]);
process.env.DATABASE_URL = database.url;
// No job runner: these tests need none, and it would close the fixture's past rounds under them.
process.env.MODEN_JOBS = '0';
process.env.HOST = '127.0.0.1';
process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
await import(path.resolve('build/index.js'));

// npm run demo [-- --scale demo|national|tenth] [--seed N] [--rounds N]
// Loads the deterministic demo platform into the configured database (embedded, or
// DATABASE_URL) if it is empty; refuses a database that already holds data.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEMO_PASSWORD, loadDemo } from '../src/lib/server/demo/load';
import { readConfig } from '../src/lib/server/config';
import { publishFromDirectory } from '../src/lib/server/questionnaires/publish';
import { runWithDatabase } from './with-database';

const { values } = parseArgs({
	options: { scale: { type: 'string', default: 'demo' }, seed: { type: 'string', default: '2026' }, rounds: { type: 'string' } }
});
const options = z
	.object({ scale: z.enum(['demo', 'national', 'tenth']), seed: z.coerce.number().int(), rounds: z.coerce.number().int().min(1).max(30).optional() })
	.safeParse(values);
if (!options.success) {
	console.error('usage: npm run demo -- [--scale demo|national|tenth] [--seed N] [--rounds N]');
	process.exit(2);
}

await runWithDatabase(async (sql) => {
	await publishFromDirectory(sql, readConfig().MODEN_QUESTIONNAIRES_DIR, () => {});
	const started = Date.now();
	const logins = await loadDemo(sql, { ...options.data, log: (line) => console.log(line) });
	console.log(`Demo data loaded in ${Math.round((Date.now() - started) / 1000)} s. Demo people (password "${DEMO_PASSWORD}"):`);
	for (const login of logins) console.log(`  ${login.role.padEnd(20)} ${login.email}`);
});

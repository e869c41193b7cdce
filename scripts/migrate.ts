// npm run migrate: applies pending migrations to the configured database and exits.
import { closeDatabase, openDatabase } from '../src/lib/server/db/index';

try {
	await openDatabase();
	console.log('Migrations are up to date.');
} catch (e) {
	console.error((e as Error).message);
	process.exitCode = 1;
} finally {
	await closeDatabase();
}

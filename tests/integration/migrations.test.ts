import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { migrate, MigrationError, readMigrations } from '../../src/lib/server/db/migrate';
import { createEmptyDatabase, first } from './database';

describe('migrations', () => {
	let sql: Sql;
	let dir: string;

	beforeAll(async () => {
		sql = connect(await createEmptyDatabase(`moden_test_migrate_${process.pid}`), { max: 2 });
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-migrations-'));
		fs.cpSync('migrations', dir, { recursive: true });
	});
	afterAll(async () => {
		await sql.end();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('applies every file once, recording its checksum', async () => {
		const files = readMigrations(dir);
		expect(await migrate(sql, dir)).toEqual(files.map((f) => f.name));
		const rows = await sql`select name, checksum from schema_migration order by name`;
		expect(rows.map((r) => [r.name, r.checksum])).toEqual(files.map((f) => [f.name, f.checksum]));
		expect(await migrate(sql, dir)).toEqual([]);
	});

	it('refuses to start when an applied file was changed, naming the file', async () => {
		const first = readMigrations(dir)[0]!.name;
		const file = path.join(dir, first);
		const original = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(file, `${original}\n-- an edit after the fact\n`);
		try {
			const failure = migrate(sql, dir);
			await expect(failure).rejects.toThrow(MigrationError);
			await expect(failure).rejects.toThrow(new RegExp(`Migration ${first} was changed after it was applied`));
		} finally {
			fs.writeFileSync(file, original);
		}
	});

	it('rolls a failing migration back whole and does not record it', async () => {
		fs.writeFileSync(path.join(dir, '900_broken.sql'), 'create table half_done (id int);\nselect * from no_such_table;');
		try {
			await expect(migrate(sql, dir)).rejects.toThrow(/Migration 900_broken.sql failed/);
			const { exists } = await first(sql`select to_regclass('half_done') is not null as exists`);
			expect(exists).toBe(false);
			const recorded = await sql`select 1 from schema_migration where name = '900_broken.sql'`;
			expect(recorded).toHaveLength(0);
		} finally {
			fs.rmSync(path.join(dir, '900_broken.sql'));
		}
	});

	it('rejects badly named and duplicate-numbered files', () => {
		fs.writeFileSync(path.join(dir, 'oops.sql'), 'select 1;');
		try {
			expect(() => readMigrations(dir)).toThrow(/NNN_name.sql: oops.sql/);
		} finally {
			fs.rmSync(path.join(dir, 'oops.sql'));
		}
		fs.writeFileSync(path.join(dir, '001_again.sql'), 'select 1;');
		try {
			expect(() => readMigrations(dir)).toThrow(/share the number 001/);
		} finally {
			fs.rmSync(path.join(dir, '001_again.sql'));
		}
	});

	it('serialises two instances migrating at the same time', async () => {
		// Both instances are made to reach the first migration together: the table of applied
		// migrations exists and is locked until both wait, so neither can see the other's row
		// before it decides. With the advisory lock one waits for the other and skips what it
		// applied; without it both run 001 and one fails on the tables the other made.
		const url = await createEmptyDatabase(`moden_test_migrate_race_${process.pid}`);
		const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-no-migrations-'));
		const holder = connect(url, { max: 1 });
		const other = connect(url, { max: 2 });
		const again = connect(url, { max: 2 });
		try {
			await migrate(holder, empty);
			let both: Promise<[string[], string[]]> | undefined;
			await holder.begin(async (tx) => {
				await tx`lock table schema_migration in access exclusive mode`;
				both = Promise.all([migrate(other, dir), migrate(again, dir)]);
				both.catch(() => {});
				for (let waiting = 0; waiting < 2;) {
					await new Promise((resolve) => setTimeout(resolve, 20));
					// Statistics views keep one snapshot per transaction unless told to read afresh.
					await tx`select pg_stat_clear_snapshot()`;
					({ waiting } = await first(tx<{ waiting: number }[]>`
						select count(*)::int as waiting from pg_stat_activity
						where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`));
				}
			});
			const [a, b] = await both!;
			expect([...a, ...b].sort()).toEqual(readMigrations(dir).map((f) => f.name));
		} finally {
			await holder.end();
			await other.end();
			await again.end();
			fs.rmSync(empty, { recursive: true, force: true });
		}
	});
});

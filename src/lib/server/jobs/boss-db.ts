import type { Sql, TransactionSql } from 'postgres';
import type PgBoss from 'pg-boss';

/**
 * pg-boss over the app's own postgres.js client, so the app keeps one database driver and
 * one pool (pg-boss's `db` option; its own `pg` pool is never opened).
 *
 * Two differences between node-postgres, which pg-boss was written for, and postgres.js
 * are bridged here:
 * - pg-boss sends its schema changes and maintenance as one string `BEGIN; …; COMMIT;`.
 *   postgres.js refuses BEGIN on a pooled connection (it could leak an open transaction
 *   into the pool), so such a string runs on a reserved connection, rolled back on error.
 * - node-postgres sends an object parameter as JSON; postgres.js would send "[object Object]".
 */
export function bossDb(sql: Sql | TransactionSql): PgBoss.Db {
	return {
		async executeSql(text: string, values: unknown[] = []) {
			if (values.length > 0) return { rows: await sql.unsafe(text, values.map(parameter) as never[]) };
			if (!/^\s*BEGIN\b/i.test(text) || !('reserve' in sql)) return { rows: await sql.unsafe(text).simple() };
			const connection = await sql.reserve();
			try {
				await connection.unsafe(text).simple();
			} catch (e) {
				await connection.unsafe('rollback').catch(() => {});
				throw e;
			} finally {
				connection.release();
			}
			return { rows: [] };
		}
	};
}

function parameter(value: unknown): unknown {
	return value === undefined ? null : value;
}

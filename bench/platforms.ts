import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Sql } from 'postgres';
import { connect } from '../src/lib/server/db/index';
import { migrate, MigrationError } from '../src/lib/server/db/migrate';
import { loadDemo } from '../src/lib/server/demo/load';
import { publishFromDirectory } from '../src/lib/server/questionnaires/publish';

/**
 * The bench's two platforms, built once with the demo generator and reused while what
 * built them is unchanged: the national one (BRIEF §8) and one ten times smaller around
 * the same collaboration, in two databases of one PostgreSQL. Each database carries a
 * stamp (installation_setting 'bench') of its scale, seed, rounds, respondents, the
 * generator's sources and the year of its open round; a different stamp rebuilds it.
 */
export interface PlatformSpec {
	scale: 'national' | 'tenth';
	seed: number;
	rounds: number;
	respondents: number;
}

// The instrument has 40 (v1) and 42 (v2) items, not BRIEF §8's 50: four respondents per
// assessment give its ~6 million answers.
export const NATIONAL: PlatformSpec = { scale: 'national', seed: 2026, rounds: 10, respondents: 4 };
export const TENTH: PlatformSpec = { ...NATIONAL, scale: 'tenth' };

/** The sources whose change makes another platform: the generator, the scoring it runs, the instruments. */
const GENERATOR = ['src/lib/server/demo', 'src/lib/server/results/scores.ts', 'questionnaires'];

function filesHash(entries: string[]): string {
	const hash = createHash('sha256');
	const visit = (entry: string) => {
		if (fs.statSync(entry).isDirectory()) for (const name of fs.readdirSync(entry).sort()) visit(path.join(entry, name));
		else hash.update(entry).update('\0').update(fs.readFileSync(entry)).update('\0');
	};
	entries.forEach(visit);
	return hash.digest('hex').slice(0, 16);
}

type Stamp = PlatformSpec & { generator: string; year: number };

const stampOf = (spec: PlatformSpec): Stamp => ({ ...spec, generator: filesHash(GENERATOR), year: new Date().getFullYear() });

// Key by key: jsonb keeps its keys in its own order.
const sameStamp = (a: Stamp, b: Stamp) =>
	Object.keys(a).length === Object.keys(b).length && (Object.keys(b) as (keyof Stamp)[]).every((key) => a[key] === b[key]);

async function readStamp(sql: Sql): Promise<Stamp | null> {
	const [table] = await sql<{ found: boolean }[]>`select to_regclass('installation_setting') is not null as found`;
	if (!table!.found) return null;
	const [row] = await sql<{ value: Stamp }[]>`select value from installation_setting where key = 'bench'`;
	return row?.value ?? null;
}

async function holdsTables(sql: Sql): Promise<boolean> {
	const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pg_tables where schemaname = 'public'`;
	return row!.n > 0;
}

/** Migrations apply to a reused platform too; one that changed under it means a rebuild. */
async function migrates(sql: Sql): Promise<boolean> {
	try {
		await migrate(sql, path.resolve('migrations'));
		return true;
	} catch (e) {
		if (e instanceof MigrationError) return false;
		throw e;
	}
}

/** The database `name` next to the one `url` names (created when missing), as a URL. */
export async function siblingDatabase(url: string, name: string): Promise<string> {
	const sql = connect(url, { max: 1 });
	try {
		const [row] = await sql<{ found: boolean }[]>`select exists (select 1 from pg_database where datname = ${name}) as found`;
		if (!row!.found) await sql`create database ${sql(name)}`;
	} finally {
		await sql.end();
	}
	const sibling = new URL(url);
	sibling.pathname = `/${name}`;
	return sibling.toString();
}

/**
 * Makes the database at `url` hold the platform `spec`: reuses it when its stamp matches,
 * else wipes it (only an empty database or one the bench built) and generates it.
 */
export async function ensurePlatform(url: string, spec: PlatformSpec, log: (line: string) => void): Promise<'reused' | 'built'> {
	const sql = connect(url, { max: 4 });
	try {
		const wanted = stampOf(spec);
		const stamp = await readStamp(sql);
		if (stamp && sameStamp(stamp, wanted) && (await migrates(sql))) {
			await publishFromDirectory(sql, path.resolve('questionnaires'), () => {});
			return 'reused';
		}
		if (!stamp && (await holdsTables(sql)))
			throw new Error(`The database ${redact(url)} holds data the bench did not write; give the bench an empty database.`);
		log(`bench: building the ${spec.scale} platform (${spec.rounds} rounds, ${spec.respondents} respondents per assessment) …`);
		await sql`drop schema if exists public cascade`;
		await sql`create schema public`;
		await migrate(sql, path.resolve('migrations'));
		await publishFromDirectory(sql, path.resolve('questionnaires'), () => {});
		const started = Date.now();
		await loadDemo(sql, { scale: spec.scale, seed: spec.seed, rounds: spec.rounds, respondents: spec.respondents, log: (line) => log(`  ${line}`) });
		// A long-lived database has been vacuumed: visibility maps set, statistics fresh.
		await sql`vacuum analyze`;
		await sql`insert into installation_setting (key, value) values ('bench', ${sql.json({ ...wanted })})`;
		log(`bench: ${spec.scale} platform built in ${Math.round((Date.now() - started) / 1000)} s`);
		return 'built';
	} finally {
		await sql.end();
	}
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

/** How much the platform holds: answers (the planner's count after VACUUM ANALYZE, instant) and bytes on disk. */
export async function platformSize(url: string): Promise<{ answers: number; megabytes: number }> {
	const sql = connect(url, { max: 1 });
	try {
		const [row] = await sql<{ answers: number; megabytes: number }[]>`
			select (select reltuples::bigint::int from pg_class where oid = 'answer'::regclass) as answers,
				(pg_database_size(current_database()) / 1048576)::int as megabytes`;
		return row!;
	} finally {
		await sql.end();
	}
}

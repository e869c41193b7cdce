import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect } from '../../src/lib/server/db/index';
import { startEmbedded, type EmbeddedDatabase } from '../../src/lib/server/db/embedded';
import { migrate } from '../../src/lib/server/db/migrate';

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL when set (CI proves PostgreSQL 15
 * that way), else a throw-away embedded one. The migrations are applied once to a
 * template database; every test file then gets its own copy (see database.ts).
 */
export const TEMPLATE = 'moden_test_template';

declare module 'vitest' {
	export interface ProvidedContext {
		databaseUrl: string;
		templateDatabase: string;
	}
}

let embedded: EmbeddedDatabase | undefined;
let tempDir: string | undefined;

export async function setup(project: TestProject) {
	let url = process.env.TEST_DATABASE_URL;
	if (!url) {
		tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-test-'));
		fs.chmodSync(tempDir, 0o755);
		embedded = await startEmbedded(path.join(tempDir, 'postgres'));
		url = embedded.url;
	}
	const admin = connect(url, { max: 1 });
	try {
		await dropTestDatabases(admin);
		await admin.unsafe(`create database ${TEMPLATE}`);
	} finally {
		await admin.end();
	}
	const template = connect(withDatabase(url, TEMPLATE), { max: 1 });
	try {
		await migrate(template, path.resolve('migrations'));
	} finally {
		await template.end();
	}
	project.provide('databaseUrl', url);
	project.provide('templateDatabase', TEMPLATE);
}

export async function teardown() {
	if (embedded) {
		await embedded.stop();
		fs.rmSync(tempDir!, { recursive: true, force: true });
	} else if (process.env.TEST_DATABASE_URL) {
		const admin = connect(process.env.TEST_DATABASE_URL, { max: 1 });
		await dropTestDatabases(admin).finally(() => admin.end());
	}
}

async function dropTestDatabases(admin: ReturnType<typeof connect>) {
	const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like 'moden_test_%'`;
	for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
}

export function withDatabase(url: string, database: string): string {
	const u = new URL(url);
	u.pathname = `/${database}`;
	return u.toString();
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('readConfig', () => {
	it('defaults to the embedded database under ./data/postgres', () => {
		const config = readConfig({});
		expect(config.DATABASE_URL).toBeUndefined();
		expect(config.MODEN_DATA_DIR).toBe(path.resolve('data/postgres'));
		expect(config.MODEN_DB_WAIT_SECONDS).toBe(60);
	});

	it('treats an empty variable as unset', () => {
		expect(readConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
	});

	it('accepts a PostgreSQL URL and refuses anything else with a readable message', () => {
		expect(readConfig({ DATABASE_URL: 'postgres://u@db:5432/moden' }).DATABASE_URL).toBe('postgres://u@db:5432/moden');
		expect(() => readConfig({ DATABASE_URL: 'mysql://u@db/moden' })).toThrow(/DATABASE_URL/);
		expect(() => readConfig({ MODEN_DB_WAIT_SECONDS: 'soon' })).toThrow(/MODEN_DB_WAIT_SECONDS/);
	});
});

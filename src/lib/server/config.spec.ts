import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicOrigin, readConfig } from './config';

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

	it('runs the job runner unless MODEN_JOBS=0', () => {
		expect(readConfig({}).MODEN_JOBS).toBe(true);
		expect(readConfig({ MODEN_JOBS: '0' }).MODEN_JOBS).toBe(false);
		expect(() => readConfig({ MODEN_JOBS: 'no' })).toThrow(/MODEN_JOBS/);
	});

	it('links in mails go to ORIGIN, else to the local address npm start serves', () => {
		expect(publicOrigin(readConfig({ ORIGIN: 'https://moden.example.no/' }))).toBe('https://moden.example.no');
		expect(publicOrigin(readConfig({ PORT: '4000' }))).toBe('http://localhost:4000');
		expect(() => readConfig({ ORIGIN: 'ftp://x' })).toThrow(/ORIGIN/);
	});
});

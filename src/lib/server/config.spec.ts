import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publicOrigin, readConfig } from './config';
import { connectionsFor } from './db/index';

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

	it('opens two connections per core to the embedded database (at least four), 10 to a server, or MODEN_DB_CONNECTIONS', () => {
		expect(connectionsFor(readConfig({}), true, 2)).toBe(4);
		expect(connectionsFor(readConfig({}), true, 1)).toBe(4);
		expect(connectionsFor(readConfig({}), true, 8)).toBe(16);
		expect(connectionsFor(readConfig({}), false, 8)).toBe(10);
		expect(connectionsFor(readConfig({ MODEN_DB_CONNECTIONS: '25' }), false, 8)).toBe(25);
		expect(connectionsFor(readConfig({ MODEN_DB_CONNECTIONS: '3' }), true, 8)).toBe(3);
		expect(() => readConfig({ MODEN_DB_CONNECTIONS: '0' })).toThrow(/MODEN_DB_CONNECTIONS/);
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

describe('sign-in through identity providers', () => {
	const provider = {
		key: 'entra',
		name: 'Microsoft Entra ID',
		issuer: 'https://login.microsoftonline.com/organizations/v2.0',
		clientId: 'abc',
		clientSecret: 's3cret'
	};

	it('reads a 32-byte MODEN_SECRET_KEY in base64 or hex, and refuses anything shorter without echoing it', () => {
		expect(readConfig({ MODEN_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') }).MODEN_SECRET_KEY).toBeDefined();
		expect(readConfig({ MODEN_SECRET_KEY: 'ab'.repeat(32) }).MODEN_SECRET_KEY).toBeDefined();
		expect(readConfig({}).MODEN_SECRET_KEY).toBeUndefined();
		expect(() => readConfig({ MODEN_SECRET_KEY: 'too-short-a-key' })).toThrow(/MODEN_SECRET_KEY: must be 32 bytes/);
		expect(() => readConfig({ MODEN_SECRET_KEY: 'too-short-a-key' })).not.toThrow(/too-short-a-key/);
	});

	it('reads installation-wide providers as a JSON array, https only unless MODEN_OIDC_ALLOW_HTTP=1', () => {
		expect(readConfig({}).MODEN_OIDC_PROVIDERS).toEqual([]);
		expect(readConfig({ MODEN_OIDC_PROVIDERS: JSON.stringify([provider]) }).MODEN_OIDC_PROVIDERS).toEqual([provider]);
		expect(() => readConfig({ MODEN_OIDC_PROVIDERS: '{not json' })).toThrow(/MODEN_OIDC_PROVIDERS: must be a JSON array/);
		expect(() => readConfig({ MODEN_OIDC_PROVIDERS: JSON.stringify([provider, provider]) })).toThrow(/a key of its own/);
		expect(() => readConfig({ MODEN_OIDC_PROVIDERS: JSON.stringify([{ ...provider, key: 'Entra ID' }]) })).toThrow(/MODEN_OIDC_PROVIDERS\.0\.key/);
		const local = JSON.stringify([{ ...provider, issuer: 'http://localhost:8080/realms/test' }]);
		expect(() => readConfig({ MODEN_OIDC_PROVIDERS: local })).toThrow(/MODEN_OIDC_PROVIDERS\.0\.issuer: must be an https/);
		expect(readConfig({ MODEN_OIDC_PROVIDERS: local, MODEN_OIDC_ALLOW_HTTP: '1' }).MODEN_OIDC_ALLOW_HTTP).toBe(true);
	});
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BackupFormatError, readBackupFile, restoreCollaboration, RestoreRefusedError } from '../../src/lib/server/backup/backup';
import { first, useTestDatabase } from './database';

/**
 * A backup file is input from outside: its size and nesting are limited before it is
 * parsed, the whole document is checked before anything is written, and it cannot hand
 * out platform roles, nor roles to the platform's operators.
 */
const collaborationId = '0b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e';
const personId = '2b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e';
const at = '2026-01-01T08:00:00+00:00';

const backup = (grantRole = 'board_viewer', detail: unknown = {}) => ({
	format: 'moden-collaboration-backup',
	version: 1,
	exportedAt: at,
	collaboration: { id: collaborationId, name: 'Restored IKT', legal_form: 'iks', country: 'NO', members_see_names: false, created_at: at },
	municipalities: [],
	populations: [],
	memberships: [],
	sectors: [],
	questionnaireVersions: [],
	rounds: [],
	assessments: [],
	responses: [],
	answers: [],
	targets: [],
	auditEvents: [
		{
			id: 900001,
			collaboration_id: collaborationId,
			actor_id: null,
			action: 'collaboration.created',
			subject_type: null,
			subject_id: null,
			detail,
			ip: null,
			at
		}
	],
	people: [{ id: personId, email: 'operator@restore.test', name: 'Operator', locale: null, created_at: at, disabled_at: null, password_hash: null }],
	grants: [
		{
			id: '3b7c6c1e-6f1d-4e0a-9d7b-3c1a2b4c5d6e',
			user_id: personId,
			role: grantRole,
			collaboration_id: collaborationId,
			municipality_id: null,
			sector_id: null,
			created_at: at,
			created_by: null
		}
	]
});

describe('restore of an untrusted file', () => {
	const { sql, url } = useTestDatabase();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-restore-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	const restoreCli = (file: string) =>
		spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', 'restore', file], {
			encoding: 'utf8',
			env: { ...process.env, DATABASE_URL: url(), MODEN_DEMO: '0' }
		});
	const collaborations = async () => (await first(sql()<{ n: number }[]>`select count(*)::int as n from collaboration`)).n;

	it('refuses a document nested 100 000 deep with a plain message, before parsing it', async () => {
		const file = path.join(dir, 'deep.json');
		const text = JSON.stringify(backup()).replace('"detail":{}', `"detail":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
		fs.writeFileSync(file, text);
		const run = restoreCli(file);
		expect(run.stderr).toMatch(/nested more than \d+ levels deep/);
		expect(run.status).toBe(1);
		expect(await collaborations()).toBe(0);
	});

	it('refuses a file larger than a backup may be before reading it', () => {
		const file = path.join(dir, 'large.json');
		fs.writeFileSync(file, JSON.stringify(backup()));
		expect(() => readBackupFile(file, 100)).toThrow(/is \d+ bytes, more than the 100 a backup may have/);
		expect(readBackupFile(file).collaboration.id).toBe(collaborationId);
	});

	it('refuses a grant of a platform role in the file, before writing anything', async () => {
		const refused = restoreCollaboration(sql(), backup('platform_admin'));
		await expect(refused).rejects.toBeInstanceOf(BackupFormatError);
		await expect(refused).rejects.toThrow(/grants\.0\.role/);
		expect(await collaborations()).toBe(0);
	});

	it('refuses to give a role in the collaboration to someone who is a platform administrator here', async () => {
		await sql()`insert into app_user (id, email, name) values (${personId}, 'operator@restore.test', 'Operator')`;
		await sql()`insert into role_grant (user_id, role) values (${personId}, 'platform_admin')`;
		const refused = restoreCollaboration(sql(), backup());
		await expect(refused).rejects.toBeInstanceOf(RestoreRefusedError);
		await expect(refused).rejects.toThrow(/operator@restore\.test is a platform administrator here/);
		expect(await collaborations()).toBe(0);
	});
});

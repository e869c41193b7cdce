import type { Fragment } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/lib/server/audit';
import { closeRound } from '../../src/lib/server/assessments/rounds';
import {
	BackupFormatError,
	backupCollaboration,
	restoreCollaboration,
	RestoreRefusedError,
	type Backup,
	type RestoreSummary
} from '../../src/lib/server/backup/backup';
import { addGrant } from '../../src/lib/server/collaborations/people';
import { archiveSector } from '../../src/lib/server/collaborations/sectors';
import { endMembership } from '../../src/lib/server/collaborations/municipalities';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { loadDemo } from '../../src/lib/server/demo/load';
import { HEDMARK } from '../../src/lib/server/demo/plan';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { setTarget } from '../../src/lib/server/results/targets';
import { changeStatus, createInitiative } from '../../src/lib/server/initiatives/initiatives';
import { createEmptyDatabase, dropDatabase, first } from './database';

/**
 * Backup → restore into an empty installation → the collaboration comes back row for
 * row: every answer, response, audit event and score identical, all columns compared.
 */
describe('collaboration backup and restore', () => {
	const names = { source: `moden_test_backup_source_${process.pid}`, target: `moden_test_backup_target_${process.pid}` };
	let source: Sql;
	let target: Sql;
	let collaborationId: string;
	let backup: Backup;
	let summary: RestoreSummary;

	/** A fresh installation: migrated, questionnaires published, nothing else. */
	async function installation(name: string): Promise<Sql> {
		const sql = connect(await createEmptyDatabase(name), { max: 4 });
		await migrate(sql, 'migrations');
		await publishFromDirectory(sql, 'questionnaires', () => {});
		return sql;
	}

	beforeAll(async () => {
		source = await installation(names.source);
		target = await installation(names.target);
		await loadDemo(source, { scale: 'tenth', rounds: 2, now: new Date('2026-11-23T12:00:00Z') });
		collaborationId = (await first(source<{ id: string }[]>`select id from collaboration where name = ${HEDMARK}`)).id;
		await changeThroughTheApp(source, collaborationId);
		backup = await backupCollaboration(source, collaborationId);
		// Through text, as the command line writes and reads the file.
		summary = await restoreCollaboration(target, JSON.parse(JSON.stringify(backup)));
	}, 180_000);

	afterAll(async () => {
		await source?.end();
		await target?.end();
		for (const name of Object.values(names)) await dropDatabase(name);
	});

	it('brings back every row of the collaboration, all columns, and the same scores', async () => {
		const [before, after] = [await snapshot(source, collaborationId), await snapshot(target, collaborationId)];
		for (const [table, rows] of Object.entries(before)) {
			expect(rows.length, `${table} rows in the source`).toBeGreaterThan(0);
			expect(after[table], table).toEqual(rows);
		}
		expect(before.answer!.length).toBeGreaterThan(2000); // more than one insert batch
		expect(summary).toMatchObject({ collaborationId, name: HEDMARK, years: [2025, 2026] });
		expect(summary.rows.answer).toBe(before.answer!.length);
	});

	it('refuses to restore the same collaboration twice, and changes nothing', async () => {
		const before = await fingerprint(target);
		const again = restoreCollaboration(target, backup);
		await expect(again).rejects.toBeInstanceOf(RestoreRefusedError);
		await expect(again).rejects.toThrow(/already holds this collaboration/);
		expect(await fingerprint(target)).toEqual(before);
	});

	it('names every reason a restore is refused', async () => {
		// Another collaboration's backup that shares members, people and audit ids with the restored one.
		const other = {
			...backup,
			collaboration: { ...backup.collaboration, id: '6d1e0c1e-0000-4000-8000-000000000001', name: 'Another collaboration' },
			questionnaireVersions: backup.questionnaireVersions.map((v, i) => (i === 0 ? { ...v, content_hash: 'changed' } : v))
		};
		const withOwnId = (row: object) => ({ ...row, collaboration_id: other.collaboration.id });
		for (const list of [
			'memberships',
			'sectors',
			'rounds',
			'assessments',
			'responses',
			'answers',
			'targets',
			'initiatives',
			'initiativeParticipants',
			'initiativeEvents',
			'auditEvents',
			'grants'
		] as const) {
			(other as Record<string, unknown>)[list] = backup[list].map(withOwnId);
		}
		const people = backup.people[0]!;
		other.people = [{ ...people, id: '6d1e0c1e-0000-4000-8000-000000000002' }];
		other.municipalities = backup.municipalities.map((m, i) => (i === 0 ? { ...m, id: '6d1e0c1e-0000-4000-8000-000000000003' } : m));
		const before = await fingerprint(target);
		const refused = restoreCollaboration(target, other);
		await expect(refused).rejects.toThrow(/other content/);
		await expect(refused).rejects.toThrow(new RegExp(`e-mail ${people.email.replace(/\./g, '\\.')} exists here as another account`));
		await expect(refused).rejects.toThrow(/municipality NO \d{4} .* exists here as another record/);
		await expect(refused).rejects.toThrow(/audit events with the ids .* are taken/);
		expect(await fingerprint(target)).toEqual(before);
	});

	it('refuses a file that is not a collaboration backup', async () => {
		await expect(restoreCollaboration(target, { ...backup, format: 'moden-demo' })).rejects.toThrow(BackupFormatError);
		await expect(restoreCollaboration(target, { ...backup, format: 'moden-demo' })).rejects.toThrow(/not a Moden collaboration backup/);
		await expect(restoreCollaboration(target, { ...backup, version: 2 })).rejects.toThrow(/format version 2/);
		const { answers: _answers, ...incomplete } = backup;
		await expect(restoreCollaboration(target, incomplete)).rejects.toThrow(/answers: /);
	});

	it('lets the restored installation carry on: the next audit event gets a new id', async () => {
		const { max } = await first(target<{ max: number }[]>`select max(id)::int as max from audit_event`);
		await setTarget(target, collaborationId, { municipalityId: null, dimension: 'strategy', level: 4 }, backup.people[0]!.id);
		const { latest } = await first(target<{ latest: number }[]>`select max(id)::int as latest from audit_event`);
		expect(latest).toBeGreaterThan(max);
	});
});

/**
 * Changes made the way the app makes them, so the audit trail has rows and the columns
 * that the demo leaves empty (comments, evidence, an end of membership, an archived
 * sector, a closed round, a grant's creator, an address, an anonymised response) hold values.
 */
async function changeThroughTheApp(sql: Sql, collaborationId: string) {
	const admin = (await first(sql<{ id: string }[]>`select id from app_user where email = 'admin@demo.moden.no'`)).id;
	const [hamar, grue] = await sql<{ id: string }[]>`select id from municipality where national_number in ('3403', '3417') order by national_number`;
	await setTarget(sql, collaborationId, { municipalityId: null, dimension: 'culture', level: 3 }, admin);
	await setTarget(sql, collaborationId, { municipalityId: hamar!.id, dimension: 'technology', level: 4 }, admin);
	const past = await first(sql<{ id: string }[]>`select id from round where collaboration_id = ${collaborationId} order by year limit 1`);
	await closeRound(sql, collaborationId, past.id, admin);
	const culture = await first(sql<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} and key = 'kultur'`);
	await archiveSector(sql, collaborationId, culture.id, admin);
	const grueMembership = await first(
		sql<{ id: string }[]>`select id from membership where collaboration_id = ${collaborationId} and municipality_id = ${grue!.id}`
	);
	await endMembership(sql, collaborationId, grueMembership.id, '2027-12-31', admin);
	const board = await first(sql<{ id: string }[]>`insert into app_user (email, name) values ('styremedlem@example.no', 'Styremedlem') returning id`);
	await addGrant(sql, collaborationId, board.id, { role: 'board_viewer', municipalityId: null, sectorId: null }, admin);
	await audit(sql, { action: 'auth.signed_in', actorId: admin, collaborationId, ip: '192.0.2.7', detail: { note: 'æøå', nested: { n: 1.5 } } });
	await sql`
		update answer set comment = 'Se plan for 2026', evidence_url = 'https://example.org/plan'
		where (response_id, item_key) in (select response_id, item_key from answer where collaboration_id = ${collaborationId} order by response_id, item_key limit 3)`;
	await sql`update response set respondent_id = null where id = (select id from response where collaboration_id = ${collaborationId} order by id limit 1)`;
	// A coordinator's sign-off on a submitted assessment (migration 018), with its note.
	await sql`
		update assessment set signoff = 'approved', signoff_note = 'Godkjent – takk!', signoff_by = ${admin}, signoff_at = now()
		where id = (select id from assessment where collaboration_id = ${collaborationId} and status = 'submitted' order by id limit 1)`;
	// Initiatives at every scope, with an owner, a due date, members taking part and a status history.
	const adminViewer = { id: admin, grants: [{ role: 'collaboration_admin' as const, collaborationId, municipalityId: null, sectorId: null }] };
	const health = await first(sql<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position limit 1`);
	const base = { description: 'Felles opplæring\nmed to samlinger', dimensions: [], targetLevel: 3, ownerId: admin, dueOn: '2027-03-31', participants: [] };
	const sectorPlan = await createInitiative(sql, collaborationId, adminViewer, {
		...base,
		at: { scope: 'sector', municipalityId: hamar!.id, sectorId: health.id },
		title: 'Tjenestedesign',
		itemKeys: ['culture.user-orientation']
	});
	await createInitiative(sql, collaborationId, adminViewer, {
		...base,
		at: { scope: 'municipality', municipalityId: hamar!.id },
		title: 'Strategi',
		itemKeys: [],
		dimensions: ['strategy'],
		dueOn: null,
		ownerId: null
	});
	await createInitiative(sql, collaborationId, adminViewer, {
		...base,
		at: { scope: 'collaboration' },
		title: 'Felles sak',
		itemKeys: ['technology.shared-systems'],
		participants: [hamar!.id, grue!.id]
	});
	await changeStatus(sql, collaborationId, adminViewer, sectorPlan, 'in_progress', 'Første samling holdt');
	await changeStatus(sql, collaborationId, adminViewer, sectorPlan, 'done', 'Ferdig – æøå');
}

/**
 * The collaboration's rows, each as PostgreSQL's JSON of all its columns (microseconds
 * included), in a fixed order; questionnaire versions by name, as their ids are each
 * installation's own.
 */
async function snapshot(sql: Sql, collaborationId: string): Promise<Record<string, unknown[]>> {
	const versions = new Map(
		(
			await sql<{ id: string; name: string }[]>`
		select v.id, q.slug || '@' || v.version as name from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id`
		).map((v) => [v.id, v.name])
	);
	// When a round's scores last changed marks when the next snapshot is due; the restore rebuilds the scores, so it is new there.
	const named = ({ scores_changed_at: _, ...row }: Record<string, unknown>) =>
		'questionnaire_version_id' in row ? { ...row, questionnaire_version_id: versions.get(row.questionnaire_version_id as string) } : row;
	const own = sql`collaboration_id = ${collaborationId}`;
	const members = sql`select municipality_id from membership where ${own}`;
	const people = sql`select user_id from role_grant where ${own} union select respondent_id from response where ${own} union select actor_id from audit_event where ${own}`;
	const queries: Record<string, [string, Fragment, string]> = {
		collaboration: ['collaboration', sql`id = ${collaborationId}`, 'id'],
		municipality: ['municipality', sql`id in (${members})`, 'id'],
		municipality_population: ['municipality_population', sql`municipality_id in (${members})`, 'municipality_id, year'],
		app_user: ['app_user', sql`id in (${people})`, 'id'],
		sector: ['sector', own, 'id'],
		membership: ['membership', own, 'id'],
		role_grant: ['role_grant', own, 'id'],
		round: ['round', own, 'id'],
		assessment: ['assessment', own, 'id'],
		response: ['response', own, 'id'],
		answer: ['answer', own, 'response_id, item_key'],
		target: ['target', own, 'id'],
		initiative: ['initiative', own, 'id'],
		initiative_participant: ['initiative_participant', own, 'initiative_id, municipality_id'],
		initiative_event: ['initiative_event', own, 'id'],
		audit_event: ['audit_event', own, 'id'],
		assessment_score: ['assessment_score', own, 'assessment_id, dimension']
	};
	const result: Record<string, unknown[]> = {};
	for (const [name, [table, where, order]] of Object.entries(queries)) {
		const rows = await sql<{ row: Record<string, unknown> }[]>`select to_jsonb(t) as row from ${sql(table)} t where ${where} order by ${sql.unsafe(order)}`;
		result[name] = rows.map((r) => named(r.row));
	}
	return result;
}

/** How many rows the installation holds per table, and where its audit ids stand. */
async function fingerprint(sql: Sql) {
	const tables = [
		'collaboration',
		'municipality',
		'municipality_population',
		'app_user',
		'sector',
		'membership',
		'role_grant',
		'round',
		'assessment',
		'response',
		'answer',
		'target',
		'initiative',
		'initiative_participant',
		'initiative_event',
		'audit_event',
		'assessment_score'
	];
	const counts: Record<string, number> = {};
	for (const table of tables) counts[table] = (await first(sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)}`)).n;
	const { last } = await first(
		sql<{ last: string | null }[]>`select pg_sequence_last_value(pg_get_serial_sequence('audit_event', 'id')::regclass)::text as last`
	);
	return { counts, last };
}

import fs from 'node:fs';
import type { Fragment, Sql } from 'postgres';
import type { Db } from '../db/index';
import { BACKUP_FORMAT, BACKUP_LIMITS, BACKUP_VERSION, BackupFormatError, columnsOf, parseBackup, parseBackupText, type Backup, type Table } from './format';

/**
 * Backup of one whole collaboration as a JSON document (format.ts): its members and
 * their populations, sectors, rounds, assessments, responses, answers, targets,
 * initiatives with their participants and status history, grants,
 * audit trail and the people these refer to. Read in one repeatable-read snapshot, so
 * the file is consistent even while people keep answering.
 *
 * The file holds personal data and password hashes: keep it as safe as the database.
 */
export type { Backup } from './format';
export { BackupFormatError, parseBackup, parseBackupText } from './format';
export { restoreCollaboration, RestoreRefusedError, type RestoreSummary } from './restore';

export async function backupCollaboration(sql: Sql, collaborationId: string): Promise<Backup> {
	const document = await sql.begin('isolation level repeatable read read only', async (tx) => {
		const [exported] = await tx<{ at: string }[]>`select to_json(now())#>>'{}' as at`;
		const [collaboration] = await rows(tx, 'collaboration', tx`id = ${collaborationId}`, ['id']);
		if (!collaboration) throw new Error(`There is no collaboration with the id ${collaborationId}.`);
		const own = tx`collaboration_id = ${collaborationId}`;
		const members = tx`
			select municipality_id from membership where ${own} union select municipality_id from assessment where ${own}
			union select municipality_id from target where ${own} union select municipality_id from role_grant where ${own}
			union select municipality_id from initiative where ${own} union select municipality_id from initiative_participant where ${own}`;
		const people = tx`
			select user_id from role_grant where ${own} union select created_by from role_grant where ${own}
			union select respondent_id from response where ${own} union select set_by from target where ${own}
			union select actor_id from audit_event where ${own}
			union select owner_id from initiative where ${own} union select created_by from initiative where ${own}
			union select actor_id from initiative_event where ${own} union select signoff_by from assessment where ${own}`;
		return {
			format: BACKUP_FORMAT,
			version: BACKUP_VERSION,
			exportedAt: exported!.at,
			collaboration,
			municipalities: await rows(tx, 'municipality', tx`id in (${members})`, ['country', 'national_number']),
			populations: await rows(tx, 'municipality_population', tx`municipality_id in (${members})`, ['municipality_id', 'year']),
			memberships: await rows(tx, 'membership', own, ['id']),
			sectors: await rows(tx, 'sector', own, ['position', 'id']),
			questionnaireVersions: await tx`
				select v.id, q.slug, v.version, v.content_hash
				from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id
				where v.id in (select questionnaire_version_id from round where ${own})
				order by q.slug, v.version`,
			rounds: await rows(tx, 'round', own, ['year']),
			assessments: await rows(tx, 'assessment', own, ['id']),
			responses: await rows(tx, 'response', own, ['id']),
			answers: await rows(tx, 'answer', own, ['response_id', 'item_key']),
			targets: await rows(tx, 'target', own, ['id']),
			initiatives: await rows(tx, 'initiative', own, ['id']),
			initiativeParticipants: await rows(tx, 'initiative_participant', own, ['initiative_id', 'municipality_id']),
			initiativeEvents: await rows(tx, 'initiative_event', own, ['id']),
			auditEvents: await rows(tx, 'audit_event', own, ['id']),
			people: await rows(tx, 'app_user', tx`id in (${people})`, ['id']),
			grants: await rows(tx, 'role_grant', own, ['id'])
		};
	});
	// The same check a restore makes: a file that would not restore is never written.
	return parseBackup(document);
}

/**
 * A table's rows as JSON, converted by PostgreSQL itself, so timestamps keep their
 * microseconds and every value reads back exactly as it was stored.
 */
async function rows(tx: Db, table: Table, where: Fragment, order: string[]): Promise<unknown[]> {
	const [result] = await tx<{ rows: unknown[] }[]>`
		select coalesce(json_agg(x order by ${tx(order)}), '[]'::json) as rows
		from (select ${tx(columnsOf(table))} from ${tx(table)} where ${where}) x`;
	return result!.rows;
}

/**
 * Reads a backup file for a restore: its size is checked before it is read, its nesting
 * before it is parsed, and the whole document before anything is written (format.ts).
 */
export function readBackupFile(file: string, maxBytes: number = BACKUP_LIMITS.bytes): Backup {
	const { size } = fs.statSync(file);
	if (size > maxBytes) {
		throw new BackupFormatError(`${file} is ${size} bytes, more than the ${maxBytes} a backup may have; nothing was restored.`);
	}
	return parseBackupText(fs.readFileSync(file, 'utf8'));
}

/** A collaboration by its id or its name (case-insensitive), for the command line. */
export async function findCollaborationId(sql: Db, nameOrId: string): Promise<string | null> {
	const [row] = await sql<{ id: string }[]>`
		select id from collaboration where id::text = lower(${nameOrId}) or lower(name) = lower(${nameOrId})`;
	return row?.id ?? null;
}

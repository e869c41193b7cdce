import { z } from 'zod';
import { isRecord } from '../questionnaires/schema';

/**
 * The backup file of one collaboration, version 1: its rows as PostgreSQL writes them
 * in JSON (timestamps with offset and microseconds, dates as yyyy-mm-dd), with their
 * ids, so every reference stays valid. Each row schema lists the table's columns in
 * order; backup.ts selects exactly these columns and restore.ts inserts them, so the
 * file format is defined here once.
 *
 * Score caches (assessment_score, peer_benchmark) are not in the file: they are
 * derived from the answers and rebuilt on restore.
 */
export const BACKUP_FORMAT = 'moden-collaboration-backup';
export const BACKUP_VERSION = 1;

const id = z.guid();
const time = z.string().min(1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date yyyy-mm-dd');
const int = z.number().int();

export const rowSchemas = {
	collaboration: z.strictObject({
		id, name: z.string(), legal_form: z.string(), country: z.string(), members_see_names: z.boolean(), created_at: time
	}),
	municipality: z.strictObject({ id, country: z.string(), national_number: z.string(), name: z.string() }),
	municipality_population: z.strictObject({ municipality_id: id, year: int, population: int }),
	membership: z.strictObject({ id, collaboration_id: id, municipality_id: id, valid_from: day, valid_to: day.nullable() }),
	sector: z.strictObject({
		id, collaboration_id: id, key: z.string(), name_nb: z.string(), name_sv: z.string(), name_en: z.string(),
		whole_municipality: z.boolean(), position: int, archived_at: time.nullable()
	}),
	app_user: z.strictObject({
		id, email: z.string(), name: z.string(), locale: z.string().nullable(), created_at: time, disabled_at: time.nullable(),
		password_hash: z.string().nullable()
	}),
	role_grant: z.strictObject({
		id, user_id: id, role: z.string(), collaboration_id: id, municipality_id: id.nullable(), sector_id: id.nullable(),
		created_at: time, created_by: id.nullable()
	}),
	round: z.strictObject({
		id, collaboration_id: id, year: int, questionnaire_version_id: id, opens_on: day, closes_on: day, closed_at: time.nullable(),
		created_at: time,
		// backups made before automatic reminders existed get the default days
		reminder_days: z.array(int).default([7, 2])
	}),
	assessment: z.strictObject({
		id, collaboration_id: id, round_id: id, municipality_id: id, sector_id: id, status: z.string(), updated_at: time,
		// backups made before teams existed hold confidential ones, the default then as now
		team: z.enum(['confidential', 'open']).default('confidential')
	}),
	response: z.strictObject({
		id, collaboration_id: id, assessment_id: id, respondent_id: id.nullable(), status: z.string(), started_at: time,
		submitted_at: time.nullable()
	}),
	answer: z.strictObject({
		response_id: id, collaboration_id: id, questionnaire_version_id: id, item_key: z.string(), kind: z.string().nullable(),
		level: int.nullable(), na_reason: z.string().nullable(), comment: z.string().nullable(), evidence_url: z.string().nullable(),
		revision: int, updated_at: time
	}),
	target: z.strictObject({
		id, collaboration_id: id, municipality_id: id.nullable(), dimension: z.string(), level: int, set_by: id.nullable(), set_at: time
	}),
	audit_event: z.strictObject({
		id: int.positive(), collaboration_id: id, actor_id: id.nullable(), action: z.string(), subject_type: z.string().nullable(),
		subject_id: z.string().nullable(), detail: z.json(), ip: z.string().nullable(), at: time
	})
};

export type Table = keyof typeof rowSchemas;
export type Row<T extends Table> = z.infer<(typeof rowSchemas)[T]>;

/** The columns of a table that a backup holds, in the table's order. */
export const columnsOf = (table: Table): string[] => Object.keys(rowSchemas[table].shape);

/** A published questionnaire version the rounds use, by its platform-independent name. */
const questionnaireVersion = z.strictObject({ id, slug: z.string(), version: int, content_hash: z.string() });

const backupSchema = z
	.strictObject({
		format: z.literal(BACKUP_FORMAT),
		version: z.literal(BACKUP_VERSION),
		exportedAt: time,
		collaboration: rowSchemas.collaboration,
		municipalities: z.array(rowSchemas.municipality),
		populations: z.array(rowSchemas.municipality_population),
		memberships: z.array(rowSchemas.membership),
		sectors: z.array(rowSchemas.sector),
		questionnaireVersions: z.array(questionnaireVersion),
		rounds: z.array(rowSchemas.round),
		assessments: z.array(rowSchemas.assessment),
		responses: z.array(rowSchemas.response),
		answers: z.array(rowSchemas.answer),
		targets: z.array(rowSchemas.target),
		auditEvents: z.array(rowSchemas.audit_event),
		people: z.array(rowSchemas.app_user),
		grants: z.array(rowSchemas.role_grant)
	})
	.superRefine((backup, ctx) => {
		// A row of another collaboration would be written into that tenant: refuse the file.
		const owned = ['memberships', 'sectors', 'rounds', 'assessments', 'responses', 'answers', 'targets', 'auditEvents', 'grants'] as const;
		for (const list of owned) {
			const index = backup[list].findIndex((row) => row.collaboration_id !== backup.collaboration.id);
			if (index >= 0) ctx.addIssue({ code: 'custom', path: [list, index, 'collaboration_id'], message: 'belongs to another collaboration than the backup' });
		}
		// Versions are matched by name on restore: each one used must be named.
		const named = new Set(backup.questionnaireVersions.map((v) => v.id));
		for (const list of ['rounds', 'answers'] as const) {
			const index = backup[list].findIndex((row) => !named.has(row.questionnaire_version_id));
			if (index >= 0) ctx.addIssue({ code: 'custom', path: [list, index, 'questionnaire_version_id'], message: 'is not one of the questionnaireVersions' });
		}
	});

export type Backup = z.infer<typeof backupSchema>;

/** The file is not a backup this version of Moden can restore; the message says why. */
export class BackupFormatError extends Error {}

const MAX_LISTED = 10;

/** zod says "expected string, received undefined" where a person would say "missing". */
const plain = (message: string) => message.replace(/^Invalid input: expected (\w+), received undefined$/, 'missing ($1 expected)');

/** Checks a parsed JSON document and returns it typed, or throws a BackupFormatError. */
export function parseBackup(document: unknown): Backup {
	if (!isRecord(document) || document.format !== BACKUP_FORMAT) {
		const found = isRecord(document) && 'format' in document ? ` (it says "${String(document.format)}")` : '';
		throw new BackupFormatError(`This is not a Moden collaboration backup: "format" must be "${BACKUP_FORMAT}"${found}.`);
	}
	if (document.version !== BACKUP_VERSION) {
		const found = 'version' in document ? `has format version ${JSON.stringify(document.version)}` : 'names no format version';
		throw new BackupFormatError(`This backup ${found}; this version of Moden restores version ${BACKUP_VERSION} only.`);
	}
	const result = backupSchema.safeParse(document);
	if (result.success) return result.data;
	const issues = result.error.issues;
	const lines = issues.slice(0, MAX_LISTED).map((issue) => `  ${issue.path.join('.') || '(document)'}: ${plain(issue.message)}`);
	if (issues.length > MAX_LISTED) lines.push(`  … and ${issues.length - MAX_LISTED} more`);
	throw new BackupFormatError(`The backup is incomplete or damaged; nothing was restored:\n${lines.join('\n')}`);
}

import { z } from 'zod';
import { legalForms } from '../collaborations/collaborations';
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

/**
 * Text the database can store: no NUL and no lone surrogate. Other control characters
 * are data here (a comment's line breaks), unlike in forms.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|\p{Cs}/u;
const unstorable = 'holds a NUL or a lone surrogate, which the database cannot store';
const text = z.string().refine((s) => !UNSTORABLE.test(s), unstorable);
const json = z.json().refine(function storable(value: unknown): boolean {
	if (typeof value === 'string') return !UNSTORABLE.test(value);
	if (Array.isArray(value)) return value.every(storable);
	if (isRecord(value)) return Object.entries(value).every(([key, v]) => !UNSTORABLE.test(key) && storable(v));
	return true;
}, unstorable);

const id = z.guid();
const time = z.string().min(1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date yyyy-mm-dd');
const int = z.number().int();
const country = z.enum(['NO', 'SE']);
/** A backup holds a collaboration's roles only: never a platform role. */
const collaborationRole = z.enum(['collaboration_admin', 'board_viewer', 'coordinator', 'executive_viewer', 'respondent']);

export const rowSchemas = {
	collaboration: z.strictObject({
		id,
		name: text,
		legal_form: z.enum(legalForms),
		country,
		members_see_names: z.boolean(),
		created_at: time,
		// with migration 018; a backup from before counts every submitted assessment, as then
		// (sso_required stays out: the providers it needs are not in a backup)
		results_only_approved: z.boolean().default(false)
	}),
	municipality: z.strictObject({ id, country, national_number: z.string().regex(/^[0-9]{4}$/), name: text }),
	municipality_population: z.strictObject({ municipality_id: id, year: int, population: int }),
	membership: z.strictObject({ id, collaboration_id: id, municipality_id: id, valid_from: day, valid_to: day.nullable() }),
	sector: z.strictObject({
		id,
		collaboration_id: id,
		key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
		name_nb: text,
		name_sv: text,
		name_en: text,
		// the nynorsk name came with migration 015; a backup from before has none
		name_nn: text.nullable().default(null),
		whole_municipality: z.boolean(),
		position: int,
		archived_at: time.nullable()
	}),
	app_user: z.strictObject({
		id,
		email: text.pipe(
			z
				.string()
				.max(254)
				.regex(/^[^@\s]+@[^@\s]+$/, 'expected an e-mail address')
		),
		name: text,
		locale: z.enum(['nb', 'nn', 'sv', 'en']).nullable(),
		created_at: time,
		disabled_at: time.nullable(),
		password_hash: text.nullable()
	}),
	role_grant: z.strictObject({
		id,
		user_id: id,
		role: collaborationRole,
		collaboration_id: id,
		municipality_id: id.nullable(),
		sector_id: id.nullable(),
		created_at: time,
		created_by: id.nullable()
	}),
	round: z.strictObject({
		id,
		collaboration_id: id,
		year: int,
		questionnaire_version_id: id,
		opens_on: day,
		closes_on: day,
		closed_at: time.nullable(),
		created_at: time,
		// backups made before automatic reminders existed get the default days
		reminder_days: z.array(int).default([7, 2])
	}),
	assessment: z.strictObject({
		id,
		collaboration_id: id,
		round_id: id,
		municipality_id: id,
		sector_id: id,
		status: z.enum(['not_started', 'in_progress', 'submitted', 'reopened']),
		updated_at: time,
		// backups made before teams existed hold confidential ones, the default then as now
		team: z.enum(['confidential', 'open']).default('confidential'),
		// the coordinator's sign-off came with migration 018; a backup from before has none
		signoff: z.enum(['approved', 'returned']).nullable().default(null),
		signoff_note: text.nullable().default(null),
		signoff_by: id.nullable().default(null),
		signoff_at: time.nullable().default(null)
	}),
	response: z.strictObject({
		id,
		collaboration_id: id,
		assessment_id: id,
		respondent_id: id.nullable(),
		status: z.enum(['in_progress', 'submitted', 'reopened']),
		started_at: time,
		submitted_at: time.nullable()
	}),
	answer: z.strictObject({
		response_id: id,
		collaboration_id: id,
		questionnaire_version_id: id,
		item_key: text,
		kind: z.enum(['level', 'ticked', 'amount', 'not_applicable', 'dont_know']).nullable(),
		// ticks and amounts came with item types (migration 014); a backup from before has neither
		level: int.nullable(),
		ticked: z.array(text).nullable().default(null),
		amount: z.number().nonnegative().nullable().default(null),
		na_reason: text.nullable(),
		comment: text.nullable(),
		evidence_url: text.nullable(),
		revision: int,
		updated_at: time
	}),
	target: z.strictObject({
		id,
		collaboration_id: id,
		municipality_id: id.nullable(),
		dimension: text,
		level: int,
		set_by: id.nullable(),
		set_at: time
	}),
	initiative: z.strictObject({
		id,
		collaboration_id: id,
		scope: z.enum(['sector', 'municipality', 'collaboration']),
		municipality_id: id.nullable(),
		sector_id: id.nullable(),
		title: text,
		description: text,
		item_keys: z.array(text),
		dimensions: z.array(text),
		target_level: int.nullable(),
		owner_id: id.nullable(),
		due_on: day.nullable(),
		status: z.enum(['planned', 'in_progress', 'done', 'dropped']),
		created_by: id.nullable(),
		created_at: time,
		updated_at: time
	}),
	initiative_participant: z.strictObject({ initiative_id: id, collaboration_id: id, municipality_id: id }),
	initiative_event: z.strictObject({
		id: int.positive(),
		initiative_id: id,
		collaboration_id: id,
		status: z.enum(['planned', 'in_progress', 'done', 'dropped']),
		note: text,
		actor_id: id.nullable(),
		at: time
	}),
	audit_event: z.strictObject({
		id: int.positive(),
		collaboration_id: id,
		actor_id: id.nullable(),
		action: text,
		subject_type: text.nullable(),
		subject_id: text.nullable(),
		detail: json,
		ip: text.nullable(),
		at: time
	})
};

export type Table = keyof typeof rowSchemas;
export type Row<T extends Table> = z.infer<(typeof rowSchemas)[T]>;

/** The columns of a table that a backup holds, in the table's order. */
export const columnsOf = (table: Table): string[] => Object.keys(rowSchemas[table].shape);

/** A published questionnaire version the rounds use, by its platform-independent name. */
const questionnaireVersion = z.strictObject({ id, slug: text, version: int, content_hash: text });

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
		// backups made before initiatives existed have none
		initiatives: z.array(rowSchemas.initiative).default([]),
		initiativeParticipants: z.array(rowSchemas.initiative_participant).default([]),
		initiativeEvents: z.array(rowSchemas.initiative_event).default([]),
		auditEvents: z.array(rowSchemas.audit_event),
		people: z.array(rowSchemas.app_user),
		grants: z.array(rowSchemas.role_grant)
	})
	.superRefine((backup, ctx) => {
		// A row of another collaboration would be written into that tenant: refuse the file.
		const owned = [
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
		] as const;
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

/**
 * How large and how deep a backup file may be. A national collaboration's ten years of
 * answers are far below the size; nothing in the format nests deeper than an audit
 * event's detail, itself a few levels. Both are checked before parsing, so a hostile
 * file cannot exhaust memory or the stack.
 */
export const BACKUP_LIMITS = { bytes: 512 * 1024 * 1024, depth: 64 } as const;

/** Throws unless the JSON text nests arrays and objects at most `max` deep (strings skipped). */
export function checkNesting(text: string, max: number = BACKUP_LIMITS.depth): void {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (++depth > max)
				throw new BackupFormatError(`This is not a Moden collaboration backup: it is nested more than ${max} levels deep; nothing was restored.`);
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
}

/** Reads a backup from its JSON text: nesting checked first, then parsed and checked whole. */
export function parseBackupText(text: string): Backup {
	checkNesting(text);
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch (e) {
		throw new BackupFormatError(`This is not a Moden collaboration backup: it cannot be read as JSON (${(e as Error).message}).`, { cause: e });
	}
	return parseBackup(document);
}

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

import type { Sql } from 'postgres';
import type { Db } from '../db/index';
import { refreshYearScores } from '../results/scores';
import { parseBackup, type Backup, type Row, type Table } from './format';

/**
 * Restores a collaboration from its backup (backup.ts) into an installation that does
 * not hold it, with the same ids, in one transaction: everything or nothing.
 *
 * Municipalities and people are shared by the whole platform: one already there is
 * reused when it is the same (same id and the same country and number, or e-mail), and
 * the restore is refused when it is another under the same number or e-mail, because
 * merging them would rewrite history. The audit trail comes back with its own ids and
 * gets no row of its own (the command line reports the restore instead).
 */
export class RestoreRefusedError extends Error {}

export interface RestoreSummary {
	collaborationId: string;
	name: string;
	/** rows written per table (municipalities and people: only those that were new) */
	rows: Partial<Record<Table, number>>;
	/** the years whose score caches were rebuilt */
	years: number[];
}

/** Rows per insert statement: each batch is one JSON parameter. */
const BATCH = 2000;
const AUDIT_IDS_LISTED = 5;

export async function restoreCollaboration(sql: Sql, document: unknown): Promise<RestoreSummary> {
	const backup = parseBackup(document);
	return sql.begin(async (tx) => {
		const existing = await existingRows(tx, backup);
		const problems = refusals(backup, existing);
		if (problems.length > 0) {
			throw new RestoreRefusedError(
				`"${backup.collaboration.name}" cannot be restored into this installation; nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`
			);
		}
		const versionIds = new Map(backup.questionnaireVersions.map((v) => [v.id, existing.versions.get(`${v.slug}@${v.version}`)!.id]));
		const inVersion = <R extends { questionnaire_version_id: string }>(row: R): R => ({
			...row,
			questionnaire_version_id: versionIds.get(row.questionnaire_version_id)!
		});

		const summary: RestoreSummary = { collaborationId: backup.collaboration.id, name: backup.collaboration.name, rows: {}, years: [] };
		const write = async (table: Table, rows: readonly Record<string, unknown>[], how?: Insert) => {
			await insertRows(tx, table, rows, how);
			summary.rows[table] = rows.length;
		};
		await write(
			'municipality',
			backup.municipalities.filter((m) => !existing.municipalities.has(m.id))
		);
		await write('municipality_population', backup.populations, 'skip-existing');
		await write(
			'app_user',
			backup.people.filter((p) => !existing.people.has(p.id))
		);
		await write('collaboration', [backup.collaboration]);
		await write('sector', backup.sectors);
		await write('membership', backup.memberships);
		await write('role_grant', backup.grants);
		await write('round', backup.rounds.map(inVersion));
		await write('assessment', backup.assessments);
		await write('response', backup.responses);
		await write('answer', backup.answers.map(inVersion));
		await write('target', backup.targets);
		await write('initiative', backup.initiatives);
		await write('initiative_participant', backup.initiativeParticipants);
		await write('initiative_event', backup.initiativeEvents, 'keep-identity');
		await write('audit_event', backup.auditEvents, 'keep-identity');
		// The next audit row (and status change) of this installation must not take an id the restore just used.
		for (const table of ['audit_event', 'initiative_event'] as const) {
			await tx`
				select setval(s::regclass, greatest((select max(id) from ${tx(table)}), coalesce(pg_sequence_last_value(s::regclass), 0)))
				from pg_get_serial_sequence(${table}, 'id') s where exists (select 1 from ${tx(table)})`;
		}

		summary.years = [...new Set(backup.rounds.map((r) => r.year))].sort((a, b) => a - b);
		await tx`analyze municipality, sector, round, assessment, response, answer`;
		for (const year of summary.years) await refreshYearScores(tx, year);
		return summary;
	});
}

/** What the installation already holds of what the backup would write. */
async function existingRows(tx: Db, backup: Backup) {
	const c = backup.collaboration;
	const collaborations = await tx<{ id: string; name: string }[]>`
		select id, name from collaboration where id = ${c.id} or lower(name) = lower(${c.name})`;
	const versions = await tx<{ id: string; key: string; content_hash: string }[]>`
		select v.id, q.slug || '@' || v.version as key, v.content_hash
		from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id`;
	const municipalities = await tx<Row<'municipality'>[]>`
		select id, country, national_number, name from municipality
		where id = any(${backup.municipalities.map((m) => m.id)}::uuid[])
			or country || national_number = any(${backup.municipalities.map((m) => m.country + m.national_number)}::text[])`;
	const people = await tx<{ id: string; email: string; platformAdmin: boolean }[]>`
		select id, email, exists (select 1 from role_grant g where g.user_id = app_user.id and g.role = 'platform_admin') as "platformAdmin"
		from app_user
		where id = any(${backup.people.map((p) => p.id)}::uuid[]) or lower(email) = any(${backup.people.map((p) => p.email.toLowerCase())}::text[])`;
	const auditIds = await tx<{ id: string }[]>`
		select id::text from audit_event where id = any(${backup.auditEvents.map((e) => e.id)}::bigint[]) order by id limit ${AUDIT_IDS_LISTED}`;
	const eventIds = await tx<{ id: string }[]>`
		select id::text from initiative_event where id = any(${backup.initiativeEvents.map((e) => e.id)}::bigint[]) order by id limit ${AUDIT_IDS_LISTED}`;
	return {
		collaborations,
		versions: new Map(versions.map((v) => [v.key, v])),
		municipalities: new Map(municipalities.map((m) => [m.id, m])),
		municipalityRows: municipalities,
		people: new Map(people.map((p) => [p.id, p])),
		peopleRows: people,
		auditIds: auditIds.map((e) => e.id),
		eventIds: eventIds.map((e) => e.id)
	};
}

type Existing = Awaited<ReturnType<typeof existingRows>>;

/** Why the backup cannot go into this installation, one line per reason; none: it can. */
function refusals(backup: Backup, existing: Existing): string[] {
	const problems: string[] = [];
	for (const c of existing.collaborations) {
		problems.push(
			c.id === backup.collaboration.id
				? `the installation already holds this collaboration ("${c.name}", id ${c.id})`
				: `the installation already has a collaboration named "${c.name}"`
		);
	}
	for (const v of backup.questionnaireVersions) {
		const here = existing.versions.get(`${v.slug}@${v.version}`);
		if (!here) problems.push(`questionnaire "${v.slug}" version ${v.version} is not published here (publish the same questionnaire files first)`);
		else if (here.content_hash !== v.content_hash)
			problems.push(
				`questionnaire "${v.slug}" version ${v.version} is published here with other content (hash ${here.content_hash}, the backup's ${v.content_hash})`
			);
	}
	const byId = new Map(backup.municipalities.map((m) => [m.id, m]));
	for (const here of existing.municipalityRows) {
		const there = byId.get(here.id);
		if (!there || there.country !== here.country || there.national_number !== here.national_number) {
			problems.push(`municipality ${here.country} ${here.national_number} (${here.name}) exists here as another record (id ${here.id}) than in the backup`);
		}
	}
	const people = new Map(backup.people.map((p) => [p.id, p]));
	for (const here of existing.peopleRows) {
		const there = people.get(here.id);
		if (!there || there.email.toLowerCase() !== here.email.toLowerCase())
			problems.push(`a person with the e-mail ${here.email} exists here as another account (id ${here.id})`);
		// The platform's operators hold no role in a collaboration (migrations/007 refuses it too).
		else if (here.platformAdmin && backup.grants.some((g) => g.user_id === here.id))
			problems.push(`${here.email} is a platform administrator here, and the backup gives them a role in the collaboration`);
	}
	if (existing.auditIds.length > 0) {
		const more = existing.auditIds.length === AUDIT_IDS_LISTED ? ', …' : '';
		problems.push(`audit events with the ids ${existing.auditIds.join(', ')}${more} are taken here by other events`);
	}
	if (existing.eventIds.length > 0) {
		const more = existing.eventIds.length === AUDIT_IDS_LISTED ? ', …' : '';
		problems.push(`initiative status changes with the ids ${existing.eventIds.join(', ')}${more} are taken here by others`);
	}
	return problems;
}

/** plain; 'skip-existing': rows already there stay as they are; 'keep-identity': write the backup's identity values. */
type Insert = 'plain' | 'skip-existing' | 'keep-identity';

/**
 * Inserts rows in batches, each one JSON parameter that PostgreSQL converts to the
 * table's row type: the same text the backup read, so every value returns unchanged.
 */
async function insertRows(tx: Db, table: Table, rows: readonly Record<string, unknown>[], how: Insert = 'plain'): Promise<void> {
	if (rows.length === 0) return;
	const columns = Object.keys(rows[0]!);
	for (let start = 0; start < rows.length; start += BATCH) {
		const batch = rows.slice(start, start + BATCH);
		await tx`
			insert into ${tx(table)} (${tx(columns)}) ${how === 'keep-identity' ? tx`overriding system value` : tx``}
			select ${tx(columns)} from jsonb_populate_recordset(null::${tx(table)}, ${tx.json(batch as never)})
			${how === 'skip-existing' ? tx`on conflict do nothing` : tx``}`;
	}
}

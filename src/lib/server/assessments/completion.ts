import { sectorName } from '../collaborations/sectors';
import { formatDate, isLocale, type Locale } from '../../i18n';
import { translate } from '../i18n';
import { audit } from '../audit';
import type { Db, Sql } from '../db/index';
import type { Team } from '../disclosure/respondents';
import { mailConfigured, sendMail } from '../mail';

/**
 * Completion of a round, for coordinators and collaboration admins: per municipality and
 * sector, who is assigned (respondent grants), how far each response has come, and when
 * it was last touched. The counting happens in SQL.
 */
export type ResponseProgress = 'not_started' | 'in_progress' | 'submitted' | 'reopened';

export interface RespondentProgress {
	/** null when the person's data was deleted: their answers stay, anonymous */
	userId: string | null;
	name: string;
	email: string | null;
	locale: Locale | null;
	/** the respondent grant that assigns the person here; null if it was revoked since */
	grantId: string | null;
	responseId: string | null;
	status: ResponseProgress;
	answered: number;
	/** ISO time of the last saved answer */
	lastActivity: string | null;
	submittedAt: string | null;
}

export interface CompletionRow {
	assessmentId: string;
	municipalityId: string;
	municipality: string;
	sectorId: string;
	sector: string;
	status: 'not_started' | 'in_progress' | 'submitted' | 'reopened';
	/** whether its respondents see each other's answers (disclosure/respondents.ts) */
	team: Team;
	items: number;
	respondents: RespondentProgress[];
	/** the coordinator's sign-off (assessments/signoff.ts) */
	signoff: 'approved' | 'returned' | null;
	signoffNote: string | null;
	signoffAt: string | null;
}

/**
 * The round's assessments in the given municipalities (all of the round's when
 * `municipalityIds` is null), with their respondents' progress.
 */
export async function roundCompletion(
	sql: Db,
	collaborationId: string,
	roundId: string,
	municipalityIds: string[] | null,
	locale: Locale
): Promise<CompletionRow[]> {
	return sql<CompletionRow[]>`
		select a.id as "assessmentId", m.id as "municipalityId", m.name as municipality, s.id as "sectorId",
			${sectorName(sql, locale)} as sector, a.status, a.team,
			a.signoff, a.signoff_note as "signoffNote", a.signoff_at as "signoffAt",
			(select count(*)::int from questionnaire_item i where i.questionnaire_version_id = r.questionnaire_version_id) as items,
			coalesce((
				select json_agg(p order by p.name, p.email) from (
					select u.id as "userId", coalesce(nullif(u.name, ''), u.email, '') as name, u.email, u.locale,
						g.id as "grantId", rs.id as "responseId", coalesce(rs.status, 'not_started') as status,
						coalesce(x.answered, 0) as answered, x.last_activity as "lastActivity", rs.submitted_at as "submittedAt"
					from (
						select g.id, g.user_id from role_grant g
						where g.role = 'respondent' and g.collaboration_id = a.collaboration_id
							and g.municipality_id = a.municipality_id and g.sector_id = a.sector_id
					) g
					full join (select * from response where assessment_id = a.id) rs on rs.respondent_id = g.user_id
					left join app_user u on u.id = coalesce(g.user_id, rs.respondent_id)
					left join lateral (
						select count(*) filter (where kind is not null)::int as answered, max(updated_at) as last_activity
						from answer where response_id = rs.id
					) x on true
				) p
			), '[]') as respondents
		from assessment a
		join round r on r.id = a.round_id
		join municipality m on m.id = a.municipality_id
		join sector s on s.id = a.sector_id
		where a.round_id = ${roundId} and a.collaboration_id = ${collaborationId}
			${municipalityIds === null ? sql`` : sql`and a.municipality_id = any(${municipalityIds}::uuid[])`}
		order by m.name, s.position, s.name_nb`;
}

export interface Reminded {
	name: string;
	email: string;
	municipality: string;
	sector: string;
}

/** Someone a reminder is for: an assigned person who has not submitted, and about which assessment. */
export interface ReminderRecipient extends Reminded {
	userId: string;
	locale: Locale | null;
	assessmentId: string;
	municipalityId: string;
}

/** Whom a coordinator's reminder is for: everyone who has not submitted, or only some of them. */
export type ReminderTarget = { kind: 'all' | 'not_started' | 'in_progress' } | { kind: 'sector'; sectorId: string };

/** The rows narrowed to the reminder's target: one sector's assessments, or respondents by how far they have come. */
export function narrowForReminder(rows: readonly CompletionRow[], target: ReminderTarget): CompletionRow[] {
	if (target.kind === 'all') return [...rows];
	if (target.kind === 'sector') return rows.filter((r) => r.sectorId === target.sectorId);
	const wanted = (status: ResponseProgress) => (target.kind === 'not_started' ? status === 'not_started' : status === 'in_progress' || status === 'reopened');
	return rows.map((r) => ({ ...r, respondents: r.respondents.filter((p) => wanted(p.status)) }));
}

/** The assigned people of these rows who have not submitted their own response. */
export function notSubmitted(rows: readonly CompletionRow[]): ReminderRecipient[] {
	return rows.flatMap((row) =>
		row.respondents
			.filter((p) => p.grantId !== null && p.userId !== null && p.email !== null && p.status !== 'submitted')
			.map((p) => ({
				userId: p.userId!,
				name: p.name,
				email: p.email!,
				locale: p.locale,
				municipality: row.municipality,
				municipalityId: row.municipalityId,
				sector: row.sector,
				assessmentId: row.assessmentId
			}))
	);
}

export interface ReminderContext {
	collaborationId: string;
	collaboration: string;
	roundId: string;
	year: number;
	closesOn: string;
	origin: string;
	/** null: sent by the job runner */
	actorId: string | null;
	locale: Locale;
}

/**
 * Reminds everyone in `rows` who has not submitted, by e-mail in their own language, and
 * records it for the round's page. `daysBefore` marks an automatic reminder: a person gets
 * the one of an offset about an assessment only once (assessments/reminders.ts).
 * Returns those who could not be mailed (no SMTP server), for the coordinator to contact.
 */
export async function sendReminders(
	sql: Sql,
	context: ReminderContext,
	rows: readonly CompletionRow[],
	daysBefore: number | null = null
): Promise<{ mailed: number; unsent: Reminded[] }> {
	const recipients = await recordReminder(sql, context, notSubmitted(rows), daysBefore);
	const unsent: Reminded[] = [];
	for (const person of recipients) {
		const locale = person.locale && isLocale(person.locale) ? person.locale : context.locale;
		const { sent } = await sendMail({
			to: person.email,
			subject: translate(locale, 'completion.reminder_subject', { year: context.year }),
			text: translate(locale, 'completion.reminder_text', {
				name: person.name,
				collaboration: context.collaboration,
				municipality: person.municipality,
				sector: person.sector,
				closesOn: formatDate(locale, context.closesOn),
				link: `${context.origin}/assessments/${person.assessmentId}`
			})
		});
		if (!sent) unsent.push({ name: person.name, email: person.email, municipality: person.municipality, sector: person.sector });
	}
	return { mailed: recipients.length - unsent.length, unsent };
}

/**
 * Records a reminder and its recipients in one transaction, and returns those to mail:
 * for an automatic one only the people not yet reminded at that offset (the unique index
 * decides, so two job runners at once cannot both send it). Recorded before the mail is
 * handed on: a crash in between loses a reminder rather than sending one twice.
 */
async function recordReminder(sql: Sql, context: ReminderContext, people: ReminderRecipient[], daysBefore: number | null): Promise<ReminderRecipient[]> {
	if (people.length === 0) return [];
	const mailed = mailConfigured();
	return sql.begin(async (tx) => {
		const [reminder] = await tx<{ id: string }[]>`
			insert into reminder (round_id, collaboration_id, days_before, sent_by)
			values (${context.roundId}, ${context.collaborationId}, ${daysBefore}, ${context.actorId}) returning id`;
		const rows = people.map((p) => ({ assessment_id: p.assessmentId, municipality_id: p.municipalityId, user_id: p.userId }));
		const recorded = await tx<{ assessmentId: string; userId: string }[]>`
			insert into reminder_recipient (reminder_id, assessment_id, municipality_id, user_id, days_before, mailed)
			select ${reminder!.id}, x.assessment_id, x.municipality_id, x.user_id, ${daysBefore}, ${mailed}
			from jsonb_to_recordset(${tx.json(rows)}) as x(assessment_id uuid, municipality_id uuid, user_id uuid)
			on conflict do nothing
			returning assessment_id as "assessmentId", user_id as "userId"`;
		if (recorded.length === 0) {
			await tx`delete from reminder where id = ${reminder!.id}`;
			return [];
		}
		await audit(tx, {
			action: 'round.reminded',
			actorId: context.actorId,
			collaborationId: context.collaborationId,
			subjectType: 'round',
			subjectId: context.roundId,
			detail: { recipients: recorded.length, mailed: mailed ? recorded.length : 0, ...(daysBefore === null ? {} : { daysBefore }) }
		});
		const chosen = new Set(recorded.map((r) => `${r.assessmentId}:${r.userId}`));
		return people.filter((p) => chosen.has(`${p.assessmentId}:${p.userId}`));
	});
}

import { z } from 'zod';
import type { Locale } from '../../i18n';
import { audit } from '../audit';
import type { Db, Sql } from '../db/index';
import { msg } from '../forms';
import { mailConfigured } from '../mail';
import { roundCompletion, sendReminders } from './completion';
import { roundState, todayFor } from '../calendar';

/**
 * Automatic reminders: each round names the days before its closing day on which everyone
 * assigned who has not submitted gets a reminder (`round.reminder_days`, 7 and 2 unless the
 * collaboration's admin changes it on the round's page).
 *
 * The job runner asks several times a day which reminder is due. On a day with L days left,
 * the due offset is the smallest of the round's days that is at least L: the reminder of its
 * day, or, if the runner was down that day, a late one until the next offset's day comes. An
 * offset whose day fell before the round opened is skipped. A person gets the reminder of
 * an offset about an assessment once (completion.ts records it under a unique index).
 */
export interface DueReminder {
	roundId: string;
	collaborationId: string;
	collaboration: string;
	country: 'NO' | 'SE';
	year: number;
	closesOn: string;
	daysBefore: number;
}

export async function dueReminders(sql: Db): Promise<DueReminder[]> {
	return sql<DueReminder[]>`
		select r.id as "roundId", r.collaboration_id as "collaborationId", c.name as collaboration, c.country, r.year,
			r.closes_on::text as "closesOn", d.days as "daysBefore"
		from round r
		join collaboration c on c.id = r.collaboration_id
		cross join lateral (select min(x) as days from unnest(r.reminder_days) x where x >= r.closes_on - ${todayFor(sql, sql`r.collaboration_id`)}) d
		where ${roundState(sql)} = 'open' and d.days is not null and r.closes_on - d.days >= r.opens_on
		order by r.closes_on, r.id`;
}

/** Sends every due reminder (nothing without a mail server: there would be nobody to show the list to). Returns the mails sent. */
export async function sendDueReminders(sql: Sql, origin: string): Promise<number> {
	if (!mailConfigured()) return 0;
	let mailed = 0;
	for (const due of await dueReminders(sql)) {
		// The collaboration's language for the sector names; each mail is in its reader's.
		const locale: Locale = due.country === 'SE' ? 'sv' : 'nb';
		const rows = await roundCompletion(sql, due.collaborationId, due.roundId, null, locale);
		const context = { ...due, origin, actorId: null, locale };
		mailed += (await sendReminders(sql, context, rows, due.daysBefore)).mailed;
	}
	return mailed;
}

export interface SentReminder {
	id: string;
	sentAt: Date;
	/** null: sent by hand */
	daysBefore: number | null;
	/** who sent it by hand; null for automatic ones and deleted people */
	sentBy: string | null;
	recipients: number;
	mailed: number;
}

/**
 * The round's reminders, newest first, counted over the municipalities the reader follows
 * (null: all), so a coordinator learns nothing about other members' completion.
 */
export async function listReminders(sql: Db, collaborationId: string, roundId: string, municipalityIds: string[] | null): Promise<SentReminder[]> {
	return sql<SentReminder[]>`
		select m.id, m.sent_at as "sentAt", m.days_before as "daysBefore", coalesce(nullif(u.name, ''), u.email) as "sentBy",
			count(*)::int as recipients, count(*) filter (where x.mailed)::int as mailed
		from reminder m
		join reminder_recipient x on x.reminder_id = m.id
		left join app_user u on u.id = m.sent_by
		where m.round_id = ${roundId} and m.collaboration_id = ${collaborationId}
			${municipalityIds === null ? sql`` : sql`and x.municipality_id = any(${municipalityIds}::uuid[])`}
		group by m.id, u.name, u.email
		order by m.sent_at desc, m.id`;
}

/** The form field: whole days before closing, separated by commas or spaces ("7, 2"); empty: none. */
export const reminderDaysField = z
	.string()
	.trim()
	.max(40, msg('reminders.days_invalid'))
	.transform((text) => text.split(/[\s,;]+/).filter(Boolean))
	.pipe(
		z
			.array(
				z
					.string()
					.regex(/^\d{1,3}$/, msg('reminders.days_invalid'))
					.transform(Number)
					.pipe(z.number().max(365, msg('reminders.days_invalid')))
			)
			.max(5, msg('reminders.days_invalid'))
	);

/** Sets the days before closing on which reminders go out automatically (sorted, without repeats). */
export async function setReminderDays(sql: Sql, collaborationId: string, roundId: string, days: readonly number[], actorId: string): Promise<boolean> {
	const sorted = [...new Set(days)].sort((a, b) => b - a);
	return sql.begin(async (tx) => {
		const [row] = await tx`
			update round set reminder_days = ${sorted}::int[] where id = ${roundId} and collaboration_id = ${collaborationId} returning id`;
		if (!row) return false;
		await audit(tx, { action: 'round.reminder_days_set', actorId, collaborationId, subjectType: 'round', subjectId: roundId, detail: { days: sorted } });
		return true;
	});
}

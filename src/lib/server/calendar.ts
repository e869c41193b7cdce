import type { Db } from './db/index';

/**
 * The one calendar (BRIEF §7): what day it is and when a round opens and closes, in the
 * collaboration's own time zone — Norway's Europe/Oslo, Sweden's Europe/Stockholm (the same
 * offsets today; the rule lives here all the same). A round is open from the start of its
 * opening day through the end of its closing day there, unless closed early. SQL and
 * JavaScript ask here, never `current_date`, the server's zone, or UTC.
 */
export type Country = 'NO' | 'SE';

export const timeZones: Record<Country, string> = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm' };

/** The time zone of a country's collaborations (Norway's where unknown). */
export function timeZoneOf(country: string): string {
	return timeZones[country as Country] ?? timeZones.NO;
}

/** The day (yyyy-mm-dd) it is at `at` in the time zone, `offsetDays` later. */
export function dayIn(zone: string, at: Date = new Date(), offsetDays = 0): string {
	// Swedish writes dates as yyyy-mm-dd; noon keeps a day's offset clear of summer time.
	const day = new Intl.DateTimeFormat('sv-SE', { timeZone: zone }).format(at);
	if (offsetDays === 0) return day;
	const noon = new Date(`${day}T12:00:00Z`);
	return new Date(noon.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The year it is now in the time zone. */
export function yearIn(zone: string, at: Date = new Date()): number {
	return Number(dayIn(zone, at).slice(0, 4));
}

/** SQL: the time zone of the collaboration whose id the expression gives. */
export const zoneOfCollaboration = (sql: Db, collaborationId: ReturnType<Db>) =>
	sql`(select case c.country when 'SE' then ${timeZones.SE} else ${timeZones.NO} end from collaboration c where c.id = ${collaborationId})`;

/** SQL: today in the collaboration's time zone (`collaborationId`: an SQL expression, e.g. r.collaboration_id). */
export const todayFor = (sql: Db, collaborationId: ReturnType<Db>) => sql`(now() at time zone ${zoneOfCollaboration(sql, collaborationId)})::date`;

/** SQL: whether a moment fell on today's date in the collaboration's time zone. */
export const isTodayFor = (sql: Db, moment: ReturnType<Db>, collaborationId: ReturnType<Db>) =>
	sql`((${moment}) at time zone ${zoneOfCollaboration(sql, collaborationId)})::date = ${todayFor(sql, collaborationId)}`;

export type RoundState = 'upcoming' | 'open' | 'closed';

/** SQL: the state of round `alias` by its dates in its collaboration's time zone, so every query decides it the same way. */
export const roundState = (sql: Db, alias = 'r') => {
	const today = todayFor(sql, sql`${sql(alias)}.collaboration_id`);
	return sql`
		case when ${sql(alias)}.closed_at is not null or ${sql(alias)}.closes_on < ${today} then 'closed'
			when ${sql(alias)}.opens_on > ${today} then 'upcoming' else 'open' end`;
};

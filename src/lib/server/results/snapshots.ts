import type { Sql } from 'postgres';
import { isTodayFor, roundState, type RoundState } from '../calendar';
import type { Db } from '../db/index';

/**
 * Results are read from snapshots of a round, never from the live score cache
 * (docs/privacy.md): a snapshot is taken once the round has closed (final) and, while it
 * is open, at most once a day and only after its scores changed (provisional). Pages
 * show the latest one unchanged until the next, so comparing a page before and after
 * one submit shows nothing; and everything on one page rests on the same moment.
 *
 * Snapshots are taken when someone needs them (a results page, an export, a peer
 * publication), so a submit costs the same however large the platform is.
 */
export interface Snapshot {
	id: string;
	roundId: string;
	takenAt: Date;
	/** taken after the round closed: the round's numbers will not change */
	final: boolean;
	/** assessments of the round, and how many were submitted, at that moment */
	assessments: number;
	submitted: number;
}

interface Current {
	roundId: string;
	state: RoundState;
	changedAt: Date | null;
	/** the change the latest snapshot includes */
	seenChangedAt: Date | null;
	snapshot: Snapshot | null;
	takenToday: boolean;
}

/** The snapshot each round is read from now (rounds not yet open have none), taken first where one is due. */
export async function currentSnapshots(sql: Sql, roundIds: readonly string[]): Promise<Map<string, Snapshot>> {
	const current = await latest(sql, roundIds);
	const due = current.filter(isDue);
	if (due.length > 0) {
		for (const c of due) await take(sql, c.roundId);
		current.splice(0, current.length, ...(await latest(sql, roundIds)));
	}
	return new Map(current.flatMap((c) => (c.snapshot ? [[c.roundId, c.snapshot]] : [])));
}

export async function currentSnapshot(sql: Sql, roundId: string): Promise<Snapshot | null> {
	return (await currentSnapshots(sql, [roundId])).get(roundId) ?? null;
}

function isDue(c: Current): boolean {
	if (c.state === 'closed') return !c.snapshot?.final;
	if (c.state === 'upcoming') return false;
	if (!c.snapshot) return true;
	return !c.takenToday && c.changedAt?.getTime() !== c.seenChangedAt?.getTime();
}

async function latest(sql: Db, roundIds: readonly string[]): Promise<Current[]> {
	const rows = await sql<
		(Omit<Current, 'snapshot'> & { id: string | null; takenAt: Date | null; final: boolean | null; assessments: number; submitted: number })[]
	>`
		select r.id as "roundId", ${roundState(sql)} as state, r.scores_changed_at as "changedAt",
			s.id, s.taken_at as "takenAt", s.final, s.seen_changed_at as "seenChangedAt", coalesce(${isTodayFor(sql, sql`s.taken_at`, sql`r.collaboration_id`)}, false) as "takenToday",
			(select count(*)::int from round_snapshot_assessment x where x.snapshot_id = s.id) as assessments,
			(select count(*)::int from round_snapshot_assessment x where x.snapshot_id = s.id and x.status = 'submitted') as submitted
		from round r
		left join lateral (select id, taken_at, final, seen_changed_at from round_snapshot where round_id = r.id order by taken_at desc limit 1) s on true
		where r.id = any(${[...roundIds]}::uuid[])`;
	return rows.map(({ id, takenAt, final, assessments, submitted, ...c }) => ({
		...c,
		snapshot: id ? { id, roundId: c.roundId, takenAt: takenAt!, final: final!, assessments, submitted } : null
	}));
}

/** Takes the round's snapshot now, unless another request just did (one at a time per round). */
async function take(sql: Sql, roundId: string): Promise<void> {
	await sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext('round_snapshot'), hashtext(${roundId}))`;
		// A submit changes the round's scores and then marks the round in one transaction; this
		// row lock waits for such a transaction, so what is copied includes every change marked.
		await tx`select 1 from round where id = ${roundId} for share`;
		const [again] = await latest(tx, [roundId]);
		if (!again || !isDue(again)) return;
		const [snapshot] = await tx<{ id: string }[]>`
			insert into round_snapshot (round_id, collaboration_id, final, seen_changed_at)
			select id, collaboration_id, ${again.state === 'closed'}, scores_changed_at from round where id = ${roundId} returning id`;
		await tx`
			insert into round_snapshot_assessment (snapshot_id, assessment_id, municipality_id, sector_id, status, respondents)
			select ${snapshot!.id}, a.id, a.municipality_id, a.sector_id, a.status,
				(select count(*)::int from response r where r.assessment_id = a.id and r.status = 'submitted')
			from assessment a where a.round_id = ${roundId}`;
		await tx`
			insert into round_snapshot_score (snapshot_id, assessment_id, dimension, score, coverage, answered_items, total_items, dont_know, answers,
				respondents_scored, respondent_sd)
			select ${snapshot!.id}, s.assessment_id, s.dimension, s.score, s.coverage, s.answered_items, s.total_items, s.dont_know, s.answers,
				s.respondents_scored, s.respondent_sd
			from assessment_score s join assessment a on a.id = s.assessment_id where a.round_id = ${roundId}`;
	});
}

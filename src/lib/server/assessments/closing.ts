import type { Sql } from 'postgres';
import { audit } from '../audit';
import { currentPublication } from '../benchmarks/publications';
import { currentSnapshot } from '../results/snapshots';
import { roundState } from '../calendar';

/**
 * Rounds close on their dates. A round's state already follows from its dates
 * (rounds.ts); the job runner makes the closing an event: it records `closed_at` with an
 * audit event by the system, as an admin's *Close the round now* does, and then takes the
 * round's final snapshot and publishes its year's peer benchmarks (docs/privacy.md).
 *
 * Safe to run anywhere at any time: the update closes a round once however many runners
 * race, and snapshot and publication lock themselves and are taken only when due.
 */
export async function closeDueRounds(sql: Sql): Promise<string[]> {
	return sql.begin(async (tx) => {
		const closed = await tx<{ id: string; collaborationId: string }[]>`
			update round r set closed_at = now()
			where r.closed_at is null and ${roundState(tx)} = 'closed'
			returning r.id, r.collaboration_id as "collaborationId"`;
		for (const round of closed) {
			await audit(tx, {
				action: 'round.closed',
				collaborationId: round.collaborationId,
				subjectType: 'round',
				subjectId: round.id,
				detail: { by: 'schedule' }
			});
		}
		return closed.map((r) => r.id);
	});
}

/**
 * Takes the final snapshot of every closed round that has none yet (closed now, closed by an
 * admin, or left half-done by a runner that stopped) and publishes each one's population.
 * Returns the rounds it finished.
 */
export async function publishClosedRounds(sql: Sql): Promise<string[]> {
	const rounds = await sql<{ id: string; year: number; versionId: string }[]>`
		select r.id, r.year, r.questionnaire_version_id as "versionId" from round r
		where r.closed_at is not null and not exists (select 1 from round_snapshot s where s.round_id = r.id and s.final)
		order by r.year, r.id`;
	for (const round of rounds) await currentSnapshot(sql, round.id);
	const populations = new Map(rounds.map((r) => [`${r.year}:${r.versionId}`, r]));
	for (const { year, versionId } of populations.values()) await currentPublication(sql, year, versionId);
	return rounds.map((r) => r.id);
}

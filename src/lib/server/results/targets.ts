import type { Sql } from 'postgres';
import { audit } from '../audit';
import type { Db } from '../db/index';

/**
 * Targets (BRIEF §3): the collaboration's minimum level per dimension for every member
 * (municipalityId null), or a municipality's own ambition. A null level removes it.
 */
export async function setTarget(
	sql: Sql,
	collaborationId: string,
	input: { municipalityId: string | null; dimension: string; level: number | null },
	actorId: string
): Promise<void> {
	await sql.begin((tx) => setTargetIn(tx, collaborationId, input, actorId));
}

async function setTargetIn(
	tx: Db,
	collaborationId: string,
	input: { municipalityId: string | null; dimension: string; level: number | null },
	actorId: string
): Promise<void> {
	{
		if (input.level === null) {
			await tx`delete from target where collaboration_id = ${collaborationId} and municipality_id is not distinct from ${input.municipalityId} and dimension = ${input.dimension}`;
		} else {
			await tx`
				insert into target (collaboration_id, municipality_id, dimension, level, set_by)
				values (${collaborationId}, ${input.municipalityId}, ${input.dimension}, ${input.level}, ${actorId})
				on conflict (collaboration_id, municipality_id, dimension) do update set level = excluded.level, set_by = excluded.set_by, set_at = now()`;
		}
		await audit(tx, { action: 'target.set', actorId, collaborationId, subjectType: 'target', subjectId: input.dimension, detail: input });
	}
}

/**
 * One group's targets at once (the collaboration's minimum, or one member's ambition),
 * as one form saves them: every dimension in one transaction, and only the changed ones
 * written and audited. Returns how many changed.
 */
export async function setTargets(
	sql: Sql,
	collaborationId: string,
	municipalityId: string | null,
	levels: ReadonlyMap<string, number | null>,
	actorId: string
): Promise<number> {
	return sql.begin(async (tx) => {
		const before = new Map(
			(
				await tx<{ dimension: string; level: number }[]>`
				select dimension, level from target where collaboration_id = ${collaborationId} and municipality_id is not distinct from ${municipalityId} for update`
			).map((t) => [t.dimension, t.level])
		);
		let changed = 0;
		for (const [dimension, level] of levels) {
			if ((before.get(dimension) ?? null) === level) continue;
			await setTargetIn(tx, collaborationId, { municipalityId, dimension, level }, actorId);
			changed++;
		}
		return changed;
	});
}

/** Every target of the collaboration: its minimum (municipality null) and the members' own. */
export async function listTargets(sql: Db, collaborationId: string): Promise<{ municipalityId: string | null; dimension: string; level: number }[]> {
	return sql`select municipality_id as "municipalityId", dimension, level from target where collaboration_id = ${collaborationId}`;
}

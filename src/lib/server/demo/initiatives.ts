import type { Sql } from 'postgres';
import { prefillFromItem } from '../initiatives/prefill';
import { getVersionById } from '../questionnaires/versions';

/**
 * Hedmark IKT's demo initiatives across the demo years: after each closed round, three
 * members plan one initiative in each of two sectors on the sector's weakest question
 * (pre-filled from the instrument, as the app does), owned by a sector head; older ones
 * are done, last year's in progress and past due, one dropped; Hamar has one for the
 * municipality, and the collaboration a joint one. Deterministic: same data every time.
 */
const MEMBERS = ['3403', '3413', '3412'];

export async function writeDemoInitiatives(sql: Sql, collaborationId: string, thisYear: number): Promise<number> {
	const [admin] = await sql<{ id: string }[]>`select id from app_user where email = 'admin@demo.moden.no'`;
	const [coordinator] = await sql<{ id: string }[]>`select id from app_user where email = 'koordinator@demo.moden.no'`;
	if (!admin || !coordinator) return 0;
	const rounds = await sql<{ year: number; versionId: string }[]>`
		select year, questionnaire_version_id as "versionId" from round where collaboration_id = ${collaborationId} and year < ${thisYear} order by year`;
	const members = await sql<{ id: string; number: string }[]>`
		select m.id, m.national_number as number from municipality m join membership ms on ms.municipality_id = m.id
		where ms.collaboration_id = ${collaborationId} and m.country = 'NO' and m.national_number = any(${MEMBERS}::text[])`;
	const sectors = await sql<
		{ id: string }[]
	>`select id from sector where collaboration_id = ${collaborationId} and archived_at is null order by position limit 2`;
	let count = 0;
	const add = async (row: Record<string, unknown>, history: { status: string; at: string; note: string }[], participants: string[] = []) => {
		const last = history.at(-1)!;
		const [i] = await sql<{ id: string }[]>`
			insert into initiative ${sql({ ...row, collaboration_id: collaborationId, status: last.status, created_by: admin.id, created_at: history[0]!.at, updated_at: last.at } as never)}
			returning id`;
		for (const m of participants)
			await sql`insert into initiative_participant (initiative_id, collaboration_id, municipality_id) values (${i!.id}, ${collaborationId}, ${m})`;
		for (const h of history) {
			await sql`insert into initiative_event (initiative_id, collaboration_id, status, note, actor_id, at) values (${i!.id}, ${collaborationId}, ${h.status}, ${h.note}, ${(row.owner_id as string | null) ?? admin.id}, ${h.at})`;
		}
		count++;
	};
	for (const [n, round] of rounds.entries()) {
		const definition = (await getVersionById(sql, round.versionId))!;
		const next = round.year + 1;
		const age = thisYear - round.year;
		for (const [mi, m] of members.entries()) {
			for (const [si, s] of sectors.entries()) {
				const [weakest] = await sql<{ itemKey: string; mean: number }[]>`
					select x.item_key as "itemKey", avg(x.level)::float8 as mean
					from answer x join response r on r.id = x.response_id and r.status = 'submitted'
					join assessment a on a.id = r.assessment_id join round ro on ro.id = a.round_id
					where ro.collaboration_id = ${collaborationId} and ro.year = ${round.year} and a.municipality_id = ${m.id} and a.sector_id = ${s.id} and x.kind = 'level'
					group by x.item_key order by mean, x.item_key limit 1`;
				if (!weakest) continue;
				const prefill = prefillFromItem(definition, weakest.itemKey, Math.max(1, Math.floor(weakest.mean)), 'nb')!;
				const [owner] = await sql<{ id: string }[]>`
					select g.user_id as id from role_grant g join app_user u on u.id = g.user_id
					where g.collaboration_id = ${collaborationId} and g.role = 'respondent' and g.municipality_id = ${m.id} and g.sector_id = ${s.id}
					order by u.email limit 1`;
				const planned = { status: 'planned', at: `${round.year}-12-10T09:00:00Z`, note: '' };
				const started = { status: 'in_progress', at: `${next}-02-15T09:00:00Z`, note: 'Arbeidsgruppe satt ned' };
				const dropped = mi === 2 && si === 1 && n === 0;
				const history =
					age >= 2
						? [
								planned,
								started,
								dropped
									? { status: 'dropped', at: `${next}-06-01T09:00:00Z`, note: 'Erstattet av felles tiltak i samarbeidet' }
									: { status: 'done', at: `${next}-10-20T09:00:00Z`, note: 'Gjennomført' }
							]
						: mi === 0
							? [planned, started]
							: [planned];
				await add(
					{
						scope: 'sector',
						municipality_id: m.id,
						sector_id: s.id,
						title: prefill.title,
						description: prefill.description,
						item_keys: prefill.itemKeys,
						dimensions: [],
						target_level: prefill.targetLevel,
						owner_id: owner?.id ?? null,
						due_on: `${next}-09-30`
					},
					history
				);
			}
		}
	}
	const hamar = members.find((m) => m.number === '3403');
	const first = rounds[0]?.year;
	if (hamar && first !== undefined) {
		await add(
			{
				scope: 'municipality',
				municipality_id: hamar.id,
				sector_id: null,
				title: 'Digitaliseringsstrategi forankret i kommuneplanen',
				description: 'Rullere digitaliseringsstrategien sammen med kommuneplanens samfunnsdel, med mål per sektor og årlig rapportering til kommunestyret.',
				item_keys: [],
				dimensions: ['strategy'],
				target_level: 3,
				owner_id: coordinator.id,
				due_on: `${first + 2}-06-30`
			},
			[
				{ status: 'planned', at: `${first}-12-15T09:00:00Z`, note: '' },
				{ status: 'in_progress', at: `${first + 1}-01-20T09:00:00Z`, note: 'Vedtatt i formannskapet' },
				{ status: 'done', at: `${first + 2}-06-18T09:00:00Z`, note: 'Vedtatt av kommunestyret' }
			]
		);
		await add(
			{
				scope: 'collaboration',
				municipality_id: null,
				sector_id: null,
				title: 'Felles fagsystem og integrasjoner i helse og omsorg',
				description: 'Felles anskaffelse og innføring av fagsystem med felles integrasjonsplattform for alle medlemmene.',
				item_keys: ['technology.shared-systems', 'technology.integration-and-data-reuse'],
				dimensions: [],
				target_level: 4,
				owner_id: admin.id,
				due_on: `${thisYear + 1}-12-31`
			},
			[
				{ status: 'planned', at: `${first + 1}-03-01T09:00:00Z`, note: '' },
				{ status: 'in_progress', at: `${first + 1}-09-01T09:00:00Z`, note: 'Anskaffelse startet' }
			],
			members.map((m) => m.id)
		);
	}
	return count;
}

import type { Sql } from 'postgres';
import { roundState, timeZones } from '../calendar';
import type { Db } from '../db/index';
import { currentSnapshots } from '../results/snapshots';
import { peerGroups, summarise, type PeerUnit } from './groups';
import { sizeClassBounds, type SizeClass } from './peers';

/**
 * Peer benchmarks are published, not recomputed per view or per submit (docs/privacy.md):
 * one population is a year's rounds under one questionnaire version, platform-wide, so
 * peers compare like with like. A publication is made from the rounds' snapshots when a
 * round of the population has closed since the last one, else at most once a day while
 * data changes; what each viewer may see of it is decided once (disclosure/peers.ts).
 */
export interface Publication {
	id: string;
	year: number;
	versionId: string;
	publishedAt: Date;
	/** rounds behind it, and how many had closed: provisional while one was open */
	rounds: number;
	closedRounds: number;
}

/** The publication a page of this population shows now, made first where one is due; null when no round has data. */
export async function currentPublication(sql: Sql, year: number, versionId: string): Promise<Publication | null> {
	// The usual case in one query: a publication exists, no round of the population closed
	// since, and either it is from today or nothing changed after it.
	const [state] = await sql<{ rounds: number; closed: number; changedAt: Date | null }[]>`
		select count(*) filter (where ${roundState(sql)} <> 'upcoming')::int as rounds,
			count(*) filter (where ${roundState(sql)} = 'closed')::int as closed, max(r.scores_changed_at) as "changedAt"
		from round r where r.year = ${year} and r.questionnaire_version_id = ${versionId}`;
	if (!state || state.rounds === 0) return null;
	const found = await latestPublication(sql, year, versionId);
	if (found && found.closedRounds === state.closed && (found.today || !state.changedAt || state.changedAt <= found.publishedAt)) return found;

	const rounds = await sql<{ id: string }[]>`
		select r.id from round r where r.year = ${year} and r.questionnaire_version_id = ${versionId} and ${roundState(sql)} <> 'upcoming'`;
	const snapshots = [
		...(
			await currentSnapshots(
				sql,
				rounds.map((r) => r.id)
			)
		).values()
	];
	const sources = snapshots.map((s) => s.id).sort();
	const closed = snapshots.filter((s) => s.final).length;
	const due = (p: (Publication & { sources: string[]; today: boolean }) | undefined) =>
		!p || closed > p.closedRounds || (!p.today && p.sources.join() !== sources.join());
	if (!due(found)) return found!;
	return sql.begin(async (tx) => {
		await tx`select pg_advisory_xact_lock(hashtext('peer_publication'), hashtext(${`${year}:${versionId}`}))`;
		const again = await latestPublication(tx, year, versionId);
		if (!due(again)) return again!;
		return publish(tx, year, versionId, sources, closed);
	});
}

async function latestPublication(sql: Db, year: number, versionId: string) {
	const [row] = await sql<(Publication & { sources: string[]; today: boolean })[]>`
		select id, year, questionnaire_version_id as "versionId", published_at as "publishedAt", rounds, closed_rounds as "closedRounds",
			array(select unnest(snapshot_ids) order by 1)::text[] as sources,
			(published_at at time zone ${timeZones.NO})::date = (now() at time zone ${timeZones.NO})::date as today
		from peer_publication where year = ${year} and questionnaire_version_id = ${versionId}
		order by published_at desc limit 1`;
	return row;
}

async function publish(tx: Db, year: number, versionId: string, sources: string[], closed: number) {
	const [publication] = await tx<Publication[]>`
		insert into peer_publication (year, questionnaire_version_id, rounds, closed_rounds, snapshot_ids)
		values (${year}, ${versionId}, ${sources.length}, ${closed}, ${sources}::uuid[])
		returning id, year, questionnaire_version_id as "versionId", published_at as "publishedAt", rounds, closed_rounds as "closedRounds"`;
	const bounds = sizeClassBounds.map((b) => ({ size: b.sizeClass, below: b.below }));
	// Sectors: every assessment that counts (submitted, or its round final), one unit per
	// municipality and sector key over all its collaborations. Municipalities: the mean of
	// their sectors, only once none of their assessments is still being answered, so a
	// municipality's unit does not drift from one publication to the next.
	const units = await tx<PeerUnit[]>`
		with counted as (
			select sa.municipality_id, sec.key as sector_key, x.dimension, x.score, rs.final or sa.status = 'submitted' as settled
			from round_snapshot_assessment sa
			join round_snapshot rs on rs.id = sa.snapshot_id
			join sector sec on sec.id = sa.sector_id
			left join round_snapshot_score x on x.snapshot_id = sa.snapshot_id and x.assessment_id = sa.assessment_id
			where sa.snapshot_id = any(${sources}::uuid[])
		),
		sectors as (
			select municipality_id, sector_key, dimension, avg(score) as score from counted
			where settled and score is not null group by municipality_id, sector_key, dimension
		),
		settled as (select municipality_id from counted group by municipality_id having bool_and(settled)),
		units as (
			select municipality_id, sector_key, dimension, score from sectors
			union all
			select s.municipality_id, '', s.dimension, avg(s.score) from sectors s join settled using (municipality_id)
			group by s.municipality_id, s.dimension
		)
		insert into peer_unit (publication_id, municipality_id, sector_key, dimension, country, size_class, score)
		select ${publication!.id}, u.municipality_id, u.sector_key, u.dimension, m.country,
			case when u.sector_key = '' then (
				select b.size from jsonb_to_recordset(${tx.json(bounds)}) as b(size text, below numeric)
				where p.population < b.below order by b.below limit 1
			) end,
			u.score
		from units u join municipality m on m.id = u.municipality_id
		left join lateral (
			select population from municipality_population where municipality_id = u.municipality_id and year <= ${year} order by year desc limit 1
		) p on true
		returning municipality_id as "municipalityId", sector_key as "sectorKey", dimension, country, size_class as "sizeClass", score::float8 as score`;
	const statistics = peerGroups(units).map((g) => ({ kind: g.kind, country: g.country, grp: g.group, dimension: g.dimension, ...summarise(g) }));
	if (statistics.length > 0) {
		await tx`insert into peer_statistic ${tx(
			statistics.map((s) => ({ publication_id: publication!.id, ...s })),
			'publication_id',
			'kind',
			'country',
			'grp',
			'dimension',
			'organisations',
			'mean',
			'q1',
			'median',
			'q3'
		)}`;
	}
	return publication!;
}

/** The units of publications, by publication id (what the disclosure decision rests on). */
export async function publicationUnits(sql: Db, publicationIds: readonly string[]): Promise<Map<string, PeerUnit[]>> {
	const rows = await sql<(PeerUnit & { publicationId: string })[]>`
		select publication_id as "publicationId", municipality_id as "municipalityId", sector_key as "sectorKey", dimension, country,
			size_class as "sizeClass", score::float8 as score
		from peer_unit where publication_id = any(${[...publicationIds]}::uuid[])`;
	const byPublication = new Map<string, PeerUnit[]>(publicationIds.map((id) => [id, []]));
	for (const { publicationId, ...unit } of rows) byPublication.get(publicationId)!.push({ ...unit, sizeClass: unit.sizeClass as SizeClass | null });
	return byPublication;
}

/** Earlier publications of the same population, oldest first. */
export async function earlierPublications(sql: Db, publication: Publication): Promise<Publication[]> {
	return sql<Publication[]>`
		select id, year, questionnaire_version_id as "versionId", published_at as "publishedAt", rounds, closed_rounds as "closedRounds"
		from peer_publication
		where year = ${publication.year} and questionnaire_version_id = ${publication.versionId} and published_at < ${publication.publishedAt}
		order by published_at`;
}

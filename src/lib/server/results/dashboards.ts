import type { Locale } from '../../i18n';
import { sizeClass, sizeClasses, type SizeClass } from '../benchmarks/peers';
import { peerGroupShown, suppress } from '../benchmarks/suppression';
import type { Db } from '../db/index';
import { roundState, type RoundState } from '../assessments/rounds';
import { getVersionById } from '../questionnaires/versions';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import { levelOf, levelReached } from '../scoring/score';
import { trendSeries, type TrendSeries } from '../scoring/trend';

/**
 * What the dashboards show, read from the score caches (results/scores.ts) of the
 * viewer's own collaboration, grouped in SQL; peer groups come from the platform-wide
 * distributions kept per year. No query here reads answers. Who may see what is
 * decided by the routes (access.ts); which names and small groups are shown, here.
 */

export interface ResultRound {
	id: string;
	year: number;
	versionId: string;
	state: RoundState;
	scored: number;
}

export async function resultRounds(sql: Db, collaborationId: string): Promise<ResultRound[]> {
	return sql<ResultRound[]>`
		select r.id, r.year, r.questionnaire_version_id as "versionId", ${roundState(sql)} as state,
			(select count(distinct s.assessment_id)::int from assessment a join assessment_score s on s.assessment_id = a.id where a.round_id = r.id) as scored
		from round r where r.collaboration_id = ${collaborationId} order by r.year`;
}

/** The asked-for year's round, else the newest round with scores, else the newest. */
export function pickRound(rounds: readonly ResultRound[], year: number | null): ResultRound | null {
	return rounds.find((r) => r.year === year) ?? rounds.findLast((r) => r.scored > 0) ?? rounds.at(-1) ?? null;
}

export interface Frame {
	dimensions: { key: string; title: string }[];
	bands: { level: number; from: number; label: string }[];
	definition: QuestionnaireDefinition;
}

export async function frameOf(sql: Db, round: ResultRound, locale: Locale): Promise<Frame> {
	const definition = (await getVersionById(sql, round.versionId))!;
	return {
		definition,
		dimensions: definition.dimensions.map((d) => ({ key: d.key, title: d.title[locale] })),
		bands: definition.scoring.bands.map((b) => ({ level: b.level, from: b.from, label: b.label[locale] }))
	};
}

/** Per member and dimension: the mean of its sectors' scores in the round. */
export interface MemberScore {
	municipalityId: string;
	dimension: string;
	score: number;
	sectors: number;
	min: number;
	max: number;
}

export async function memberScores(sql: Db, collaborationId: string, roundId: string): Promise<MemberScore[]> {
	return sql<MemberScore[]>`
		select a.municipality_id as "municipalityId", s.dimension, avg(s.score)::float8 as score, count(*)::int as sectors,
			min(s.score)::float8 as min, max(s.score)::float8 as max
		from assessment a join assessment_score s on s.assessment_id = a.id
		where a.collaboration_id = ${collaborationId} and a.round_id = ${roundId} and s.score is not null
		group by a.municipality_id, s.dimension`;
}

export interface Quartiles {
	dimension: string;
	organisations: number;
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
}

/** The members' distribution per dimension (quartiles like the pure module: linear interpolation). */
export async function memberDistribution(sql: Db, collaborationId: string, roundId: string): Promise<Quartiles[]> {
	return sql<Quartiles[]>`
		select dimension, count(*)::int as organisations, min(score)::float8 as min,
			percentile_cont(0.25) within group (order by score)::float8 as q1,
			percentile_cont(0.5) within group (order by score)::float8 as median,
			percentile_cont(0.75) within group (order by score)::float8 as q3,
			max(score)::float8 as max
		from (
			select a.municipality_id, s.dimension, avg(s.score) as score
			from assessment a join assessment_score s on s.assessment_id = a.id
			where a.collaboration_id = ${collaborationId} and a.round_id = ${roundId} and s.score is not null
			group by a.municipality_id, s.dimension
		) m group by dimension`;
}

export interface SectorCell {
	assessmentId: string;
	municipalityId: string;
	sectorId: string;
	dimension: string;
	score: number | null;
	coverage: number;
	respondents: number;
	dontKnowRate: number;
}

/** Each assessment's dimension scores in the round (optionally of one municipality or one sector). */
export async function assessmentScores(
	sql: Db,
	collaborationId: string,
	roundId: string,
	filter: { municipalityId?: string; sectorId?: string } = {}
): Promise<SectorCell[]> {
	return sql<SectorCell[]>`
		select a.id as "assessmentId", a.municipality_id as "municipalityId", a.sector_id as "sectorId", s.dimension,
			s.score::float8 as score, s.coverage::float8 as coverage, s.respondents,
			case when s.answers > 0 then s.dont_know::float8 / s.answers else 0 end as "dontKnowRate"
		from assessment a join assessment_score s on s.assessment_id = a.id
		where a.collaboration_id = ${collaborationId} and a.round_id = ${roundId}
			${filter.municipalityId ? sql`and a.municipality_id = ${filter.municipalityId}` : sql``}
			${filter.sectorId ? sql`and a.sector_id = ${filter.sectorId}` : sql``}`;
}

export interface PeerFigure {
	kind: 'size' | 'sector' | 'country' | 'platform';
	group: string;
	dimension: string;
	organisations: number;
	mean: number | null;
	median: number | null;
	/** false: fewer than k organisations, the figures are withheld */
	shown: boolean;
}

/** The platform's peer distributions of a year that one view needs; small groups withheld. */
export async function peerFigures(sql: Db, year: number, country: string, k?: number): Promise<PeerFigure[]> {
	const rows = await sql<(Omit<PeerFigure, 'shown'> & { country: string })[]>`
		select kind, grp as group, dimension, organisations, mean::float8 as mean, median::float8 as median, country
		from peer_benchmark where year = ${year} and country in (${country}, '*')`;
	return rows.map(({ country: _, ...row }) => {
		const shown = peerGroupShown(row.organisations, k);
		return { ...row, mean: shown ? row.mean : null, median: shown ? row.median : null, shown };
	});
}

/**
 * Size classes × dimensions of the country, with the country's total: a cell under k
 * is withheld, and so is a partner cell where the total would give it away
 * (benchmarks/suppression.ts).
 */
export function peerTable(figures: readonly PeerFigure[], dimensions: readonly string[], k?: number) {
	const cells = figures
		.filter((f) => f.kind === 'size' && dimensions.includes(f.dimension))
		.map((f) => ({ row: f.group, column: f.dimension, count: f.organisations, mean: f.mean }));
	const table = suppress({ cells, totals: { rows: false, columns: true, grand: false } }, k);
	const totals = new Map(figures.filter((f) => f.kind === 'country').map((f) => [f.dimension, f]));
	return {
		rows: sizeClasses.filter((size) => cells.some((c) => c.row === size)),
		cells: table.cells.map((c) => ({ sizeClass: c.row as SizeClass, dimension: c.column, organisations: c.count, mean: c.suppressed ? null : c.mean })),
		totals: table.columnTotals.map((t) => ({
			dimension: t.column,
			organisations: t.count,
			mean: t.suppressed ? null : (totals.get(t.column)?.mean ?? null)
		}))
	};
}

export interface Target {
	dimension: string;
	/** the collaboration's minimum level for every member */
	minimum: number | null;
	/** the municipality's own ambition */
	own: number | null;
}

export async function targets(sql: Db, collaborationId: string, municipalityId: string | null): Promise<Target[]> {
	return sql<Target[]>`
		select dimension,
			max(level) filter (where municipality_id is null)::int as minimum,
			max(level) filter (where municipality_id = ${municipalityId})::int as own
		from target where collaboration_id = ${collaborationId} and (municipality_id is null or municipality_id = ${municipalityId})
		group by dimension`;
}

/** A municipality's dimensions across the collaboration's rounds, with series breaks (BRIEF §5). */
export async function municipalityTrend(sql: Db, collaborationId: string, municipalityId: string, rounds: readonly ResultRound[]): Promise<TrendSeries[]> {
	const rows = await sql<{ roundId: string; dimension: string; score: number }[]>`
		select a.round_id as "roundId", s.dimension, avg(s.score)::float8 as score
		from assessment a join assessment_score s on s.assessment_id = a.id
		where a.collaboration_id = ${collaborationId} and a.municipality_id = ${municipalityId} and s.score is not null
		group by a.round_id, s.dimension`;
	const versions = new Map<string, QuestionnaireDefinition>();
	for (const round of rounds) if (!versions.has(round.versionId)) versions.set(round.versionId, (await getVersionById(sql, round.versionId))!);
	const scored = rounds.filter((r) => rows.some((row) => row.roundId === r.id));
	return trendSeries(
		scored.map((round) => {
			const definition = versions.get(round.versionId)!;
			return {
				year: round.year,
				version: definition.version,
				scores: definition.dimensions.map((d) => {
					const score = rows.find((row) => row.roundId === round.id && row.dimension === d.key)?.score ?? null;
					return { dimension: d.key, score, level: levelOf(definition.scoring, score), coverage: 1, answeredItems: 0, totalItems: 0, dontKnowRate: 0 };
				})
			};
		}),
		[...versions.values()]
	);
}

/** The municipality's size class in a year (its latest known population), or null. */
export async function municipalitySizeClass(sql: Db, municipalityId: string, year: number): Promise<SizeClass | null> {
	const [row] = await sql<{ population: number }[]>`
		select population from municipality_population where municipality_id = ${municipalityId} and year <= ${year} order by year desc limit 1`;
	return row ? sizeClass(row.population) : null;
}

/**
 * The municipality's weakest questions in the round (mean over its sectors' submitted
 * answers, counted in SQL), with the instrument's advice for the level they sit at.
 */
export async function weakestItems(sql: Db, frame: Frame, roundId: string, municipalityId: string, locale: Locale, limit = 5) {
	const values = frame.definition.scoring.values;
	const rows = await sql<{ itemKey: string; mean: number; n: number }[]>`
		select x.item_key as "itemKey", avg((${values}::numeric[])[x.level])::float8 as mean, count(*)::int as n
		from assessment a
		join response r on r.assessment_id = a.id and r.status = 'submitted'
		join answer x on x.response_id = r.id and x.kind = 'level'
		where a.round_id = ${roundId} and a.municipality_id = ${municipalityId}
		group by x.item_key order by mean, x.item_key limit ${limit}`;
	return rows.map((row) => {
		const item = frame.definition.items.find((i) => i.key === row.itemKey)!;
		const level = levelReached(frame.definition.scoring, row.mean);
		return { ...row, text: item.text[locale], dimension: item.dimension, recommendation: item.recommendations[level - 1]![locale] };
	});
}

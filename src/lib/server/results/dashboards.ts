import type { Locale } from '../../i18n';
import { sizeClass, type SizeClass } from '../benchmarks/peers';
import type { Db } from '../db/index';
import { roundState, type RoundState } from '../assessments/rounds';
import { getVersionById } from '../questionnaires/versions';
import type { QuestionnaireDefinition } from '../questionnaires/schema';

/**
 * What the dashboards read, in SQL: a round snapshot's cells (results/snapshots.ts) of the
 * viewer's own collaboration, targets, and the rounds. No query here reads live scores
 * or another collaboration's rows; peers come from publications (disclosure/peers.ts).
 * Which of it a viewer sees is decided in views.ts through the disclosure module.
 */

export interface ResultRound {
	id: string;
	year: number;
	versionId: string;
	/** the questionnaire's slug */
	questionnaire: string;
	/** yyyy-mm-dd */
	opensOn: string;
	closesOn: string;
	state: RoundState;
	/** assessments with a submitted response */
	scored: number;
}

export async function resultRounds(sql: Db, collaborationId: string): Promise<ResultRound[]> {
	return sql<ResultRound[]>`
		select r.id, r.year, r.questionnaire_version_id as "versionId",
			(select q.slug from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id where v.id = r.questionnaire_version_id) as questionnaire,
			r.opens_on::text as "opensOn", r.closes_on::text as "closesOn", ${roundState(sql)} as state,
			(select count(distinct s.assessment_id)::int from assessment a join assessment_score s on s.assessment_id = a.id where a.round_id = r.id) as scored
		from round r where r.collaboration_id = ${collaborationId} order by r.year`;
}

/** The asked-for year's round, else the newest closed round with scores, else the newest with scores, else the newest. */
export function pickRound(rounds: readonly ResultRound[], year: number | null): ResultRound | null {
	return (
		rounds.find((r) => r.year === year) ??
		rounds.findLast((r) => r.state === 'closed' && r.scored > 0) ??
		rounds.findLast((r) => r.scored > 0) ??
		rounds.at(-1) ??
		null
	);
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

/** One assessment of a snapshot with its score in one dimension (score null: not enough answered). */
export interface SnapshotCell {
	assessmentId: string;
	municipalityId: string;
	sectorId: string;
	dimension: string;
	score: number | null;
	coverage: number;
	respondents: number;
	dontKnow: number;
	answers: number;
	/** respondents with an own score in the dimension, and how far apart those are (for the interval) */
	respondentsScored: number;
	respondentSd: number | null;
}

type SnapshotFilter = { municipalityId?: string; sectorId?: string };
const filtered = (sql: Db, filter: SnapshotFilter) =>
	sql`${filter.municipalityId ? sql`and a.municipality_id = ${filter.municipalityId}` : sql``} ${filter.sectorId ? sql`and a.sector_id = ${filter.sectorId}` : sql``}`;

/** A snapshot's scored cells (optionally of one municipality or one sector). */
export async function snapshotCells(sql: Db, snapshotId: string, filter: SnapshotFilter = {}): Promise<SnapshotCell[]> {
	return sql<SnapshotCell[]>`
		select a.assessment_id as "assessmentId", a.municipality_id as "municipalityId", a.sector_id as "sectorId", s.dimension,
			s.score::float8 as score, s.coverage::float8 as coverage, a.respondents, s.dont_know as "dontKnow", s.answers,
			s.respondents_scored as "respondentsScored", s.respondent_sd::float8 as "respondentSd"
		from round_snapshot_assessment a join round_snapshot_score s on s.snapshot_id = a.snapshot_id and s.assessment_id = a.assessment_id
		where a.snapshot_id = ${snapshotId} ${filtered(sql, filter)}`;
}

export interface SnapshotAssessment {
	assessmentId: string;
	municipalityId: string;
	municipality: string;
	sectorId: string;
	sector: string;
	/** the catalogue's key of the sector (the same across collaborations) */
	sectorKey: string;
	status: 'not_started' | 'in_progress' | 'submitted' | 'reopened';
	respondents: number;
}

/** Every assessment of a snapshot, scored or not, with its sector's name in `locale`. */
export async function snapshotAssessments(sql: Db, snapshotId: string, locale: Locale, filter: SnapshotFilter = {}): Promise<SnapshotAssessment[]> {
	return sql<SnapshotAssessment[]>`
		select a.assessment_id as "assessmentId", a.municipality_id as "municipalityId", m.name as municipality, a.sector_id as "sectorId",
			s.${sql(`name_${locale}`)} as sector, s.key as "sectorKey", a.status, a.respondents
		from round_snapshot_assessment a join sector s on s.id = a.sector_id join municipality m on m.id = a.municipality_id
		where a.snapshot_id = ${snapshotId} ${filtered(sql, filter)}
		order by m.name, s.position, s.name_nb`;
}

export interface MemberCompletion {
	municipalityId: string;
	name: string;
	submitted: number;
	total: number;
}

/** Per member of the snapshot: its assessments and how many were submitted then. */
export async function snapshotCompletion(sql: Db, snapshotId: string, filter: { sectorId?: string } = {}): Promise<MemberCompletion[]> {
	return sql<MemberCompletion[]>`
		select a.municipality_id as "municipalityId", m.name,
			count(*) filter (where a.status = 'submitted')::int as submitted, count(*)::int as total
		from round_snapshot_assessment a join municipality m on m.id = a.municipality_id
		where a.snapshot_id = ${snapshotId} ${filter.sectorId ? sql`and a.sector_id = ${filter.sectorId}` : sql``}
		group by a.municipality_id, m.name`;
}

/** Per round snapshot, member and dimension: the mean of the member's sector scores. */
export async function memberScoresOf(sql: Db, snapshotIds: readonly string[]) {
	return sql<{ snapshotId: string; municipalityId: string; dimension: string; score: number }[]>`
		select a.snapshot_id as "snapshotId", a.municipality_id as "municipalityId", s.dimension, avg(s.score)::float8 as score
		from round_snapshot_assessment a join round_snapshot_score s on s.snapshot_id = a.snapshot_id and s.assessment_id = a.assessment_id
		where a.snapshot_id = any(${[...snapshotIds]}::uuid[]) and s.score is not null
		group by a.snapshot_id, a.municipality_id, s.dimension`;
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

/** The municipality's size class in a year (its latest known population), or null. */
export async function municipalitySizeClass(sql: Db, municipalityId: string, year: number): Promise<SizeClass | null> {
	const [row] = await sql<{ population: number }[]>`
		select population from municipality_population where municipality_id = ${municipalityId} and year <= ${year} order by year desc limit 1`;
	return row ? sizeClass(row.population) : null;
}

export async function definitionsOf(sql: Db, rounds: readonly ResultRound[]): Promise<Map<string, QuestionnaireDefinition>> {
	const versions = new Map<string, QuestionnaireDefinition>();
	for (const round of rounds) if (!versions.has(round.versionId)) versions.set(round.versionId, (await getVersionById(sql, round.versionId))!);
	return versions;
}

/** The assessments and cells of several snapshots at once, by snapshot (trends). */
export async function snapshotsData(sql: Db, snapshotIds: readonly string[], locale: Locale) {
	const ids = [...snapshotIds];
	const [assessments, cells] = await Promise.all([
		sql<(SnapshotAssessment & { snapshotId: string })[]>`
			select a.snapshot_id as "snapshotId", a.assessment_id as "assessmentId", a.municipality_id as "municipalityId", m.name as municipality,
				a.sector_id as "sectorId", s.${sql(`name_${locale}`)} as sector, s.key as "sectorKey", a.status, a.respondents
			from round_snapshot_assessment a join sector s on s.id = a.sector_id join municipality m on m.id = a.municipality_id
			where a.snapshot_id = any(${ids}::uuid[])`,
		sql<(SnapshotCell & { snapshotId: string })[]>`
			select a.snapshot_id as "snapshotId", a.assessment_id as "assessmentId", a.municipality_id as "municipalityId", a.sector_id as "sectorId", s.dimension,
				s.score::float8 as score, s.coverage::float8 as coverage, a.respondents, s.dont_know as "dontKnow", s.answers,
				s.respondents_scored as "respondentsScored", s.respondent_sd::float8 as "respondentSd"
			from round_snapshot_assessment a join round_snapshot_score s on s.snapshot_id = a.snapshot_id and s.assessment_id = a.assessment_id
			where a.snapshot_id = any(${ids}::uuid[])`
	]);
	return new Map(ids.map((id) => [id, { assessments: assessments.filter((a) => a.snapshotId === id), cells: cells.filter((x) => x.snapshotId === id) }]));
}

import { sectorName } from '../collaborations/sectors';
import type { Locale } from '../../i18n';
import { sizeClass, type SizeClass } from '../benchmarks/peers';
import type { Db } from '../db/index';
import { roundState, type RoundState } from '../calendar';
import { getVersionById } from '../questionnaires/versions';
import type { QuestionnaireDefinition } from '../questionnaires/schema';

/**
 * What the dashboards read, in SQL: a round snapshot's cells (results/snapshots.ts) of the
 * viewer's own collaboration, targets, and the rounds. No query here reads live scores
 * or another collaboration's rows; peers come from publications (disclosure/peers.ts).
 * Which of it a viewer sees is decided in pages.ts through the disclosure module.
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

export interface SnapshotData {
	assessments: SnapshotAssessment[];
	cells: SnapshotCell[];
}

/**
 * A snapshot never changes once taken, so what was read of it is kept in memory (the
 * newest few hundred, per language of the sector names): a dashboard's trend reads every
 * round's snapshot, and later requests need not read them again. Correct with any number
 * of app instances, as nothing here can go stale.
 */
const kept = new Map<string, SnapshotData>();
const KEPT = 400;

/** The assessments and cells of snapshots, by snapshot id. */
export async function snapshotsData(sql: Db, snapshotIds: readonly string[], locale: Locale): Promise<Map<string, SnapshotData>> {
	const missing = [...new Set(snapshotIds)].filter((id) => !kept.has(`${id}:${locale}`));
	if (missing.length > 0) {
		const [assessments, cells] = await Promise.all([
			sql<(SnapshotAssessment & { snapshotId: string })[]>`
				select a.snapshot_id as "snapshotId", a.assessment_id as "assessmentId", a.municipality_id as "municipalityId", m.name as municipality,
					a.sector_id as "sectorId", ${sectorName(sql, locale)} as sector, s.key as "sectorKey", a.status, a.respondents
				from round_snapshot_assessment a join sector s on s.id = a.sector_id join municipality m on m.id = a.municipality_id
				where a.snapshot_id = any(${missing}::uuid[])
				order by m.name, s.position, s.name_nb`,
			sql<(SnapshotCell & { snapshotId: string })[]>`
				select a.snapshot_id as "snapshotId", a.assessment_id as "assessmentId", a.municipality_id as "municipalityId", a.sector_id as "sectorId", s.dimension,
					s.score::float8 as score, s.coverage::float8 as coverage, a.respondents, s.dont_know as "dontKnow", s.answers,
					s.respondents_scored as "respondentsScored", s.respondent_sd::float8 as "respondentSd"
				from round_snapshot_assessment a join round_snapshot_score s on s.snapshot_id = a.snapshot_id and s.assessment_id = a.assessment_id
				where a.snapshot_id = any(${missing}::uuid[])`
		]);
		const fresh = new Map<string, SnapshotData>(missing.map((id) => [id, { assessments: [], cells: [] }]));
		for (const { snapshotId, ...a } of assessments) fresh.get(snapshotId)!.assessments.push(a);
		for (const { snapshotId, ...x } of cells) fresh.get(snapshotId)!.cells.push(x);
		for (const [id, data] of fresh) kept.set(`${id}:${locale}`, data);
		for (const key of kept.keys()) if (kept.size > KEPT) kept.delete(key);
	}
	return new Map(snapshotIds.map((id) => [id, kept.get(`${id}:${locale}`)!]));
}

/** One snapshot's assessments and cells, optionally of one municipality or one sector. */
export async function snapshotData(sql: Db, snapshotId: string, locale: Locale, filter: SnapshotFilter = {}): Promise<SnapshotData> {
	const { assessments, cells } = (await snapshotsData(sql, [snapshotId], locale)).get(snapshotId)!;
	const keep = (x: { municipalityId: string; sectorId: string }) =>
		(!filter.municipalityId || x.municipalityId === filter.municipalityId) && (!filter.sectorId || x.sectorId === filter.sectorId);
	return { assessments: assessments.filter(keep), cells: cells.filter(keep) };
}

/** A snapshot's scored cells (optionally of one municipality or one sector). */
export async function snapshotCells(sql: Db, snapshotId: string, filter: SnapshotFilter = {}): Promise<SnapshotCell[]> {
	return (await snapshotData(sql, snapshotId, 'nb', filter)).cells;
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

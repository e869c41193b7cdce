import type { Sql } from 'postgres';
import type { z } from 'zod';
import type { Locale } from '../../i18n';
import { can, resultsScope, type Grant } from '../auth/access';
import type { Collaboration } from '../collaborations/collaborations';
import { othersHidden } from '../disclosure/members';
import { disclosePooled } from '../disclosure/respondents';
import { definitionsOf, resultRounds, snapshotsData, type ResultRound } from '../results/queries';
import { meanOf, measured, measuredRound } from '../results/measures';
import { currentSnapshots } from '../results/snapshots';
import { versionBreaks } from '../results/trends';
import type { Viewer } from '../results/pages';
import { storedAnswer } from '../scoring/items';
import { itemScores, type Answers, type AnswerValue } from '../scoring/score';
import type { assessmentSchema, collaborationSchema, itemSchema, memberSchema, roundSchema, scoreSchema, targetSchema } from './schemas';

/**
 * What each API resource returns for a token: read through the same access and disclosure
 * modules as the pages (a token reads what a person of its scope reads), from the rounds'
 * snapshots like the pages. A collaboration's token reads as its admins; a member's token
 * as that member's leadership team.
 */
export interface ApiReader {
	sql: Sql;
	collaboration: Collaboration;
	grants: Grant[];
	viewer: Viewer;
	locale: Locale;
}

type Row<T extends z.ZodType> = z.infer<T>;

/** May the reader see this municipality's own figures (by name)? */
const readsMunicipality = (r: ApiReader, municipalityId: string) =>
	can(r.grants, 'municipality.results', { collaborationId: r.collaboration.id, municipalityId });
/** …and its name beside anything it did (every member where names are seen, else its own). */
const names = (r: ApiReader, municipalityId: string) => r.viewer.namesVisible || readsMunicipality(r, municipalityId);

export function collaboration(r: ApiReader): Row<typeof collaborationSchema> {
	const { id, name, country, legalForm, membersSeeNames } = r.collaboration;
	return { id, name, country, legalForm, membersSeeNames };
}

export async function members(r: ApiReader): Promise<Row<typeof memberSchema>[]> {
	return r.sql<Row<typeof memberSchema>[]>`
		select m.id as "municipalityId", m.national_number as "nationalNumber", m.name, ms.valid_from::text as "validFrom", ms.valid_to::text as "validTo"
		from membership ms join municipality m on m.id = ms.municipality_id
		where ms.collaboration_id = ${r.collaboration.id} order by m.name, ms.valid_from`;
}

/** The rounds that have opened, with the snapshot each is read from now. */
async function openedRounds(r: ApiReader, year?: number) {
	const rounds = (await resultRounds(r.sql, r.collaboration.id)).filter((x) => x.state !== 'upcoming' && (year === undefined || x.year === year));
	const snapshots = await currentSnapshots(
		r.sql,
		rounds.map((x) => x.id)
	);
	return { rounds, snapshots };
}

export async function rounds(r: ApiReader): Promise<Row<typeof roundSchema>[]> {
	const all = await resultRounds(r.sql, r.collaboration.id);
	const snapshots = await currentSnapshots(
		r.sql,
		all.map((x) => x.id)
	);
	const versions = await definitionsOf(r.sql, all);
	return all.map((round) => {
		const snapshot = snapshots.get(round.id) ?? null;
		const definition = versions.get(round.versionId)!;
		return {
			id: round.id,
			year: round.year,
			questionnaire: round.questionnaire,
			version: definition.version,
			opensOn: round.opensOn,
			closesOn: round.closesOn,
			state: round.state,
			final: snapshot?.final ?? false,
			snapshotAt: snapshot?.takenAt.toISOString() ?? null,
			assessments: snapshot?.assessments ?? 0,
			submitted: snapshot?.submitted ?? 0
		};
	});
}

export async function assessments(r: ApiReader, query: { year?: number }): Promise<Row<typeof assessmentSchema>[]> {
	const { rounds, snapshots } = await openedRounds(r, query.year);
	const data = await snapshotsData(
		r.sql,
		[...snapshots.values()].map((s) => s.id),
		r.locale
	);
	return rounds.flatMap((round) => {
		const snapshot = snapshots.get(round.id);
		if (!snapshot) return [];
		return data
			.get(snapshot.id)!
			.assessments.filter((a) => names(r, a.municipalityId))
			.map((a) => ({
				id: a.assessmentId,
				year: round.year,
				municipalityId: a.municipalityId,
				sectorKey: a.sectorKey,
				sector: a.sector,
				status: a.status,
				respondents: a.respondents
			}));
	});
}

export async function scores(
	r: ApiReader,
	query: { level: 'assessment' | 'municipality' | 'collaboration'; year?: number }
): Promise<Row<typeof scoreSchema>[]> {
	const { rounds, snapshots } = await openedRounds(r);
	const versions = await definitionsOf(r.sql, rounds);
	const breaks = versionBreaks(rounds, versions);
	const data = await snapshotsData(
		r.sql,
		[...snapshots.values()].map((s) => s.id),
		r.locale
	);
	return rounds
		.filter((round) => query.year === undefined || round.year === query.year)
		.flatMap((round) => {
			const snapshot = snapshots.get(round.id);
			if (!snapshot) return [];
			const definition = versions.get(round.versionId)!;
			const { assessments, cells } = data.get(snapshot.id)!;
			const measuredCells = measuredRound(definition.scoring, assessments, cells);
			const base = (dimension: string) => {
				const changed = breaks.get(round.id)?.get(dimension)?.changedItems ?? [];
				return { year: round.year, provisional: !snapshot.final, dimension, seriesBreak: changed.length > 0, changedItems: changed.length };
			};
			return definition.dimensions.flatMap((d) => rowsOf(r, query.level, round, d.key, assessments, cells, measuredCells, definition.scoring, base(d.key)));
		});
}

function rowsOf(
	r: ApiReader,
	level: 'assessment' | 'municipality' | 'collaboration',
	round: ResultRound,
	dimension: string,
	assessments: Parameters<typeof measuredRound>[1],
	cells: Parameters<typeof measuredRound>[2],
	m: ReturnType<typeof measuredRound>,
	rules: Parameters<typeof measured>[0],
	base: Pick<Row<typeof scoreSchema>, 'year' | 'provisional' | 'dimension' | 'seriesBreak' | 'changedItems'>
): Row<typeof scoreSchema>[] {
	const shown = (interval: Parameters<typeof measured>[1]) => {
		const x = measured(rules, interval);
		return { score: x.score, maturityLevel: x.level, lower: x.lower, upper: x.upper };
	};
	const inDimension = cells.filter((x) => x.dimension === dimension);
	if (level === 'assessment') {
		return assessments
			.filter((a) => readsMunicipality(r, a.municipalityId))
			.flatMap((a) => {
				const cell = inDimension.find((x) => x.assessmentId === a.assessmentId);
				if (!cell) return [];
				return [
					{
						...base,
						level,
						municipalityId: a.municipalityId,
						assessmentId: a.assessmentId,
						sectorKey: a.sectorKey,
						...shown(m.intervals.get(`${a.assessmentId}:${dimension}`) ?? null),
						organisations: null,
						assessments: 1,
						respondents: cell.respondents,
						sectorsCovered: null,
						sectorsTotal: null,
						coverage: Math.round(cell.coverage * 1000) / 1000,
						dontKnowRate: m.answered([cell]).dontKnowRate,
						withheld: null
					}
				];
			});
	}
	const members = [...new Set(assessments.map((a) => a.municipalityId))];
	if (level === 'municipality') {
		return members
			.filter((municipalityId) => names(r, municipalityId))
			.map((municipalityId) => {
				const { covered, missing } = m.coverage(municipalityId, dimension);
				const own = inDimension.filter((x) => x.municipalityId === municipalityId);
				const answered = m.answered(own);
				return {
					...base,
					level,
					municipalityId,
					assessmentId: null,
					sectorKey: null,
					...shown(m.member(municipalityId, dimension)),
					organisations: null,
					assessments: covered.length,
					respondents: answered.respondents,
					sectorsCovered: covered.length,
					sectorsTotal: covered.length + missing.length,
					coverage: null,
					dontKnowRate: answered.dontKnowRate,
					withheld: null
				};
			});
	}
	const scored = members.flatMap((municipalityId) => {
		const interval = m.member(municipalityId, dimension);
		return interval ? [{ municipalityId, score: interval.score, interval }] : [];
	});
	const hidden = othersHidden(r.viewer, scored, r.viewer.policy);
	const answered = m.answered(inDimension);
	return [
		{
			...base,
			level,
			municipalityId: null,
			assessmentId: null,
			sectorKey: null,
			...(hidden ? { score: null, maturityLevel: null, lower: null, upper: null } : shown(meanOf(scored.map((s) => s.interval)))),
			organisations: scored.length,
			assessments: new Set(inDimension.filter((x) => x.score !== null).map((x) => x.assessmentId)).size,
			respondents: hidden ? 0 : answered.respondents,
			sectorsCovered: null,
			sectorsTotal: null,
			coverage: null,
			dontKnowRate: hidden ? null : answered.dontKnowRate,
			withheld: hidden
		}
	];
}

/** Item results pooled per assessment, for assessments whose municipality the reader may open (never one respondent's answers). */
export async function items(r: ApiReader, query: { year?: number }): Promise<Row<typeof itemSchema>[]> {
	const { rounds } = await openedRounds(r, query.year);
	const versions = await definitionsOf(r.sql, rounds);
	const scope = resultsScope(r.grants, r.collaboration.id);
	const rows = await r.sql<
		{
			assessmentId: string;
			roundId: string;
			municipalityId: string;
			sectorKey: string;
			responseId: string;
			itemKey: string;
			kind: AnswerValue['kind'];
			level: number | null;
			ticked: string[] | null;
			amount: string | null;
		}[]
	>`
		select a.id as "assessmentId", a.round_id as "roundId", a.municipality_id as "municipalityId", s.key as "sectorKey",
			r.id as "responseId", x.item_key as "itemKey", x.kind, x.level, x.ticked, x.amount
		from assessment a join sector s on s.id = a.sector_id
		join response r on r.assessment_id = a.id and r.status = 'submitted'
		join answer x on x.response_id = r.id and x.kind is not null
		where a.collaboration_id = ${r.collaboration.id} and a.round_id = any(${rounds.map((x) => x.id)}::uuid[])
			${scope.all ? r.sql`` : r.sql`and a.municipality_id = any(${scope.municipalities}::uuid[])`}`;
	return [...groupBy(rows, (row) => row.assessmentId)].flatMap(([assessmentId, answers]) => {
		const { roundId, municipalityId, sectorKey } = answers[0]!;
		if (!readsMunicipality(r, municipalityId)) return [];
		const round = rounds.find((x) => x.id === roundId)!;
		const definition = versions.get(round.versionId)!;
		const responses = [...groupBy(answers, (a) => a.responseId).values()].map(
			(list): Answers => new Map(list.map((a) => [a.itemKey, storedAnswer(a)!] as const))
		);
		const pooled = itemScores(definition.scoring, definition.items, responses);
		// Those who read the municipality's results are accountable for the sector: its pooled result is its answer.
		const shown = disclosePooled(
			{
				respondents: responses.length,
				dimensions: [],
				items: Object.fromEntries(pooled),
				responses: responses.map((answers) => ({ respondentId: null, answers }))
			},
			definition,
			{ accountable: true, team: 'confidential', userId: null }
		);
		return definition.items.map((item) => {
			const p = shown.items[item.key]!;
			return {
				assessmentId,
				year: round.year,
				municipalityId,
				sectorKey,
				itemKey: item.key,
				dimension: item.dimension,
				mean: p.mean === null ? null : Math.round(p.mean * 10) / 10,
				answers: p.n,
				dontKnow: p.dontKnow ?? 0,
				notApplicable: p.notApplicable ?? 0
			};
		});
	});
}

export async function targets(r: ApiReader): Promise<Row<typeof targetSchema>[]> {
	const rows = await r.sql<Row<typeof targetSchema>[]>`
		select municipality_id as "municipalityId", dimension, level from target where collaboration_id = ${r.collaboration.id} order by municipality_id nulls first, dimension`;
	return rows.filter((t) => t.municipalityId === null || names(r, t.municipalityId));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const group = groups.get(key(item));
		if (group) group.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}

import { assessmentContext, type AssessmentContext } from '../assessments/response-lifecycle';
import type { Locale } from '../../i18n';
import { pooledResult, resultView } from '../assessments/result';
import { can } from '../auth/access';
import { roundState } from '../calendar';
import type { Db } from '../db/index';
import { disclosePooled } from '../disclosure/respondents';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import { getVersionById } from '../questionnaires/versions';
import { itemScale } from '../scoring/items';
import { levelOf, type Level } from '../scoring/score';
import { listInitiatives, type InitiativeStatus, type Viewer } from './initiatives';

/**
 * Follow-up next round (issue 20): for each item of an assessment, last year's pooled
 * result of the same sector in the same municipality, as the disclosure module lets the
 * reader see it, the reader's own answer of last year, and the initiatives the reader may
 * see that address the item. Only items the crosswalk compares carry last year over.
 */
export interface LastYear {
	year: number;
	/** the pooled mean, or null where it is withheld from this reader or unanswered */
	mean: number | null;
	/** its band level */
	level: number | null;
	/** the level a respondent may start from, explicitly: their own answer, else the pooled answer's nearest level */
	startLevel: Level | null;
}

export interface LinkedInitiative {
	id: string;
	title: string;
	status: InitiativeStatus;
	dueOn: string | null;
	overdue: boolean;
}

export interface ItemFollowUp {
	lastYear: LastYear | null;
	initiatives: LinkedInitiative[];
}

/** The same sector's assessment in the latest closed round of the same questionnaire before this one. */
export async function previousAssessment(sql: Db, context: AssessmentContext): Promise<{ id: string; year: number } | null> {
	const [row] = await sql<{ id: string; year: number }[]>`
		with this_round as (
			select r.year, v.questionnaire_id from round r join questionnaire_version v on v.id = r.questionnaire_version_id where r.id = ${context.roundId}
		)
		select a.id, r.year from assessment a join round r on r.id = a.round_id
			join questionnaire_version v on v.id = r.questionnaire_version_id, this_round
		where a.collaboration_id = ${context.collaborationId} and a.municipality_id = ${context.municipalityId} and a.sector_id = ${context.sectorId}
			and v.questionnaire_id = this_round.questionnaire_id and r.year < this_round.year and ${roundState(sql)} = 'closed'
		order by r.year desc limit 1`;
	return row ?? null;
}

/** Whether an item's answers of `previous` mean the same under `current` (the crosswalk's identical or reworded). */
export function comparable(current: QuestionnaireDefinition, previous: QuestionnaireDefinition, itemKey: string): boolean {
	if (!previous.items.some((i) => i.key === itemKey)) return false;
	if (current.slug !== previous.slug) return false;
	if (current.version === previous.version) return true;
	const status = current.crosswalk?.previous === previous.version ? current.crosswalk.items[itemKey] : undefined;
	return status === 'identical' || status === 'reworded';
}

function nearestLevel(values: readonly number[], mean: number): Level {
	let best = 0;
	values.forEach((v, i) => {
		if (Math.abs(v - mean) < Math.abs(values[best]! - mean)) best = i;
	});
	return (best + 1) as Level;
}

/** Last year's results per item for this reader, or an empty map where there is no earlier round. */
export async function lastYearOf(sql: Db, viewer: Viewer, context: AssessmentContext, definition: QuestionnaireDefinition): Promise<Map<string, LastYear>> {
	const previous = await previousAssessment(sql, context);
	if (!previous) return new Map();
	const before = (await assessmentContext(sql, previous.id))!;
	const old = (await getVersionById(sql, before.versionId))!;
	const pooled = await pooledResult(sql, previous.id, old);
	const reader = { accountable: can(viewer.grants, 'municipality.results', before), team: before.team, userId: viewer.id };
	const disclosed = disclosePooled(pooled, old, reader);
	const own = pooled.responses.find((r) => r.respondentId === viewer.id)?.answers;
	const out = new Map<string, LastYear>();
	for (const item of definition.items) {
		if (!comparable(definition, old, item.key)) continue;
		const mean = disclosed.items[item.key]?.mean ?? null;
		const mine = own?.get(item.key);
		// Only answers on points carry over as a start (a checklist's ticks and amounts are typed afresh).
		const scale = itemScale(
			old.scoring.values,
			old.items.find((i) => i.key === item.key)
		);
		const startLevel = mine?.kind === 'level' ? mine.level : mean !== null && scale.type === 'points' ? nearestLevel(scale.values, mean) : null;
		out.set(item.key, { year: previous.year, mean, level: levelOf(old.scoring, mean), startLevel });
	}
	return out;
}

/** The initiatives the reader may see that concern this sector (its own, its municipality's, joint ones it takes part in), by item. */
export async function initiativesByItem(
	sql: Db,
	viewer: Viewer,
	context: Pick<AssessmentContext, 'collaborationId' | 'municipalityId' | 'sectorId'>,
	definition: QuestionnaireDefinition
) {
	const all = await listInitiatives(sql, context.collaborationId, viewer);
	const concern = all.filter(
		(i) =>
			(i.scope === 'sector' && i.municipalityId === context.municipalityId && i.sectorId === context.sectorId) ||
			(i.scope === 'municipality' && i.municipalityId === context.municipalityId) ||
			(i.scope === 'collaboration' && (i.participants.length === 0 || i.participants.includes(context.municipalityId)))
	);
	const out = new Map<string, LinkedInitiative[]>();
	for (const item of definition.items) {
		const linked = concern.filter((i) => i.itemKeys.includes(item.key) || i.dimensions.includes(item.dimension));
		if (linked.length > 0)
			out.set(
				item.key,
				linked.map(({ id, title, status, dueOn, overdue }) => ({ id, title, status, dueOn, overdue }))
			);
	}
	return out;
}

export async function followUp(
	sql: Db,
	viewer: Viewer,
	context: AssessmentContext,
	definition: QuestionnaireDefinition
): Promise<Record<string, ItemFollowUp>> {
	const [lastYear, initiatives] = await Promise.all([lastYearOf(sql, viewer, context, definition), initiativesByItem(sql, viewer, context, definition)]);
	const out: Record<string, ItemFollowUp> = {};
	for (const item of definition.items) {
		const l = lastYear.get(item.key) ?? null;
		const i = initiatives.get(item.key) ?? [];
		if (l || i.length > 0) out[item.key] = { lastYear: l, initiatives: i };
	}
	return out;
}

export interface Suggestion {
	municipalityId: string;
	sectorId: string;
	year: number;
	items: { key: string; text: string; level: number | null; recommendation: string | null }[];
}

/**
 * Where a sector head begins: for each sector the person answers for, the weakest items
 * of its latest closed round, as the disclosure module lets them see the pooled result.
 */
export async function sectorSuggestions(sql: Db, viewer: Viewer, collaborationId: string, locale: Locale): Promise<Suggestion[]> {
	const sectors = viewer.grants.filter((g) => g.role === 'respondent' && g.collaborationId === collaborationId);
	const out: Suggestion[] = [];
	for (const g of sectors) {
		const [latest] = await sql<{ id: string; year: number }[]>`
			select a.id, r.year from assessment a join round r on r.id = a.round_id
			where a.collaboration_id = ${collaborationId} and a.municipality_id = ${g.municipalityId} and a.sector_id = ${g.sectorId} and ${roundState(sql)} = 'closed'
				and exists (select 1 from response x where x.assessment_id = a.id and x.status = 'submitted')
			order by r.year desc limit 1`;
		if (!latest) continue;
		const context = (await assessmentContext(sql, latest.id))!;
		const definition = (await getVersionById(sql, context.versionId))!;
		const reader = { accountable: can(viewer.grants, 'municipality.results', context), team: context.team, userId: viewer.id };
		const view = resultView(definition, disclosePooled(await pooledResult(sql, latest.id, definition), definition, reader), locale);
		out.push({
			municipalityId: context.municipalityId,
			sectorId: context.sectorId,
			year: latest.year,
			items: view.weakest.map((w) => ({ key: w.key, text: w.text, level: w.level, recommendation: w.recommendation }))
		});
	}
	return out;
}

export interface ItemChange {
	key: string;
	/** this round's pooled mean as the reader may see it */
	mean: number | null;
	lastYear: { year: number; mean: number | null } | null;
	/** points since last year, where both are shown */
	change: number | null;
}

/**
 * What the items a sector's initiative addresses did: the sector's latest round with
 * submitted answers against the round before, each through the disclosure module for
 * this reader. Only for a sector's own initiative: a joint or municipality initiative
 * shows no member's numbers.
 */
export async function sectorChange(
	sql: Db,
	viewer: Viewer,
	initiative: { collaborationId: string; municipalityId: string | null; sectorId: string | null; itemKeys: string[]; dimensions: string[] }
): Promise<{ year: number; items: ItemChange[] } | null> {
	const sector = await sectorItemChanges(sql, viewer, initiative);
	return sector && { year: sector.year, items: addressed(sector, initiative) };
}

/** The items an initiative addresses (by key, or by its dimensions), with their change. */
export function addressed(sector: SectorItemChanges, initiative: { itemKeys: string[]; dimensions: string[] }): ItemChange[] {
	return sector.items.filter((c) => initiative.itemKeys.includes(c.key) || initiative.dimensions.includes(c.dimension)).map(({ dimension: _d, ...c }) => c);
}

export interface SectorItemChanges {
	year: number;
	items: (ItemChange & { dimension: string })[];
}

/** Every item of a sector's latest round with submitted answers, with its change since the round before, as this reader may see it. */
export async function sectorItemChanges(
	sql: Db,
	viewer: Viewer,
	sector: { collaborationId: string; municipalityId: string | null; sectorId: string | null }
): Promise<SectorItemChanges | null> {
	const [latest] = await sql<{ id: string; year: number }[]>`
		select a.id, r.year from assessment a join round r on r.id = a.round_id
		where a.collaboration_id = ${sector.collaborationId} and a.municipality_id = ${sector.municipalityId} and a.sector_id = ${sector.sectorId}
			and exists (select 1 from response x where x.assessment_id = a.id and x.status = 'submitted')
		order by r.year desc limit 1`;
	if (!latest) return null;
	const context = (await assessmentContext(sql, latest.id))!;
	const current = (await getVersionById(sql, context.versionId))!;
	const reader = { accountable: can(viewer.grants, 'municipality.results', context), team: context.team, userId: viewer.id };
	const [disclosed, lastYear] = await Promise.all([
		pooledResult(sql, latest.id, current).then((p) => disclosePooled(p, current, reader)),
		lastYearOf(sql, viewer, context, current)
	]);
	return {
		year: latest.year,
		items: current.items.map((item) => {
			const mean = disclosed.items[item.key]?.mean ?? null;
			const before = lastYear.get(item.key);
			return {
				key: item.key,
				dimension: item.dimension,
				mean,
				lastYear: before ? { year: before.year, mean: before.mean } : null,
				change: mean !== null && before?.mean != null ? mean - before.mean : null
			};
		})
	};
}

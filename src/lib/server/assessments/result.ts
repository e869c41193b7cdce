import type { Locale } from '../../i18n';
import { sectorName } from '../collaborations/sectors';
import type { Db } from '../db/index';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import type { DisclosedDimension, DisclosedItem, StoredComment } from '../disclosure/respondents';
import { storedAnswer } from '../scoring/items';
import { dimensionScores, itemScores, levelReached, type Answers, type AnswerValue, type DimensionScore, type PooledItem } from '../scoring/score';

/**
 * The pooled result of one assessment: its submitted responses scored by the pure
 * scoring module (BRIEF §5). One assessment holds at most a few hundred answers, so they
 * are read as they are; the dashboards aggregate in SQL instead.
 */
export interface PooledResult {
	/** submitted responses pooled */
	respondents: number;
	dimensions: DimensionScore[];
	items: Record<string, PooledItem>;
	/** each submitted response's answers (respondent null once their personal data was deleted), for the disclosure rules */
	responses: { respondentId: string | null; answers: Answers }[];
}

export async function pooledResult(sql: Db, assessmentId: string, definition: QuestionnaireDefinition): Promise<PooledResult> {
	const rows = await sql<
		{
			responseId: string;
			respondentId: string | null;
			itemKey: string;
			kind: AnswerValue['kind'];
			level: number | null;
			ticked: string[] | null;
			amount: string | null;
		}[]
	>`
		select r.id as "responseId", r.respondent_id as "respondentId", a.item_key as "itemKey", a.kind, a.level, a.ticked, a.amount
		from response r join answer a on a.response_id = r.id
		where r.assessment_id = ${assessmentId} and r.status = 'submitted' and a.kind is not null`;
	const byResponse = new Map<string, { respondentId: string | null; answers: Map<string, AnswerValue> }>();
	for (const row of rows) {
		const response = byResponse.get(row.responseId) ?? { respondentId: row.respondentId, answers: new Map<string, AnswerValue>() };
		const answer = storedAnswer(row);
		if (answer) response.answers.set(row.itemKey, answer);
		byResponse.set(row.responseId, response);
	}
	const [{ n: submitted } = { n: 0 }] = await sql<{ n: number }[]>`
		select count(*)::int as n from response where assessment_id = ${assessmentId} and status = 'submitted'`;
	const respondents: Answers[] = [...byResponse.values()].map((r) => r.answers);
	const items = definition.items;
	return {
		respondents: submitted,
		dimensions: dimensionScores(definition.scoring, items, respondents),
		items: Object.fromEntries(itemScores(definition.scoring, items, respondents)),
		responses: [...byResponse.values()]
	};
}

/** The comments and evidence links of an assessment's submitted responses, in the order they were submitted (disclosure/respondents.ts decides who reads which). */
export function submittedComments(sql: Db, assessmentId: string): Promise<StoredComment[]> {
	return sql<StoredComment[]>`
		select r.respondent_id as "respondentId", a.item_key as "itemKey", nullif(btrim(a.comment), '') as comment, a.evidence_url as "evidenceUrl"
		from response r join answer a on a.response_id = r.id
		where r.assessment_id = ${assessmentId} and r.status = 'submitted' and (nullif(btrim(a.comment), '') is not null or a.evidence_url is not null)
		order by r.submitted_at, r.id, a.item_key`;
}

/** How many of the weakest items the result recommends for. */
const WEAKEST = 3;

/**
 * The pooled result in the reader's language, as the disclosure module let the reader see
 * it (disclosure/respondents.ts): dimension scores with their level, every item, and the
 * instrument's recommendation for the weakest shown items (the advice for the level the
 * pooled mean sits at).
 */
export function resultView(
	definition: QuestionnaireDefinition,
	pooled: { respondents: number; dimensions: DisclosedDimension[]; items: Record<string, DisclosedItem> },
	locale: Locale
) {
	const band = (level: number | null) => definition.scoring.bands.find((b) => b.level === level)?.label[locale] ?? null;
	const items = definition.items.map((item) => {
		const p = pooled.items[item.key]!;
		return {
			key: item.key,
			dimension: item.dimension,
			text: item.text[locale],
			mean: p.mean,
			n: p.n,
			spread: p.spread,
			dontKnow: p.dontKnow,
			withheld: p.withheld
		};
	});
	const weakest = items
		.filter((i) => i.mean !== null)
		.sort((a, b) => a.mean! - b.mean! || a.key.localeCompare(b.key))
		.slice(0, WEAKEST)
		.map((i) => {
			const item = definition.items.find((x) => x.key === i.key)!;
			const level = levelReached(definition.scoring, i.mean!, item);
			return { key: i.key, text: i.text, mean: i.mean!, level, recommendation: recommendationAt(definition, i.key, i.mean!, locale) };
		});
	const bands = [...definition.scoring.bands].sort((a, b) => a.from - b.from);
	return {
		respondents: pooled.respondents,
		dimensions: pooled.dimensions.map((d) => {
			const inDimension = items.filter((i) => i.dimension === d.dimension && i.n === 0);
			const at = bands.findIndex((b) => b.level === d.level);
			return {
				...d,
				title: definition.dimensions.find((x) => x.key === d.dimension)?.title[locale] ?? d.dimension,
				band: band(d.level),
				// What the coverage leaves out: questions answered only "don't know" or only "not applicable".
				onlyDontKnow: inDimension.filter((i) => (i.dontKnow ?? 0) > 0).length,
				onlyNotApplicable: inDimension.filter((i) => (i.dontKnow ?? 0) === 0 && (pooled.items[i.key]?.notApplicable ?? 0) > 0).length,
				// the band the score lies in, to explain its level
				bandRange: at < 0 ? null : { from: bands[at]!.from, to: bands[at + 1]?.from ?? 100 }
			};
		}),
		items,
		weakest,
		// how to read the figures: the rule for showing a score and the bands of the levels
		minimumCoverage: definition.scoring.coverage,
		bands: bands.map((b) => ({ level: b.level, from: b.from, name: b.label[locale] }))
	};
}

export type ResultView = ReturnType<typeof resultView>;

/** The instrument's advice for the point an item's pooled mean has reached; null where the item has none. */
export function recommendationAt(definition: QuestionnaireDefinition, itemKey: string, mean: number, locale: Locale): string | null {
	const item = definition.items.find((x) => x.key === itemKey)!;
	const point = levelReached(definition.scoring, mean, item);
	return point === null ? null : (item.recommendations?.[point - 1]?.[locale] ?? null);
}

/** What an assessment is: its municipality, its sector (in `locale`) and its round's year. */
export async function aboutAssessment(sql: Db, assessmentId: string, locale: Locale) {
	const [about] = await sql<{ municipality: string; sector: string; year: number; municipalityId: string }[]>`
		select m.name as municipality, ${sectorName(sql, locale)} as sector, r.year, m.id as "municipalityId"
		from assessment a join municipality m on m.id = a.municipality_id join sector s on s.id = a.sector_id join round r on r.id = a.round_id
		where a.id = ${assessmentId}`;
	return about!;
}

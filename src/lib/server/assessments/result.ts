import type { Db } from '../db/index';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import { dimensionScores, itemScores, type Answers, type AnswerValue, type DimensionScore, type PooledItem } from '../scoring/score';

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
}

export async function pooledResult(sql: Db, assessmentId: string, definition: QuestionnaireDefinition): Promise<PooledResult> {
	const rows = await sql<{ responseId: string; itemKey: string; kind: AnswerValue['kind']; level: number | null }[]>`
		select r.id as "responseId", a.item_key as "itemKey", a.kind, a.level
		from response r join answer a on a.response_id = r.id
		where r.assessment_id = ${assessmentId} and r.status = 'submitted' and a.kind is not null`;
	const byResponse = new Map<string, Map<string, AnswerValue>>();
	for (const row of rows) {
		const answers = byResponse.get(row.responseId) ?? new Map<string, AnswerValue>();
		answers.set(row.itemKey, row.kind === 'level' ? { kind: 'level', level: row.level as 1 | 2 | 3 | 4 | 5 } : { kind: row.kind });
		byResponse.set(row.responseId, answers);
	}
	const [{ n: submitted } = { n: 0 }] = await sql<{ n: number }[]>`
		select count(*)::int as n from response where assessment_id = ${assessmentId} and status = 'submitted'`;
	const respondents: Answers[] = [...byResponse.values()];
	const items = definition.items.map((i) => ({ key: i.key, dimension: i.dimension, weight: i.weight }));
	return {
		respondents: submitted,
		dimensions: dimensionScores(definition.scoring, items, respondents),
		items: Object.fromEntries(itemScores(definition.scoring, items, respondents))
	};
}

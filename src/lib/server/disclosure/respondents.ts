/**
 * What people who answer one assessment together learn of each other (BRIEF §6,
 * docs/privacy.md). In a confidential team (the default) a respondent knows their own
 * answers, so any pooled number over fewer than three of them gives the others' away:
 * - an item's pooled mean is shown only from 3 level answers on (or when the one level
 *   answer is the reader's own), and not when it would leave one of the others a single
 *   possible answer (all at the bottom or all at the top); its spread only as a standard
 *   deviation, from 4 on,
 *   since mean and deviation of two unknown answers pin both; never min and max, never
 *   counts of "don't know" or "not applicable" per item;
 * - a dimension's score is shown only when every item in it with an answer is shown (it
 *   is a weighted mean of them: one hidden item could be solved for), and its
 *   don't-know rate only from 3 respondents on.
 * In an open team, and for those accountable for the sector (its coordinator and the
 * leadership team), the pooled result is the sector's answer and is shown whole.
 */
import { itemValue, type Answers, type DimensionScore, type PooledItem, type ScoredItem, type ScoringRules } from '../scoring/score';

export const teams = ['confidential', 'open'] as const;
export type Team = (typeof teams)[number];

/** A confidential team's pooled numbers need this many answers (the reader's own among them). */
export const MIN_POOLED = 3;
/** …and a standard deviation one more: with the mean it fixes two unknown answers. */
export const MIN_SPREAD = 4;

export type RespondentWithheld = 'respondents' | 'complementary';

export interface DisclosedItem extends Omit<PooledItem, 'spread' | 'dontKnow' | 'notApplicable'> {
	spread: { min: number | null; max: number | null; sd: number } | null;
	dontKnow: number | null;
	notApplicable: number | null;
	withheld: RespondentWithheld | null;
}

export interface DisclosedDimension extends Omit<DimensionScore, 'dontKnowRate'> {
	dontKnowRate: number | null;
	withheld: RespondentWithheld | null;
}

export interface Reader {
	/** the coordinator or leadership team of the municipality: they read the sector's answer whole */
	accountable: boolean;
	team: Team;
	/** the reader, whose own answers are among the responses */
	userId: string | null;
}

export interface Pooled {
	respondents: number;
	dimensions: readonly DimensionScore[];
	items: Readonly<Record<string, PooledItem>>;
	responses: readonly { respondentId: string | null; answers: Answers }[];
}

export function disclosePooled(
	pooled: Pooled,
	definition: { items: readonly ScoredItem[]; scoring: Pick<ScoringRules, 'values'> },
	reader: Reader
): { respondents: number; dimensions: DisclosedDimension[]; items: Record<string, DisclosedItem> } {
	const items = definition.items;
	const own = pooled.responses.find((r) => reader.userId !== null && r.respondentId === reader.userId)?.answers ?? new Map();
	const others = pooled.responses.filter((r) => reader.userId === null || r.respondentId !== reader.userId);
	const othersValues = (key: string) =>
		others.flatMap((r) => {
			const answer = r.answers.get(key);
			const value = answer ? itemValue(definition.scoring, answer) : null;
			return value === null ? [] : [{ organisation: String(r.respondentId), value }];
		});
	const whole = reader.accountable || reader.team === 'open' || pooled.respondents <= 1;
	const disclosedItems = Object.fromEntries(
		Object.entries(pooled.items).map(([key, item]): [string, DisclosedItem] => {
			if (whole) return [key, { ...item, withheld: null }];
			const ownLevel = own.get(key)?.kind === 'level';
			const values = othersValues(key);
			const shown = item.n === 0 || (item.n === 1 && ownLevel) || (item.n >= MIN_POOLED && !pinsAnAnswer(values, definition.scoring.values));
			return [
				key,
				{
					mean: shown ? item.mean : null,
					n: item.n,
					spread: shown && item.n >= MIN_SPREAD && item.spread ? { min: null, max: null, sd: item.spread.sd } : null,
					dontKnow: null,
					notApplicable: null,
					withheld: shown ? null : 'respondents'
				}
			];
		})
	);
	const dimensions = pooled.dimensions.map((d): DisclosedDimension => {
		if (whole) return { ...d, withheld: null };
		const answered = items.filter((i) => i.dimension === d.dimension && (pooled.items[i.key]?.n ?? 0) > 0);
		const hidden = answered.filter((i) => disclosedItems[i.key]!.withheld);
		const rate = pooled.respondents >= MIN_POOLED ? d.dontKnowRate : null;
		if (hidden.length === 0) return { ...d, dontKnowRate: rate, withheld: null };
		return { ...d, score: null, level: null, dontKnowRate: rate, withheld: hidden.length === answered.length ? 'respondents' : 'complementary' };
	});
	return { respondents: pooled.respondents, dimensions, items: disclosedItems };
}

/** A comment or evidence link a respondent gave with an answer, as stored. */
export interface StoredComment {
	respondentId: string | null;
	itemKey: string;
	comment: string | null;
	evidenceUrl: string | null;
}

export interface DisclosedComment {
	comment: string | null;
	evidenceUrl: string | null;
	/** the reader's own */
	own: boolean;
}

/**
 * Comments and evidence links beside the pooled result, per item, never with a name.
 * Those accountable for the sector and an open team read them all. In a confidential
 * team each reads only their own: a comment gives its writer's view away as surely as
 * their answer, and with few respondents its wording tells who wrote it.
 */
export function discloseComments(comments: readonly StoredComment[], reader: Reader): Record<string, DisclosedComment[]> {
	const whole = reader.accountable || reader.team === 'open';
	const byItem: Record<string, DisclosedComment[]> = {};
	for (const c of comments) {
		const own = reader.userId !== null && c.respondentId === reader.userId;
		if (!whole && !own) continue;
		if (!c.comment && !c.evidenceUrl) continue;
		(byItem[c.itemKey] ??= []).push({ comment: c.comment, evidenceUrl: c.evidenceUrl, own });
	}
	return byItem;
}

/**
 * Does the sum of these answers' values leave one of them a single possible answer? Each
 * lies in [sum − top·(m − 1), sum] within the scale; the answer values inside that range
 * are what it could have been.
 */
export function pinsAnAnswer(values: readonly { value: number }[], answerValues: readonly number[]): boolean {
	if (values.length === 0) return false;
	const [bottom, top] = [Math.min(...answerValues), Math.max(...answerValues)];
	const sum = values.reduce((s, v) => s + v.value, 0);
	const low = Math.max(bottom, sum - top * (values.length - 1));
	const high = Math.min(top, sum - bottom * (values.length - 1));
	return answerValues.filter((v) => v >= low - 1e-9 && v <= high + 1e-9).length <= 1;
}

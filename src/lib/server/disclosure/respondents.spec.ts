import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dimensionScores, itemScores, type Answers, type AnswerValue, type ScoredItem } from '../scoring/score';
import { discloseComments, disclosePooled, MIN_POOLED, type Reader } from './respondents';

const rules = { values: [0, 25, 50, 75, 100], coverage: 0.6, bands: [{ level: 1, from: 0 }] };
const items: ScoredItem[] = [
	{ key: 'a1', dimension: 'a', weight: 1 },
	{ key: 'a2', dimension: 'a', weight: 1 },
	{ key: 'b1', dimension: 'b', weight: 1 }
];
const level = (l: number): AnswerValue => ({ kind: 'level', level: l as 1 });
const answers = (entries: Record<string, AnswerValue>): Answers => new Map(Object.entries(entries));

/** The respondents' answers pooled; respondent i is `r<i>`, and the reader is r0 unless said otherwise. */
function pooled(respondents: Answers[]) {
	return {
		respondents: respondents.length,
		dimensions: dimensionScores(rules, items, respondents),
		items: Object.fromEntries(itemScores(rules, items, respondents)),
		responses: respondents.map((answers, i) => ({ respondentId: `r${i}`, answers }))
	};
}
const definition = { items, scoring: rules };
const confidential = (userId: string | null = 'r0'): Reader => ({ accountable: false, team: 'confidential', userId });

describe('disclosePooled', () => {
	it('shows a confidential team of two nothing pooled: the mean and my answer would give the other’s', () => {
		const mine = answers({ a1: level(2), a2: level(3), b1: level(4) });
		const theirs = answers({ a1: level(5), a2: level(1), b1: level(2) });
		const result = disclosePooled(pooled([mine, theirs]), definition, confidential());
		expect(Object.values(result.items).map((i) => i.mean)).toEqual([null, null, null]);
		expect(result.dimensions.map((d) => [d.score, d.withheld])).toEqual([
			[null, 'respondents'],
			[null, 'respondents']
		]);
		expect(result.dimensions.every((d) => d.dontKnowRate === null)).toBe(true);
	});

	it('shows a confidential team of three the means, never min and max or per-item counts; the deviation only from four', () => {
		const three = [
			answers({ a1: level(2), a2: level(3), b1: level(4) }),
			answers({ a1: level(5), a2: level(1), b1: level(2) }),
			answers({ a1: level(3), a2: level(3), b1: level(3) })
		];
		const result = disclosePooled(pooled(three), definition, confidential());
		expect(result.items.a1!.mean).toBeCloseTo((25 + 100 + 50) / 3, 9);
		expect(result.items.a1!.spread).toBeNull();
		expect(result.items.a1!.dontKnow).toBeNull();
		expect(result.dimensions.every((d) => d.score !== null && d.withheld === null)).toBe(true);

		const four = [...three, answers({ a1: level(1), a2: level(2), b1: level(5) })];
		const spread = disclosePooled(pooled(four), definition, confidential()).items.a1!.spread!;
		expect(spread.min).toBeNull();
		expect(spread.max).toBeNull();
		expect(spread.sd).toBeGreaterThan(0);
	});

	it('hides a dimension whose score would let one hidden item be solved for', () => {
		// a2 has two level answers among three respondents: hidden; a1 shown; dimension a would give a2.
		const three = [
			answers({ a1: level(2), a2: level(3), b1: level(4) }),
			answers({ a1: level(5), a2: level(1), b1: level(2) }),
			answers({ a1: level(3), a2: { kind: 'dont_know' }, b1: level(3) })
		];
		const result = disclosePooled(pooled(three), definition, confidential());
		expect(result.items.a2!.withheld).toBe('respondents');
		expect(result.items.a1!.mean).not.toBeNull();
		expect(result.dimensions.find((d) => d.dimension === 'a')).toMatchObject({ score: null, withheld: 'complementary' });
		expect(result.dimensions.find((d) => d.dimension === 'b')!.score).not.toBeNull();
	});

	it('shows an open team, those accountable for the sector, and a lone respondent everything', () => {
		const two = [answers({ a1: level(2), a2: level(3), b1: level(4) }), answers({ a1: level(5), a2: level(1), b1: level(2) })];
		for (const reader of [
			{ ...confidential(), team: 'open' as const },
			{ ...confidential(null), accountable: true }
		]) {
			const result = disclosePooled(pooled(two), definition, reader);
			expect(Object.values(result.items).every((i) => i.mean !== null && i.withheld === null)).toBe(true);
		}
		const alone = disclosePooled(pooled([two[0]!]), definition, confidential());
		expect(alone.dimensions.every((d) => d.score !== null)).toBe(true);
	});

	it('hides a mean that would pin the others: all of them at the bottom of the scale', () => {
		const three = [
			answers({ a1: level(4), a2: level(3), b1: level(4) }),
			answers({ a1: level(1), a2: level(1), b1: level(2) }),
			answers({ a1: level(1), a2: level(5), b1: level(3) })
		];
		const result = disclosePooled(pooled(three), definition, confidential());
		expect(result.items.a1!.withheld).toBe('respondents');
		expect(result.items.a2!.mean).not.toBeNull();
	});

	it('never shows a confidential respondent a pooled number over fewer than three answers besides their own alone', () => {
		const answerArb = fc.oneof(fc.integer({ min: 1, max: 5 }).map(level), fc.constant<AnswerValue>({ kind: 'dont_know' }), fc.constant(undefined));
		const respondentArb = fc.tuple(answerArb, answerArb, answerArb).map(([a1, a2, b1]) => {
			const entries = Object.entries({ a1, a2, b1 }).filter((e): e is [string, AnswerValue] => e[1] !== undefined);
			return new Map(entries);
		});
		fc.assert(
			fc.property(fc.array(respondentArb, { minLength: 2, maxLength: 6 }), (team) => {
				const result = disclosePooled(pooled(team), definition, confidential());
				for (const item of items) {
					const shown = result.items[item.key]!;
					const ownLevel = team[0]!.get(item.key)?.kind === 'level';
					if (shown.mean !== null) expect(shown.n >= MIN_POOLED || (shown.n === 1 && ownLevel)).toBe(true);
					expect(shown.spread?.min ?? null).toBeNull();
				}
				for (const d of result.dimensions) {
					if (d.score === null) continue;
					for (const item of items.filter((i) => i.dimension === d.dimension)) expect(result.items[item.key]!.withheld).toBeNull();
				}
			})
		);
	});
});

describe('discloseComments', () => {
	const comments = [
		{ respondentId: 'r0', itemKey: 'a1', comment: 'Vi har en plan', evidenceUrl: null },
		{ respondentId: 'r1', itemKey: 'a1', comment: 'Planen er ikke vedtatt', evidenceUrl: 'https://example.no/plan' },
		{ respondentId: 'r2', itemKey: 'b1', comment: null, evidenceUrl: 'https://example.no/avtale' },
		{ respondentId: null, itemKey: 'b1', comment: 'Fra en som er slettet', evidenceUrl: null }
	];

	it('gives those accountable and an open team every comment and link, without a name, and marks the reader’s own', () => {
		const accountable = discloseComments(comments, { accountable: true, team: 'confidential', userId: null });
		expect(accountable.a1).toEqual([
			{ comment: 'Vi har en plan', evidenceUrl: null, own: false },
			{ comment: 'Planen er ikke vedtatt', evidenceUrl: 'https://example.no/plan', own: false }
		]);
		expect(accountable.b1).toHaveLength(2);
		const open = discloseComments(comments, { accountable: false, team: 'open', userId: 'r1' });
		expect(open.a1!.map((c) => c.own)).toEqual([false, true]);
		expect(JSON.stringify(open)).not.toContain('r0');
	});

	it('gives a member of a confidential team their own comments only', () => {
		expect(discloseComments(comments, confidential('r0'))).toEqual({ a1: [{ comment: 'Vi har en plan', evidenceUrl: null, own: true }] });
		expect(discloseComments(comments, confidential(null))).toEqual({});
	});
});

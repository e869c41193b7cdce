import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsScale, itemScale, possibleScores, scoreOf, type AnswerValue, type ScaleSource } from './items';
import { dimensionScores, poolItem, type Answers, type ScoredItem } from './score';

/** Every item type, as a questionnaire file may write it; the properties below hold for each. */
const versionValues = [0, 25, 50, 75, 100];
const nonDecreasing = (min: number, max: number) =>
	fc.array(fc.integer({ min: 0, max: 100 }), { minLength: min, maxLength: max }).map((v) => v.sort((a, b) => a - b));
const bands = (maxFrom: number) =>
	fc
		.uniqueArray(fc.integer({ min: 1, max: maxFrom }), { minLength: 1, maxLength: 6 })
		.chain((froms) =>
			nonDecreasing(froms.length + 1, froms.length + 1).map((scores) => [0, ...froms.sort((a, b) => a - b)].map((from, i) => ({ from, score: scores[i]! })))
		);

const sources: Record<string, fc.Arbitrary<ScaleSource>> = {
	scale: fc.oneof(
		fc.integer({ min: 3, max: 7 }).map((n) => ({ type: 'scale' as const, levels: Array(n).fill('x') })),
		nonDecreasing(3, 7).map((values) => ({ type: 'scale' as const, levels: values.map(() => 'x'), values }))
	),
	'yes-partly-no': fc.oneof(
		fc.constant({ type: 'yes-partly-no' as const }),
		nonDecreasing(3, 3).map((values) => ({ type: 'yes-partly-no' as const, values }))
	),
	checklist: fc.array(fc.option(fc.double({ min: 0.1, max: 10, noNaN: true }), { nil: undefined }), { minLength: 2, maxLength: 8 }).chain((weights) =>
		fc.boolean().map((none) => ({
			type: 'checklist' as const,
			options: [...weights.map((weight, i) => ({ key: `o${i}`, weight })), ...(none ? [{ key: 'none', exclusive: true }] : [])]
		}))
	),
	percent: bands(100).map((score_bands) => ({ type: 'percent' as const, score_bands })),
	'count-band': bands(50).map((score_bands) => ({ type: 'count-band' as const, score_bands }))
};

/** An answer that fits the item, and one "more" of it (a higher point, more ticked, a larger amount). */
function answerPair(source: ScaleSource): fc.Arbitrary<[AnswerValue, AnswerValue]> {
	const scale = itemScale(versionValues, source);
	if (scale.type === 'points') {
		const point = fc.integer({ min: 1, max: scale.values.length });
		return fc.tuple(point, point).map(([a, b]) => [
			{ kind: 'level', level: Math.min(a, b) },
			{ kind: 'level', level: Math.max(a, b) }
		]);
	}
	if (scale.type === 'checklist') {
		const keys = scale.options.filter((o) => !o.exclusive).map((o) => o.key);
		return fc.subarray(keys, { minLength: 1 }).chain((more) =>
			fc.subarray(more, { minLength: 1 }).map((less): [AnswerValue, AnswerValue] => [
				{ kind: 'ticked', ticked: less },
				{ kind: 'ticked', ticked: more }
			])
		);
	}
	const amount = scale.integer ? fc.integer({ min: 0, max: 80 }) : fc.double({ min: 0, max: scale.max ?? 100, noNaN: true });
	return fc.tuple(amount, amount).map(([a, b]) => [
		{ kind: 'amount', amount: Math.min(a, b) },
		{ kind: 'amount', amount: Math.max(a, b) }
	]);
}

describe.each(Object.entries(sources))('a %s item', (_, source) => {
	it('scores every answer it accepts within 0..100, among its possible scores', () => {
		fc.assert(
			fc.property(
				source.chain((s) => answerPair(s).map((pair) => ({ s, pair }))),
				({ s, pair }) => {
					const scale = itemScale(versionValues, s);
					for (const answer of pair) {
						expect(fitsScale(scale, answer)).toBe(true);
						const score = scoreOf(scale, answer)!;
						expect(score).toBeGreaterThanOrEqual(0);
						expect(score).toBeLessThanOrEqual(100);
						expect(possibleScores(scale).some((p) => Math.abs(p - score) < 1e-9)).toBe(true);
					}
				}
			)
		);
	});

	it('never scores more of an answer lower (a higher point, more ticked, a larger amount)', () => {
		fc.assert(
			fc.property(
				source.chain((s) => answerPair(s).map((pair) => ({ s, pair }))),
				({ s, pair: [less, more] }) => {
					const scale = itemScale(versionValues, s);
					expect(scoreOf(scale, more)!).toBeGreaterThanOrEqual(scoreOf(scale, less)! - 1e-9);
				}
			)
		);
	});

	it("treats not applicable and don't know as no score: adding them changes neither the item nor its dimension", () => {
		fc.assert(
			fc.property(
				source.chain((s) => fc.array(answerPair(s), { minLength: 1, maxLength: 5 }).map((pairs) => ({ s, answers: pairs.map((p) => p[0]) }))),
				fc.integer({ min: 1, max: 4 }),
				({ s, answers }, extra) => {
					const item: ScoredItem = { key: 'd.item', dimension: 'd', weight: 1, ...s };
					const other: ScoredItem = { key: 'd.other', dimension: 'd', weight: 2 };
					const respondents: Answers[] = answers.map(
						(a) =>
							new Map([
								['d.item', a],
								['d.other', { kind: 'level', level: 3 }]
							])
					);
					const neutral: Answers[] = Array.from({ length: extra }, (_, i) => new Map([['d.item', i % 2 ? { kind: 'not_applicable' } : { kind: 'dont_know' }]]));
					const before = poolItem({ values: versionValues }, answers, s);
					const after = poolItem({ values: versionValues }, [...answers, ...neutral.map((r) => r.get('d.item'))], s);
					expect([after.mean, after.n]).toEqual([before.mean, before.n]);
					const rules = {
						values: versionValues,
						coverage: 0.6,
						bands: [
							{ level: 1, from: 0 },
							{ level: 2, from: 50 }
						]
					};
					const score = (rs: Answers[]) => dimensionScores(rules, [item, other], rs)[0]!.score;
					expect(score([...respondents, ...neutral])).toBe(score(respondents));
				}
			)
		);
	});

	it('refuses an answer of another kind', () => {
		fc.assert(
			fc.property(source, (s) => {
				const scale = itemScale(versionValues, s);
				const wrong: AnswerValue[] = [
					{ kind: 'level', level: 99 },
					{ kind: 'ticked', ticked: ['nope'] },
					{ kind: 'amount', amount: -1 }
				];
				for (const answer of wrong) expect(fitsScale(scale, answer)).toBe(false);
			})
		);
	});
});

describe('item scales', () => {
	it("spaces a scale without values evenly, and keeps the version's values for as many points", () => {
		expect(itemScale(versionValues, { levels: [1, 2, 3] })).toEqual({ type: 'points', values: [0, 50, 100] });
		expect(itemScale([0, 20, 50, 80, 100], { levels: [1, 2, 3, 4, 5] })).toEqual({ type: 'points', values: [0, 20, 50, 80, 100] });
		expect(itemScale(versionValues, { type: 'yes-partly-no' })).toEqual({ type: 'points', values: [0, 50, 100] });
	});

	it('scores a checklist as the weighted share ticked, "none of these" alone and as 0', () => {
		const scale = itemScale(versionValues, { type: 'checklist', options: [{ key: 'a', weight: 3 }, { key: 'b' }, { key: 'none', exclusive: true }] });
		expect(scoreOf(scale, { kind: 'ticked', ticked: ['a'] })).toBe(75);
		expect(scoreOf(scale, { kind: 'ticked', ticked: ['a', 'b'] })).toBe(100);
		expect(scoreOf(scale, { kind: 'ticked', ticked: ['none'] })).toBe(0);
		expect(fitsScale(scale, { kind: 'ticked', ticked: ['none', 'a'] })).toBe(false);
		expect(fitsScale(scale, { kind: 'ticked', ticked: [] })).toBe(false);
	});

	it('scores an amount by the highest band it reaches; a count is whole, a percent at most 100', () => {
		const bands = [
			{ from: 0, score: 0 },
			{ from: 25, score: 40 },
			{ from: 75, score: 100 }
		];
		const percent = itemScale(versionValues, { type: 'percent', score_bands: bands });
		expect([0, 24.9, 25, 74, 75, 100].map((amount) => scoreOf(percent, { kind: 'amount', amount }))).toEqual([0, 0, 40, 40, 100, 100]);
		expect(fitsScale(percent, { kind: 'amount', amount: 101 })).toBe(false);
		const count = itemScale(versionValues, { type: 'count-band', score_bands: bands });
		expect(fitsScale(count, { kind: 'amount', amount: 1000 })).toBe(true);
		expect(fitsScale(count, { kind: 'amount', amount: 2.5 })).toBe(false);
	});
});

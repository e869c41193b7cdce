import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definition } from '../questionnaires/fixtures';
import {
	dimensionScores,
	itemScores,
	itemValue,
	levelOf,
	levelReached,
	meanWithDistribution,
	pointLevels,
	poolItem,
	type AnswerValue,
	type Answers,
	type Level,
	type ScoredItem,
	type ScoringRules
} from './score';

// The fixture's scoring (values 0..100, coverage 0.6, bands from 0, 20, 40, 60, 80) typechecks as rules.
const rules: ScoringRules = definition().scoring;

const level = (l: Level): AnswerValue => ({ kind: 'level', level: l });
const NA: AnswerValue = { kind: 'not_applicable' };
const DK: AnswerValue = { kind: 'dont_know' };
const answers = (entries: Record<string, AnswerValue>): Answers => new Map(Object.entries(entries));
const item = (key: string, weight = 1): ScoredItem => ({ key, dimension: key.split('.')[0]!, weight });

describe('itemValue', () => {
	it('maps levels to the version values and gives no value for N/A or don’t know', () => {
		expect([1, 2, 3, 4, 5].map((l) => itemValue(rules, level(l as Level)))).toEqual([0, 25, 50, 75, 100]);
		expect(itemValue({ values: [10, 20, 30, 40, 90] }, level(5))).toBe(90);
		expect(itemValue(rules, NA)).toBeNull();
		expect(itemValue(rules, DK)).toBeNull();
	});
});

describe('poolItem', () => {
	it('pools levels over respondents and counts the rest apart', () => {
		const pooled = poolItem(rules, [level(1), level(3), level(5), DK, NA, undefined, DK]);
		expect(pooled).toEqual({ mean: 50, n: 3, spread: { min: 0, max: 100, sd: 50 }, dontKnow: 2, notApplicable: 1 });
	});

	it('reports no spread below three respondents, and no mean without a level', () => {
		expect(poolItem(rules, [level(2), level(4)])).toEqual({ mean: 50, n: 2, spread: null, dontKnow: 0, notApplicable: 0 });
		expect(poolItem(rules, [DK, NA, undefined])).toEqual({ mean: null, n: 0, spread: null, dontKnow: 1, notApplicable: 1 });
	});

	it('reports spread exactly when n ≥ 3', () => {
		fc.assert(
			fc.property(fc.array(fc.option(answerArb, { nil: undefined })), (given) => {
				const pooled = poolItem(rules, given);
				expect(pooled.spread === null).toBe(pooled.n < 3);
			})
		);
	});
});

describe('dimensionScores', () => {
	it('weights the pooled item means and normalises over the answered items', () => {
		const items = [item('culture.a', 2), item('culture.b', 1), item('culture.c', 1), item('tech.a')];
		const respondents = [
			answers({ 'culture.a': level(5), 'culture.b': level(1), 'culture.c': DK, 'tech.a': NA }),
			answers({ 'culture.a': level(3), 'culture.b': level(1), 'culture.c': DK })
		];
		// culture: a = 75 (weight 2), b = 0 (weight 1), c unanswered → (2·75 + 0) / 3 = 50 over 3/4 of the weight.
		expect(dimensionScores(rules, items, respondents)).toEqual([
			{ dimension: 'culture', score: 50, level: 3, coverage: 0.75, answeredItems: 2, totalItems: 3, dontKnowRate: 2 / 6 },
			{ dimension: 'tech', score: null, level: null, coverage: 0, answeredItems: 0, totalItems: 1, dontKnowRate: 0 }
		]);
	});

	it('shows a score at exactly the coverage share and none below it', () => {
		const items = ['a', 'b', 'c', 'd', 'e'].map((k) => item(`culture.${k}`));
		const threeOfFive = [answers({ 'culture.a': level(4), 'culture.b': level(4), 'culture.c': level(4) })];
		const twoOfFive = [answers({ 'culture.a': level(4), 'culture.b': level(4), 'culture.c': DK })];
		expect(dimensionScores(rules, items, threeOfFive)[0]).toMatchObject({ score: 75, coverage: 0.6 });
		expect(dimensionScores(rules, items, twoOfFive)[0]).toMatchObject({ score: null, level: null, coverage: 0.4 });
	});

	it('is the normalised weighted mean within 0..100, and never shows a number below the coverage rule', () => {
		fc.assert(
			fc.property(caseArb, ({ rules, items, respondents }) => {
				const pooled = itemScores(rules, items, respondents);
				for (const d of dimensionScores(rules, items, respondents)) {
					expect(d.coverage).toBeGreaterThanOrEqual(0);
					expect(d.coverage).toBeLessThanOrEqual(1);
					expect(d.dontKnowRate).toBeGreaterThanOrEqual(0);
					expect(d.dontKnowRate).toBeLessThanOrEqual(1);
					if (d.coverage < rules.coverage - 1e-9) expect([d.score, d.level]).toEqual([null, null]);
					if (d.score === null) continue;
					expect(d.score).toBeGreaterThanOrEqual(0);
					expect(d.score).toBeLessThanOrEqual(100);
					const answered = items.filter((it) => it.dimension === d.dimension && pooled.get(it.key)!.mean !== null);
					const weight = answered.reduce((sum, it) => sum + it.weight, 0);
					expect(d.score).toBeCloseTo(
						answered.reduce((sum, it) => sum + (it.weight / weight) * pooled.get(it.key)!.mean!, 0),
						9
					);
					expect(d.level).toBe(levelOf(rules, d.score));
				}
			})
		);
	});

	it('never lowers a dimension score when one answer is raised', () => {
		fc.assert(
			fc.property(caseArb, fc.nat(), fc.nat(), fc.integer({ min: 2, max: 5 }), ({ rules, items, respondents }, r, i, raise) => {
				fc.pre(respondents.length > 0);
				const who = r % respondents.length;
				const target = items[i % items.length]!;
				const before = respondents[who]!.get(target.key);
				fc.pre(before?.kind === 'level' && before.level < raise);
				const raised = respondents.map((a, j) => (j === who ? new Map([...a, [target.key, level(raise as Level)]]) : a));
				const scoreOf = (rs: readonly Answers[]) => dimensionScores(rules, items, rs).find((d) => d.dimension === target.dimension)!;
				const [was, is] = [scoreOf(respondents), scoreOf(raised)];
				expect(is.coverage).toBe(was.coverage);
				expect(is.score ?? -1).toBeGreaterThanOrEqual(was.score ?? -1);
			})
		);
	});

	it('is unchanged by N/A on unanswered items and by a respondent who answered only N/A', () => {
		fc.assert(
			fc.property(caseArb, fc.func(fc.boolean()), ({ rules, items, respondents }, addNA) => {
				const withNA = respondents.map(
					(a, j) => new Map([...a, ...items.filter((it) => !a.has(it.key) && addNA(j, it.key)).map((it) => [it.key, NA] as const)])
				);
				const allNA = new Map(items.map((it) => [it.key, NA]));
				const scores = (rs: readonly Answers[]) => dimensionScores(rules, items, rs).map(({ dontKnowRate: _, ...rest }) => rest);
				expect(scores(withNA)).toEqual(scores(respondents));
				expect(scores([...respondents, allNA])).toEqual(scores(respondents));
			})
		);
	});

	it('does not depend on the order of respondents', () => {
		const shuffled = caseArb.chain((c) =>
			fc.record({
				c: fc.constant(c),
				order: fc.shuffledSubarray(c.respondents, { minLength: c.respondents.length, maxLength: c.respondents.length })
			})
		);
		fc.assert(
			fc.property(shuffled, ({ c, order }) => {
				expect(dimensionScores(c.rules, c.items, order)).toEqual(dimensionScores(c.rules, c.items, c.respondents));
			})
		);
	});

	it('does not change when every weight is scaled by the same factor', () => {
		fc.assert(
			fc.property(caseArb, fc.constantFrom(0.1, 0.5, 2, 3, 7, 10), ({ rules, items, respondents }, factor) => {
				const scaled = items.map((it) => ({ ...it, weight: it.weight * factor }));
				const [was, is] = [dimensionScores(rules, items, respondents), dimensionScores(rules, scaled, respondents)];
				is.forEach((d, i) => {
					const before = was[i]!;
					expect(d.score === null).toBe(before.score === null);
					expect(d.coverage).toBeCloseTo(before.coverage, 9);
					if (d.score !== null) expect(d.score).toBeCloseTo(before.score!, 9);
				});
			})
		);
	});
});

describe('levelOf', () => {
	it('bands a score by the highest band starting at or below it', () => {
		expect([0, 19.99, 20, 39.999, 40, 79.99, 80, 100].map((s) => levelOf(rules, s))).toEqual([1, 1, 2, 2, 3, 4, 5, 5]);
		expect(levelOf(rules, null)).toBeNull();
	});
});

describe('meanWithDistribution', () => {
	it('gives the mean and linearly interpolated quartiles of the scores that exist', () => {
		expect(meanWithDistribution([40, null, 10, 30, 20])).toEqual({ mean: 25, n: 4, min: 10, q1: 17.5, median: 25, q3: 32.5, max: 40 });
		expect(meanWithDistribution([70])).toEqual({ mean: 70, n: 1, min: 70, q1: 70, median: 70, q3: 70, max: 70 });
		expect(meanWithDistribution([null, null])).toBeNull();
	});

	it('bands the averaged score, never the average of levels', () => {
		// Three sectors at 19, 19 and 100: their levels 1, 1, 5 average to 2.3, but the municipality scores 46: level 3.
		const municipality = meanWithDistribution([19, 19, 100])!;
		expect(municipality.mean).toBe(46);
		expect(levelOf(rules, municipality.mean)).toBe(3);
	});

	it('keeps min ≤ q1 ≤ median ≤ q3 ≤ max, the mean within, whatever the order', () => {
		const scores = fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }), { minLength: 1 });
		fc.assert(
			fc.property(scores, (values) => {
				const d = meanWithDistribution(values);
				fc.pre(d !== null);
				expect([d!.min, d!.q1, d!.median, d!.q3, d!.max]).toEqual([d!.min, d!.q1, d!.median, d!.q3, d!.max].sort((a, b) => a - b));
				expect(d!.mean).toBeGreaterThanOrEqual(d!.min);
				expect(d!.mean).toBeLessThanOrEqual(d!.max);
				expect(meanWithDistribution([...values].reverse())).toEqual(d);
			})
		);
	});
});

const answerArb: fc.Arbitrary<AnswerValue> = fc.oneof(fc.constantFrom<Level>(1, 2, 3, 4, 5).map(level), fc.constant(NA), fc.constant(DK));

/** Random rules (non-decreasing whole values, coverage 0.1 … 1), items in up to three dimensions, and respondents. */
const caseArb = fc
	.record({
		values: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 5, maxLength: 5 }).map((v) => v.sort((a, b) => a - b)),
		coverage: fc.integer({ min: 1, max: 10 }).map((c) => c / 10),
		items: fc.array(fc.record({ dimension: fc.constantFrom('a', 'b', 'c'), weight: fc.integer({ min: 1, max: 10 }) }), {
			minLength: 1,
			maxLength: 8
		})
	})
	.chain(({ values, coverage, items }) => {
		const scored = items.map((it, i) => ({ ...it, key: `${it.dimension}.i${i}` }));
		const respondent = fc
			.tuple(...scored.map(() => fc.option(answerArb, { nil: undefined })))
			.map((given) => new Map(scored.flatMap((it, i) => (given[i] ? [[it.key, given[i]] as const] : []))) as Answers);
		return fc.record({
			rules: fc.constant<ScoringRules>({ values, coverage, bands: rules.bands }),
			items: fc.constant(scored),
			respondents: fc.array(respondent, { maxLength: 6 })
		});
	});

describe('levelReached', () => {
	it('is the highest level whose value the mean has reached', () => {
		const rules = { values: [0, 25, 50, 75, 100] };
		expect([0, 24.9, 25, 62.5, 99, 100].map((m) => levelReached(rules, m))).toEqual([1, 1, 2, 3, 4, 5]);
	});
});

describe('pointLevels', () => {
	it('gives each point of a scale the band its value falls in, whatever the number of points', () => {
		expect(pointLevels(rules, { levels: [1, 2, 3, 4, 5] })).toEqual([1, 2, 3, 4, 5]);
		// three points: 0, 50, 100
		expect(pointLevels(rules, { levels: [1, 2, 3] })).toEqual([1, 3, 5]);
		// seven points: 0, 16.7, 33.3, 50, 66.7, 83.3, 100
		expect(pointLevels(rules, { levels: [1, 2, 3, 4, 5, 6, 7] })).toEqual([1, 1, 2, 3, 4, 5, 5]);
	});
	it('has no levels for an item without points', () => {
		expect(pointLevels(rules, { type: 'checklist', options: [{ key: 'a' }] })).toBeNull();
		expect(pointLevels(rules, { type: 'percent', score_bands: [{ from: 0, score: 0 }] })).toBeNull();
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definition } from '../questionnaires/fixtures';
import { dimensionScores, type AnswerValue, type Answers, type ScoringRules } from './score';
import { studentTQuantile } from './student-t';
import {
	assessmentInterval,
	differs,
	intervalFromSpread,
	meanInterval,
	pooledPrior,
	PRIOR_DF,
	respondentScores,
	scalePrior,
	Z95,
	type Interval
} from './uncertainty';

const rules: ScoringRules = definition().scoring;
const prior = scalePrior(rules);
const level = (l: 1 | 2 | 3 | 4 | 5): AnswerValue => ({ kind: 'level', level: l });
const scoreArb = fc.double({ min: 0, max: 100, noNaN: true });
const sdArb = fc.double({ min: 0, max: 70, noNaN: true });
const priorArb = fc.record({ sd: fc.double({ min: 0.5, max: 40, noNaN: true }), df: fc.double({ min: 0.5, max: PRIOR_DF, noNaN: true }) });
const partArb = fc.record({ score: scoreArb, se: fc.double({ min: 0, max: 30, noNaN: true }) });

describe('the spread to assume', () => {
	it('is one level step of the scale by default', () => {
		expect(scalePrior(rules)).toEqual({ sd: 25, df: PRIOR_DF });
		expect(scalePrior({ values: [10, 20, 30, 40, 90] })).toEqual({ sd: 20, df: PRIOR_DF });
	});

	it('is the pooled spread within assessments when there are enough of them', () => {
		// Within-group deviations ±5 in every group of two: pooled sd = √(50 / 1) per group = √50.
		const groups = Array.from({ length: 40 }, (_, i) => [i, i + 10]);
		expect(pooledPrior([...groups, [70]], prior)).toEqual({ sd: Math.sqrt(50), df: PRIOR_DF });
		expect(pooledPrior(groups.slice(0, 29), prior)).toBe(prior);
		expect(pooledPrior([], prior)).toBe(prior);
	});
});

describe('respondentScores', () => {
	it('scores each respondent over the items they answered, with the version’s weights', () => {
		const items = [
			{ key: 'culture.a', dimension: 'culture', weight: 3 },
			{ key: 'culture.b', dimension: 'culture', weight: 1 },
			{ key: 'tech.a', dimension: 'tech', weight: 1 }
		];
		const respondents: Answers[] = [
			new Map([
				['culture.a', level(5)],
				['culture.b', level(1)]
			]),
			new Map([
				['culture.b', level(3)],
				['tech.a', { kind: 'dont_know' }]
			])
		];
		expect(respondentScores(rules, items, respondents)).toEqual(
			new Map([
				['culture', [75, 50]],
				['tech', []]
			])
		);
	});
});

describe('assessmentInterval', () => {
	it('is the moderated t interval around the pooled score', () => {
		// n = 3, s = 10, prior sd 25 with 3 df: s̃² = (3·625 + 2·100) / 5 = 415; t(0.975; 5) = 2.5706.
		const got = assessmentInterval(52, [40, 50, 60], prior)!;
		const half = studentTQuantile(0.975, 5) * Math.sqrt(415 / 3);
		expect(got.score).toBe(52);
		expect(got.upper - got.score).toBeCloseTo(half, 9);
		expect(got.se * Z95).toBeCloseTo(half, 9);
		expect(assessmentInterval(null, [1], prior)).toBeNull();
		expect(assessmentInterval(50, [], prior)).toBeNull();
	});

	it('takes the pooled score from score.ts, not the mean of the respondents', () => {
		const items = [
			{ key: 'culture.a', dimension: 'culture', weight: 1 },
			{ key: 'culture.b', dimension: 'culture', weight: 1 }
		];
		const respondents: Answers[] = [
			new Map([
				['culture.a', level(5)],
				['culture.b', level(1)]
			]),
			new Map([['culture.a', level(3)]])
		];
		const pooled = dimensionScores(rules, items, respondents)[0]!.score!; // (75 + 0) / 2
		const own = respondentScores(rules, items, respondents).get('culture')!; // 50 and 50
		expect(assessmentInterval(pooled, own, prior)!.score).toBe(37.5);
	});

	it('contains the score and stays within 0..100', () => {
		fc.assert(
			fc.property(scoreArb, fc.array(scoreArb, { minLength: 1, maxLength: 30 }), priorArb, (score, own, p) => {
				const { lower, upper } = assessmentInterval(score, own, p)!;
				expect(lower).toBeLessThanOrEqual(score);
				expect(upper).toBeGreaterThanOrEqual(score);
				expect(lower).toBeGreaterThanOrEqual(0);
				expect(upper).toBeLessThanOrEqual(100);
			})
		);
	});

	it('is never of zero width for one respondent, or for several who agree', () => {
		fc.assert(
			fc.property(scoreArb, fc.integer({ min: 1, max: 30 }), priorArb, (score, n, p) => {
				const got = assessmentInterval(score, Array(n).fill(score), p)!;
				expect(got.se).toBeGreaterThan(0);
				expect(got.upper).toBeGreaterThan(got.lower);
			})
		);
	});

	it('narrows with more respondents at the same spread', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 60 }), sdArb, priorArb, (n, sd, p) => {
				expect(intervalFromSpread(50, n + 1, sd, p).se).toBeLessThan(intervalFromSpread(50, n, sd, p).se);
			}),
			{ numRuns: 500 }
		);
		// From one respondent to two, when the two disagree no more than assumed.
		fc.assert(
			fc.property(priorArb, fc.double({ min: 0, max: 1, noNaN: true }), (p, share) => {
				expect(intervalFromSpread(50, 2, share * p.sd, p).se).toBeLessThan(intervalFromSpread(50, 1, 0, p).se);
			})
		);
	});

	it('widens with more disagreement', () => {
		fc.assert(
			fc.property(fc.integer({ min: 2, max: 30 }), sdArb, sdArb, priorArb, (n, a, b, p) => {
				const [lo, hi] = a <= b ? [a, b] : [b, a];
				expect(intervalFromSpread(50, n, lo, p).se).toBeLessThanOrEqual(intervalFromSpread(50, n, hi, p).se);
			})
		);
	});

	it('refuses a prior without spread, which would give zero width', () => {
		expect(() => intervalFromSpread(50, 1, 0, { sd: 0, df: 3 })).toThrow(RangeError);
	});
});

describe('meanInterval', () => {
	it('is the mean of the parts with se = √(Σ seᵢ²) / k, adding nothing for the spread between them', () => {
		const got = meanInterval([
			{ score: 20, se: 3 },
			{ score: 80, se: 4 }
		])!;
		expect(got).toMatchObject({ score: 50, se: 2.5 });
		expect(got.lower).toBeCloseTo(50 - Z95 * 2.5, 12);
		expect(meanInterval([])).toBeNull();
	});

	it('grows with any part’s uncertainty, and is never less sure than the surest part allows', () => {
		fc.assert(
			fc.property(fc.array(partArb, { minLength: 1, maxLength: 16 }), fc.nat(), fc.double({ min: 0, max: 20, noNaN: true }), (parts, pick, more) => {
				const i = pick % parts.length;
				const wider = parts.map((p, j) => (j === i ? { ...p, se: p.se + more } : p));
				const [before, after] = [meanInterval(parts)!, meanInterval(wider)!];
				expect(after.se).toBeGreaterThanOrEqual(before.se);
				expect(after.upper - after.lower).toBeGreaterThanOrEqual(before.upper - before.lower - 1e-9);
				expect(before.se).toBeLessThanOrEqual(Math.max(...parts.map((p) => p.se)) + 1e-12);
				expect(before.se).toBeGreaterThanOrEqual(Math.max(...parts.map((p) => p.se)) / parts.length - 1e-12);
			})
		);
	});

	it('does not depend on the order of the parts', () => {
		fc.assert(
			fc.property(fc.array(partArb, { minLength: 1, maxLength: 10 }), (parts) => {
				expect(meanInterval([...parts].reverse())).toEqual(meanInterval(parts));
			})
		);
	});
});

describe('differs', () => {
	it('calls out a difference only beyond the combined noise', () => {
		// Threshold: 1.96 · √(3² + 4²) = 9.8.
		expect(differs({ score: 60, se: 3 }, { score: 50.3, se: 4 })).toBe(false);
		expect(differs({ score: 60, se: 3 }, { score: 50.1, se: 4 })).toBe(true);
	});

	it('is symmetric and false for equal scores', () => {
		fc.assert(
			fc.property(partArb, partArb, (a, b) => {
				expect(differs(a, b)).toBe(differs(b, a));
				expect(differs(a, { ...b, score: a.score })).toBe(false);
			})
		);
	});

	it('holds whenever two intervals do not overlap', () => {
		const toInterval = (p: { score: number; se: number }): Interval => ({ ...p, lower: p.score - Z95 * p.se, upper: p.score + Z95 * p.se });
		fc.assert(
			fc.property(partArb, partArb, (a, b) => {
				const [x, y] = [toInterval(a), toInterval(b)];
				if (x.upper < y.lower || y.upper < x.lower) expect(differs(a, b)).toBe(true);
			})
		);
	});
});

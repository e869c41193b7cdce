import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definition } from '../questionnaires/fixtures';
import { displayScore } from './display';
import { levelOf, type ScoringRules } from './score';

// Bands from 0, 20, 40, 60, 80.
const rules: ScoringRules = definition().scoring;

/** Bands as the loader accepts them: from 0, ascending, boundaries with at most one decimal. */
const bandsArb = fc
	.uniqueArray(fc.integer({ min: 1, max: 999 }), { minLength: 1, maxLength: 9 })
	.map((tenths) => ({ bands: [0, ...tenths.sort((a, b) => a - b)].map((t, i) => ({ level: i + 1, from: t / 10 })) }));
const scoreArb = fc.double({ min: 0, max: 100, noNaN: true });
/** Scores right at and around boundaries, where rounding goes wrong. */
const nearBoundaryArb = fc
	.tuple(fc.integer({ min: 0, max: 1000 }), fc.double({ min: -0.1, max: 0.1, noNaN: true }))
	.map(([t, d]) => Math.min(100, Math.max(0, t / 10 + d)));
const anyScore = fc.oneof(scoreArb, nearBoundaryArb);
const isTenth = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;

describe('displayScore', () => {
	it.each([
		[59.954, 59.9, 3],
		[59.95, 59.9, 3],
		[59.9499, 59.9, 3],
		[59.96, 59.9, 3],
		[59.99999, 59.9, 3],
		[60, 60, 4],
		[60.04, 60, 4],
		[60.05, 60.1, 4],
		[19.96, 19.9, 1],
		[45.25, 45.3, 3],
		[45.24, 45.2, 3],
		[99.96, 100, 5],
		[0, 0, 1],
		[0.04, 0, 1]
	])('shows %f as %f at level %i', (score, value, level) => {
		expect(displayScore(rules, score)).toEqual({ value, level });
	});

	it('shows nothing for no score', () => {
		expect(displayScore(rules, null)).toBeNull();
	});

	it('handles boundaries that are not whole numbers', () => {
		const thirds = { bands: [0, 33.3, 66.7].map((from, i) => ({ level: i + 1, from })) };
		expect(displayScore(thirds, 33.27)).toEqual({ value: 33.2, level: 1 });
		expect(displayScore(thirds, 33.3)).toEqual({ value: 33.3, level: 2 });
		expect(displayScore(thirds, 66.66)).toEqual({ value: 66.6, level: 2 });
	});

	it('the level shown belongs to the number shown and to the exact score', () => {
		fc.assert(
			fc.property(bandsArb, anyScore, (bands, score) => {
				const shown = displayScore(bands, score);
				expect(levelOf(bands, shown.value)).toBe(levelOf(bands, score));
				expect(shown.level).toBe(levelOf(bands, score));
			}),
			{ numRuns: 2000 }
		);
	});

	it('moves a score by at most 0.1, and by at most 0.05 unless a boundary is just above it', () => {
		fc.assert(
			fc.property(bandsArb, anyScore, (bands, score) => {
				const { value } = displayScore(bands, score);
				expect(isTenth(value)).toBe(true);
				expect(Math.abs(value - score)).toBeLessThanOrEqual(0.1 + 1e-9);
				const rounded = Math.round(score * 10) / 10;
				if (levelOf(bands, rounded) === levelOf(bands, score)) expect(Math.abs(value - score)).toBeLessThanOrEqual(0.05 + 1e-9);
			}),
			{ numRuns: 2000 }
		);
	});

	it('is idempotent', () => {
		fc.assert(
			fc.property(bandsArb, anyScore, (bands, score) => {
				const once = displayScore(bands, score);
				expect(displayScore(bands, once.value)).toEqual(once);
			}),
			{ numRuns: 2000 }
		);
	});

	it('never shows a higher score lower', () => {
		fc.assert(
			fc.property(bandsArb, anyScore, anyScore, (bands, a, b) => {
				const [lo, hi] = a <= b ? [a, b] : [b, a];
				expect(displayScore(bands, lo).value).toBeLessThanOrEqual(displayScore(bands, hi).value);
			}),
			{ numRuns: 2000 }
		);
	});
});

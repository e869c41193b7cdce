import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumGroupSize, sizeClass } from './peers';

describe('sizeClass', () => {
	it('puts each boundary population in the class it starts', () => {
		const populations = [0, 4_999, 5_000, 19_999, 20_000, 49_999, 50_000, 700_000];
		expect(populations.map(sizeClass)).toEqual(['lt5k', 'lt5k', '5k-20k', '5k-20k', '20k-50k', '20k-50k', 'gt50k', 'gt50k']);
	});

	it('refuses a population that is not a number ≥ 0', () => {
		for (const population of [-1, Number.NaN, Infinity]) expect(() => sizeClass(population)).toThrow(RangeError);
	});
});

describe('minimumGroupSize', () => {
	it('defaults to 5, keeps whole numbers from 3 up, and clamps lower ones to 3', () => {
		const configured = [undefined, 3, 4, 10, 2, 1, 0, -7];
		expect(configured.map(minimumGroupSize)).toEqual([5, 3, 4, 10, 3, 3, 3, 3]);
	});

	it('falls back to the default for a malformed setting', () => {
		expect([2.5, Number.NaN, Infinity, -Infinity].map(minimumGroupSize)).toEqual([5, 5, 5, 5]);
	});

	it('is a whole number, never below 3', () => {
		fc.assert(
			fc.property(fc.oneof(fc.double(), fc.integer()), (k) => {
				expect(Number.isInteger(minimumGroupSize(k))).toBe(true);
				expect(minimumGroupSize(k)).toBeGreaterThanOrEqual(3);
			})
		);
	});
});

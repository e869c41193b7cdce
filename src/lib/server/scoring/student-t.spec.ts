import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from './student-t';

describe('studentTQuantile', () => {
	// Two-sided 95 % critical values from the standard tables.
	it.each([
		[1, 12.7062],
		[2, 4.3027],
		[3, 3.1824],
		[4, 2.7764],
		[5, 2.5706],
		[10, 2.2281],
		[30, 2.0423],
		[120, 1.9799],
		[Infinity, 1.96]
	])('t(0.975; %f) = %f', (df, t) => {
		expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
	});

	it('gives other levels and fractional degrees of freedom', () => {
		expect(studentTQuantile(0.995, 3)).toBeCloseTo(5.8409, 3);
		expect(studentTQuantile(0.5, 7)).toBeCloseTo(0, 9);
		expect(studentTQuantile(0.975, 2.5)).toBeGreaterThan(studentTQuantile(0.975, 3));
		expect(studentTQuantile(0.975, 2.5)).toBeLessThan(studentTQuantile(0.975, 2));
	});

	it('inverts the distribution function and falls with more degrees of freedom', () => {
		fc.assert(
			fc.property(fc.double({ min: 0.5, max: 0.999, noNaN: true }), fc.double({ min: 0.5, max: 1000, noNaN: true }), (p, df) => {
				const t = studentTQuantile(p, df);
				expect(studentTCdf(t, df)).toBeCloseTo(p, 9);
				expect(studentTQuantile(p, df + 1)).toBeLessThanOrEqual(t + 1e-6);
			})
		);
	});

	it('refuses what has no quantile', () => {
		expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
		expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
	});
});

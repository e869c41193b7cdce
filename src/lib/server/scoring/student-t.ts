/**
 * Quantiles of Student's t distribution, for intervals from a handful of respondents
 * (docs/scoring.md, "Noise"). Degrees of freedom may be fractional (a prior's weight
 * plus n − 1). The distribution function is the regularised incomplete beta function
 * (Numerical Recipes §6.4, continued fraction by Lentz's method); the quantile is found
 * by bisection, which is slow only in theory: 100 halvings of [0, 10⁶] reach double precision.
 */

/**
 * The p-quantile (0.5 ≤ p < 1) of Student's t with `df` > 0 degrees of freedom. Beyond
 * 10⁷ degrees of freedom (Infinity too) it is that of 10⁷, within 3·10⁻⁷ of the normal quantile.
 */
export function studentTQuantile(p: number, df: number): number {
	if (!(p >= 0.5 && p < 1)) throw new RangeError(`p must be in [0.5, 1), not ${p}`);
	if (!(df > 0)) throw new RangeError(`degrees of freedom must be above 0, not ${df}`);
	// A dashboard asks for the same few (p, df) pairs for every cell: a bisection costs ~40 µs.
	const key = `${p}:${df}`;
	const known = quantiles.get(key);
	if (known !== undefined) return known;
	const quantile = bisect(p, df);
	if (quantiles.size < 10_000) quantiles.set(key, quantile);
	return quantile;
}

const quantiles = new Map<string, number>();

function bisect(p: number, df: number): number {
	// Further out, ln Γ of huge arguments loses more digits than t and the normal distribution differ by.
	const nu = Math.min(df, 1e7);
	let lo = 0;
	let hi = 1e6;
	for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
		const mid = (lo + hi) / 2;
		if (studentTCdf(mid, nu) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
	const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
	// The continued fraction converges fast only below this point; above it, use the symmetry.
	return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	d = 1 / (Math.abs(d) < tiny ? tiny : d);
	let h = d;
	for (let m = 1; m <= 10_000; m++) {
		for (const numerator of [(m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)), (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))]) {
			d = 1 + numerator * d;
			d = 1 / (Math.abs(d) < tiny ? tiny : d);
			c = 1 + numerator / c;
			if (Math.abs(c) < tiny) c = tiny;
			h *= d * c;
		}
		if (Math.abs(d * c - 1) < 1e-15) break;
	}
	return h;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 15 significant digits). */
function lnGamma(x: number): number {
	const g = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
		9.9843695780195716e-6, 1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
	const z = x - 1;
	let sum = g[0]!;
	for (let i = 1; i < 9; i++) sum += g[i]! / (z + i);
	const t = z + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

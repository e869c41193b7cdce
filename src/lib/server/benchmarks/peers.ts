/**
 * Peer groups for benchmarks (BRIEF §6): municipalities are compared with others of
 * their size class, and no group is shown with fewer than k organisations.
 */

export const sizeClasses = ['lt5k', '5k-20k', '20k-50k', 'gt50k'] as const;
export type SizeClass = (typeof sizeClasses)[number];

/** Each class holds the populations below its bound (and at or above the previous one). */
export const sizeClassBounds: readonly { sizeClass: SizeClass; below: number }[] = [
	{ sizeClass: 'lt5k', below: 5_000 },
	{ sizeClass: '5k-20k', below: 20_000 },
	{ sizeClass: '20k-50k', below: 50_000 },
	{ sizeClass: 'gt50k', below: Number.MAX_SAFE_INTEGER }
];

/** Size class by population: < 5 000, 5 000–19 999, 20 000–49 999, ≥ 50 000. */
export function sizeClass(population: number): SizeClass {
	if (!Number.isFinite(population) || population < 0) throw new RangeError(`a population must be a number ≥ 0, not ${population}`);
	return sizeClassBounds.find((b) => population < b.below)?.sizeClass ?? 'gt50k';
}

export const DEFAULT_MINIMUM_GROUP_SIZE = 5;
/** Below three, one member of a group could subtract itself and see the other. */
export const LOWEST_MINIMUM_GROUP_SIZE = 3;

/**
 * The k of "at least k organisations": the configured whole number, never below 3;
 * a missing or malformed setting falls back to the default rather than to no protection.
 */
export function minimumGroupSize(configured?: number): number {
	if (configured === undefined || !Number.isInteger(configured)) return DEFAULT_MINIMUM_GROUP_SIZE;
	return Math.max(configured, LOWEST_MINIMUM_GROUP_SIZE);
}

/**
 * The disclosure policy (BRIEF §6, docs/privacy.md): how large a group must be, and how
 * wide a hidden value's range must stay for a person who combines everything shown.
 */
import { DEFAULT_MINIMUM_GROUP_SIZE, minimumGroupSize } from '../benchmarks/peers';

export interface Policy {
	/** a group is shown only with at least k organisations, and k besides the viewer's own */
	k: number;
	/** points: a hidden value must stay undetermined by at least this much either way */
	width: number;
}

export const DEFAULT_PROTECTION_WIDTH = 10;

export function policyOf(settings: { k?: number; width?: number } = {}): Policy {
	return { k: minimumGroupSize(settings.k ?? DEFAULT_MINIMUM_GROUP_SIZE), width: settings.width ?? DEFAULT_PROTECTION_WIDTH };
}

/**
 * Why a number is not shown, for the person who reads the page:
 * - too_few: the group has fewer than k organisations;
 * - insider: fewer than k once the viewer's own organisations are taken out;
 * - dominance: its members' scores are so alike (all near 0 or 100) that the number would pin them;
 * - difference: it would show what changed since a number published earlier;
 * - complementary: shown, it would let another hidden number be worked out.
 */
export const hiddenReasons = ['too_few', 'insider', 'dominance', 'difference', 'complementary'] as const;
export type HiddenReason = (typeof hiddenReasons)[number];

/** Scores run from 0 to 100: the bounds an attacker knows for every unknown value. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

/**
 * The interval a value v must keep open: v ± width, cut to the scale. A feasible range
 * that covers it protects v.
 */
export function protectionInterval(value: number, width: number): { low: number; high: number } {
	return { low: Math.max(SCORE_MIN, value - width), high: Math.min(SCORE_MAX, value + width) };
}

/** Floating-point slack when comparing ranges that the solver computed. */
export const TOLERANCE = 1e-6;

import type { MessageKey } from './index';

/** A scale point's band: the level its score counts as, and that level's name. */
export interface PointLevel {
	level: number;
	name: string;
}

/**
 * A point of a scale as the answering page, the review and the results name it. Where the
 * point's number is its level (the reference instrument's five points), "Nivå 3 – Definert";
 * on a scale of 3, 4, 6 or 7 points the two differ, and both are said: "Svar 2 – nivå 3
 * Definert". Without bands, the point alone: "Nivå 2".
 */
export function pointLabel(
	t: (key: MessageKey, params?: Record<string, string | number>) => string,
	point: number,
	band: PointLevel | null | undefined
): string {
	if (!band) return t('answer.level', { level: point });
	return band.level === point
		? t('answer.level_named', { level: point, name: band.name })
		: t('answer.point_at_level', { point, level: band.level, name: band.name });
}

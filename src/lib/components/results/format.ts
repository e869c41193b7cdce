import type { I18n } from '$lib/i18n/context';

/** A score as the dashboards show it: one decimal, in the reader's number format; a dash for none. */
export function formatScore(i18n: Pick<I18n, 'number'>, score: number | null | undefined): string {
	return score === null || score === undefined ? '—' : i18n.number(score, 1);
}

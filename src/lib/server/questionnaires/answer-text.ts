import { pointLabel } from '../../i18n/point-label';
import { formatList, formatNumber, type Locale } from '../../i18n';
import { translate } from '../i18n';
import type { AnswerValue } from '../scoring/items';
import { pointLevels } from '../scoring/score';
import type { QuestionnaireDefinition } from './schema';

/**
 * An item's possible answers and a given answer as text in the reader's language, for
 * results and exports: a scale's descriptors, yes/partly/no, a checklist's options, an
 * amount with its unit. Reads the item as the file wrote it; what answers score is the
 * scoring module's.
 */
type Item = QuestionnaireDefinition['items'][number];
type Scoring = QuestionnaireDefinition['scoring'];

const YES_PARTLY_NO = ['answer.no', 'answer.partly', 'answer.yes'] as const;

/** The alternatives the item offers, lowest first (a scale's descriptors, the options), or a description of the amount. */
export function answerTexts(item: Item, locale: Locale): string[] {
	switch (item.type ?? 'scale') {
		case 'yes-partly-no':
			return YES_PARTLY_NO.map((key) => translate(locale, key));
		case 'checklist':
			return (item.options ?? []).map((o) => o.text[locale]);
		case 'percent':
		case 'count-band':
			return (item.score_bands ?? []).map((b) => `≥ ${formatNumber(locale, b.from)}${item.type === 'percent' ? ' %' : ''} → ${formatNumber(locale, b.score)}`);
		default:
			return (item.levels ?? []).map((l) => l[locale]);
	}
}

/**
 * The level each point of a scale item counts as, with the band's name ("Definert"), as
 * the scoring module places the point's value in the version's bands; null for an item of
 * another type (yes/partly/no says what it means itself).
 */
export function pointNames(item: Item, scoring: Scoring, locale: Locale): { level: number; name: string }[] | null {
	if ((item.type ?? 'scale') !== 'scale') return null;
	const levels = pointLevels(scoring, item);
	return levels?.map((level) => ({ level, name: scoring.bands.find((b) => b.level === level)?.label[locale] ?? '' })) ?? null;
}

/**
 * One answer as a reader sees it: "Nivå 3", "Delvis", the options ticked, "40 %", "3 tjenester".
 * Given the version's scoring, a scale's point carries its level's name: "Nivå 3 – Definert".
 */
export function answerText(item: Item, answer: AnswerValue, locale: Locale, scoring?: Scoring): string {
	switch (answer.kind) {
		case 'dont_know':
			return translate(locale, 'answer.dont_know');
		case 'not_applicable':
			return translate(locale, 'answer.not_applicable');
		case 'level':
			return item.type === 'yes-partly-no'
				? translate(locale, YES_PARTLY_NO[answer.level - 1] ?? 'answer.yes')
				: pointLabel((key, params) => translate(locale, key, params), answer.level, scoring ? pointNames(item, scoring, locale)?.[answer.level - 1] : null);
		case 'ticked':
			return formatList(
				locale,
				answer.ticked.map((key) => item.options?.find((o) => o.key === key)?.text[locale] ?? key)
			);
		case 'amount': {
			const amount = formatNumber(locale, answer.amount, Number.isInteger(answer.amount) ? 0 : 1);
			return item.type === 'percent' ? `${amount} %` : `${amount}${item.unit ? ` ${item.unit[locale]}` : ''}`;
		}
	}
}

import type { Locale } from '../../i18n';
import { answerText } from '../questionnaires/answer-text';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import { storedAnswer } from '../scoring/items';
import type { StoredAnswer } from './response-lifecycle';

/**
 * "Check your answers" before submitting (the GOV.UK pattern): every item of the version,
 * by dimension, with what the person answered as the results and exports word it
 * (answer-text.ts), the descriptor of the point chosen, and their comment, evidence link
 * or reason for "not applicable". Pure, over the version and the stored answers.
 */
export interface ReviewedItem {
	key: string;
	text: string;
	/** unanswered: no row, or a row with only a comment */
	kind: 'answer' | 'dont_know' | 'not_applicable' | 'unanswered';
	/** "Nivå 3 – Definert", "Delvis", the options ticked, "40 %"; null when unanswered */
	answer: string | null;
	/** the chosen point's descriptor on a scale item */
	descriptor: string | null;
	naReason: string | null;
	comment: string | null;
	evidenceUrl: string | null;
}

export interface ReviewedDimension {
	dimension: string;
	title: string;
	items: ReviewedItem[];
}

export function reviewAnswers(definition: QuestionnaireDefinition, answers: Record<string, StoredAnswer>, locale: Locale): ReviewedDimension[] {
	return definition.dimensions.map((d) => ({
		dimension: d.key,
		title: d.title[locale],
		items: definition.items
			.filter((item) => item.dimension === d.key)
			.map((item): ReviewedItem => {
				const stored = answers[item.key];
				const value = stored ? storedAnswer(stored) : null;
				const kind = value === null ? 'unanswered' : value.kind === 'dont_know' || value.kind === 'not_applicable' ? value.kind : 'answer';
				const descriptor = value?.kind === 'level' && (item.type ?? 'scale') === 'scale' ? (item.levels?.[value.level - 1]?.[locale] ?? null) : null;
				return {
					key: item.key,
					text: item.text[locale],
					kind,
					answer: value ? answerText(item, value, locale, definition.scoring) : null,
					descriptor,
					naReason: value?.kind === 'not_applicable' ? (stored?.naReason ?? null) : null,
					comment: stored?.comment || null,
					evidenceUrl: stored?.evidenceUrl || null
				};
			})
	}));
}

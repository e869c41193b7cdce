import type { PointLevel } from '../../i18n/point-label';
import type { Locale } from '../../i18n';
import { pointNames } from '../questionnaires/answer-text';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import type { StoredAnswer } from './response-lifecycle';

/**
 * The answering page's steps: one per dimension, in the version's order, then review.
 * Pure, so what "resume" means is tested without a server.
 */
export interface Step {
	dimension: string;
	title: string;
	description: string;
	itemKeys: string[];
}

/** How the item is answered, in the reader's language: the widget the page shows. */
export type StepAnswer =
	/**
	 * a scale (each point with its descriptor and the name of the level it counts as) or
	 * yes/partly/no (no descriptors, no names), lowest point first
	 */
	| { type: 'points'; yesPartlyNo: boolean; points: string[]; names: PointLevel[] | null }
	| { type: 'checklist'; options: { key: string; text: string; exclusive: boolean }[] }
	| { type: 'amount'; percent: boolean; unit: string | null };

export interface StepItem {
	key: string;
	text: string;
	help: string;
	answer: StepAnswer;
	allowNa: boolean;
}

type Item = QuestionnaireDefinition['items'][number];

export function stepAnswer(item: Item, locale: Locale, scoring: QuestionnaireDefinition['scoring']): StepAnswer {
	switch (item.type ?? 'scale') {
		case 'yes-partly-no':
			return { type: 'points', yesPartlyNo: true, points: ['', '', ''], names: null };
		case 'checklist':
			return { type: 'checklist', options: (item.options ?? []).map((o) => ({ key: o.key, text: o.text[locale], exclusive: o.exclusive ?? false })) };
		case 'percent':
			return { type: 'amount', percent: true, unit: null };
		case 'count-band':
			return { type: 'amount', percent: false, unit: item.unit?.[locale] ?? null };
		default:
			return {
				type: 'points',
				yesPartlyNo: false,
				points: (item.levels ?? []).map((l) => l[locale]),
				names: pointNames(item, scoring, locale)
			};
	}
}

export function steps(definition: QuestionnaireDefinition, locale: Locale): Step[] {
	return definition.dimensions.map((d) => ({
		dimension: d.key,
		title: d.title[locale],
		description: d.description[locale],
		itemKeys: definition.items.filter((i) => i.dimension === d.key).map((i) => i.key)
	}));
}

export function stepItems(definition: QuestionnaireDefinition, dimension: string, locale: Locale): StepItem[] {
	return definition.items
		.filter((i) => i.dimension === dimension)
		.map((i) => ({ key: i.key, text: i.text[locale], help: i.help[locale], answer: stepAnswer(i, locale, definition.scoring), allowNa: i.allow_na }));
}

/** An item counts as answered once it has a level, "don't know" or "not applicable". */
export function answeredKeys(answers: Record<string, Pick<StoredAnswer, 'kind'>>): string[] {
	return Object.entries(answers).flatMap(([key, a]) => (a.kind ? [key] : []));
}

/**
 * Where to resume: the first unanswered item in the steps' order, or the review step
 * once everything is answered.
 */
export function resumeAt(allSteps: readonly Step[], answered: ReadonlySet<string>): { dimension: string; itemKey: string } | 'review' {
	for (const step of allSteps) {
		const itemKey = step.itemKeys.find((k) => !answered.has(k));
		if (itemKey) return { dimension: step.dimension, itemKey };
	}
	return 'review';
}

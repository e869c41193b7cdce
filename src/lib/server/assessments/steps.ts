import type { Locale } from '../../i18n';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import type { StoredAnswer } from './answering';

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

export interface StepItem {
	key: string;
	text: string;
	help: string;
	/** the five level descriptors, level 1 first */
	levels: string[];
	allowNa: boolean;
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
		.map((i) => ({ key: i.key, text: i.text[locale], help: i.help[locale], levels: i.levels.map((l) => l[locale]), allowNa: i.allow_na }));
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

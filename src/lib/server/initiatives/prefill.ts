import type { Locale } from '../../i18n';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import { itemScale } from '../scoring/items';

/**
 * What a new initiative starts with when it is planned from an item (where to begin, a
 * gap, an item's result): the item, its dimension, the next level as the aim, and the
 * instrument's advice for the level reached as the description, with its links. Never a
 * score: the level comes from the page the planner was allowed to read, and only the aim
 * (one above it) is kept.
 */
export interface Prefill {
	title: string;
	description: string;
	itemKeys: string[];
	dimensions: string[];
	targetLevel: number | null;
	links: { publisher: string; url: string; title: string }[];
}

export function prefillFromItem(definition: QuestionnaireDefinition, itemKey: string, level: number | null, locale: Locale): Prefill | null {
	const item = definition.items.find((i) => i.key === itemKey);
	if (!item) return null;
	// Only items answered on points (a scale, yes-partly-no) have a level to start from and aim above.
	const scale = itemScale(definition.scoring.values, item);
	const points = scale.type === 'points' ? scale.values.length : 0;
	const reached = level !== null && level >= 1 && level <= points ? level : null;
	const advice = reached === null ? undefined : item.advice?.find((a) => a.level === reached);
	const links = (advice?.links ?? []).map((l) => ({ publisher: l.publisher, url: l.url, title: l.title[locale] }));
	const description = [
		reached === null ? null : (item.recommendations?.[reached - 1]?.[locale] ?? null),
		advice?.text?.[locale] ?? null,
		...links.map((l) => `${l.title}: ${l.url}`)
	]
		.filter((s): s is string => s !== null)
		.join('\n\n');
	return {
		title: item.text[locale].slice(0, 200),
		description,
		itemKeys: [item.key],
		dimensions: [],
		targetLevel: reached === null ? null : Math.min(reached + 1, points),
		links
	};
}

/** A whole dimension, as from a gap to a target. */
export function prefillFromDimension(definition: QuestionnaireDefinition, dimension: string, targetLevel: number | null, locale: Locale): Prefill | null {
	const d = definition.dimensions.find((x) => x.key === dimension);
	if (!d) return null;
	return { title: d.title[locale], description: d.description[locale], itemKeys: [], dimensions: [d.key], targetLevel, links: [] };
}

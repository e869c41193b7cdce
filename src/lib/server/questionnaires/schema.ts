import { z } from 'zod';

/**
 * The questionnaire file format (docs/questionnaire-format.md) as a Zod schema.
 * Rules that span several fields (unique keys, an item's dimension, ascending bands)
 * are checks on the whole definition, so every problem is reported at once with the
 * path where it sits.
 */

const PLACEHOLDER = /\b(todo|tbd|fixme|xxx|lorem ipsum)\b/i;

const nonEmptyText = z
	.string({ error: 'must be text' })
	.trim()
	.min(1, 'must not be empty')
	.max(5000, 'is longer than 5,000 characters')
	.refine((s) => !PLACEHOLDER.test(s), 'is placeholder text');

export const localisedText = z.strictObject(
	{
		nb: nonEmptyText,
		sv: nonEmptyText,
		en: nonEmptyText
	},
	{ error: 'must give the text in nb, sv and en' }
);
export type LocalisedText = z.infer<typeof localisedText>;

export const dimensionKey = z.string({ error: 'must be text' }).regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case key like "culture"');
export const itemKey = z
	.string({ error: 'must be text' })
	.regex(/^[a-z][a-z0-9-]{0,39}\.[a-z0-9][a-z0-9-]{0,59}$/, 'must look like "<dimension>.<name>" in lower case');

export const crosswalkStatus = z.enum(['identical', 'reworded', 'changed', 'new', 'retired'], {
	error: 'must be identical, reworded, changed, new or retired'
});
export type CrosswalkStatus = z.infer<typeof crosswalkStatus>;

const fiveTexts = (what: string) =>
	z.array(localisedText, { error: `must be a list of five ${what}` }).length(5, `needs exactly five ${what} (level 1 … 5)`);

/** Where a link to national guidance comes from: the Norwegian and Swedish agencies and associations, or another. */
export const advicePublishers = ['digdir', 'ks', 'digg', 'skr', 'other'] as const;

const adviceLink = z.strictObject({
	publisher: z.enum(advicePublishers, { error: 'must be digdir, ks, digg, skr or other' }),
	url: z
		.string({ error: 'must be text' })
		.max(2000, 'is longer than 2,000 characters')
		.regex(/^https:\/\/[^\s]+$/, 'must be an https:// address'),
	title: localisedText
});

/**
 * Advice for one level: how to get from it to the next, beyond the item's recommendation,
 * with links to national guidance. Optional, and not part of the version's frozen content
 * (load.ts leaves it out of the hash): links move and guidance improves, answers keep
 * their meaning.
 */
const advice = z.strictObject({
	level: z.int({ error: 'must be a whole number' }).min(1, 'must be a level 1 … 5').max(5, 'must be a level 1 … 5'),
	text: localisedText.optional(),
	links: z.array(adviceLink, { error: 'must be a list of links' }).min(1, 'needs at least one link').max(10, 'has more than ten links')
});
export type Advice = z.infer<typeof advice>;

const item = z.strictObject({
	key: itemKey,
	dimension: dimensionKey,
	weight: z.number({ error: 'must be a number' }).positive('must be greater than 0').max(100, 'must be at most 100'),
	kind: z.enum(['practice', 'perception'], { error: 'must be practice or perception' }),
	allow_na: z.boolean({ error: 'must be true or false' }),
	text: localisedText,
	help: localisedText,
	levels: fiveTexts('level descriptors'),
	recommendations: fiveTexts('recommendations'),
	advice: z.array(advice, { error: 'must be a list of advice per level' }).max(5, 'has advice for more than five levels').optional()
});
export type Item = z.infer<typeof item>;

const band = z.strictObject({
	level: z.int({ error: 'must be a whole number' }).min(1).max(10),
	from: z.number({ error: 'must be a number' }).min(0).max(100),
	label: localisedText
});

/** What a file that leaves out `scoring.values` or `scoring.coverage` gets. */
export const DEFAULT_VALUES: readonly number[] = [0, 25, 50, 75, 100];
export const DEFAULT_COVERAGE = 0.6;

const scoring = z.strictObject({
	values: z
		.array(z.number({ error: 'must be a number' }).min(0, 'must be 0 … 100').max(100, 'must be 0 … 100'))
		.length(5, 'needs exactly five values, one per level')
		.default([...DEFAULT_VALUES]),
	coverage: z.number({ error: 'must be a number' }).gt(0, 'must be above 0').max(1, 'must be at most 1').default(DEFAULT_COVERAGE),
	bands: z.array(band).min(2, 'needs at least two bands')
});

/**
 * Items the crosswalk compares (identical, reworded) whose scoring rules changed on
 * purpose: their series break. `all` names every compared item, for a change of the
 * version's values, bands or coverage.
 */
const rescoring = z.strictObject({
	items: z.union([z.literal('all'), z.array(itemKey, { error: 'must be all or a list of item keys' }).min(1, 'must name at least one item')], {
		error: 'must be all or a list of item keys'
	}),
	reason: localisedText
});
export type Rescoring = z.infer<typeof rescoring>;

export const questionnaireDefinition = z
	.strictObject({
		slug: z.string({ error: 'must be text' }).regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be a lower-case slug like "digital-maturity"'),
		version: z.int({ error: 'must be a whole number' }).min(1, 'must be 1 or more'),
		title: localisedText,
		description: localisedText,
		scoring,
		dimensions: z.array(
			z.strictObject({ key: dimensionKey, title: localisedText, description: localisedText })
		).min(1, 'needs at least one dimension'),
		items: z.array(item).min(1, 'needs at least one item'),
		crosswalk: z
			.strictObject({
				previous: z.int({ error: 'must be a whole number' }).min(1),
				items: z.record(itemKey, crosswalkStatus),
				// No default: a file without it must keep the content hash it was published with.
				rescored: z.array(rescoring, { error: 'must be a list of rescorings' }).min(1, 'must not be empty').optional()
			})
			.optional()
	})
	// Runs even when single fields failed, so a file's problems all show at once.
	.superRefine((def, ctx) => crossFieldChecks(def, (path, message) => ctx.addIssue({ code: 'custom', path, message })), {
		when: () => true
	});

export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinition>;
export type Crosswalk = NonNullable<QuestionnaireDefinition['crosswalk']>;

type Report = (path: (string | number)[], message: string) => void;

/**
 * The rules between fields. The value may be only partly valid here, so every
 * access is guarded: a field that failed its own check is skipped, not crashed on.
 */
function crossFieldChecks(value: unknown, problem: Report) {
	if (!isRecord(value)) return;
	const list = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
	const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

	const dimensionKeys: string[] = [];
	list(value.dimensions).forEach((d, i) => {
		const key = str(d.key);
		if (key === undefined) return;
		if (dimensionKeys.includes(key)) problem(['dimensions', i, 'key'], `duplicate dimension key "${key}"`);
		dimensionKeys.push(key);
	});

	const itemKeys = new Set<string>();
	const items = list(value.items);
	items.forEach((it, i) => {
		const key = str(it.key);
		const dimension = str(it.dimension);
		if (key !== undefined && itemKeys.has(key)) problem(['items', i, 'key'], `duplicate item key "${key}"`);
		if (key !== undefined) itemKeys.add(key);
		const levels = list(it.advice).map((a) => a.level);
		levels.forEach((level, j) => {
			if (typeof level === 'number' && levels.indexOf(level) !== j) problem(['items', i, 'advice', j, 'level'], `advice for level ${level} is given twice`);
		});
		if (dimension === undefined) return;
		if (!dimensionKeys.includes(dimension)) problem(['items', i, 'dimension'], `unknown dimension "${dimension}"`);
		else if (key !== undefined && !key.startsWith(`${dimension}.`))
			problem(['items', i, 'key'], `must start with its dimension: "${dimension}.…"`);
	});
	dimensionKeys.forEach((d, i) => {
		if (Array.isArray(value.items) && !items.some((it) => it.dimension === d))
			problem(['dimensions', i, 'key'], `dimension "${d}" has no items`);
	});

	const scoring = isRecord(value.scoring) ? value.scoring : {};
	const values = Array.isArray(scoring.values) ? scoring.values : [];
	values.forEach((v, i) => {
		const before = values[i - 1];
		if (i > 0 && typeof v === 'number' && typeof before === 'number' && v < before)
			problem(['scoring', 'values', i], 'values must not decrease from level 1 to 5');
	});
	const bands = list(scoring.bands);
	bands.forEach((b, i) => {
		if (typeof b.level === 'number' && b.level !== i + 1)
			problem(['scoring', 'bands', i, 'level'], `must be ${i + 1}: bands are listed from level 1 up`);
		if (i === 0 && typeof b.from === 'number' && b.from !== 0) problem(['scoring', 'bands', 0, 'from'], 'the first band must start at 0');
		const before = bands[i - 1]?.from;
		if (i > 0 && typeof b.from === 'number' && typeof before === 'number' && b.from <= before)
			problem(['scoring', 'bands', i, 'from'], 'bands must start at ascending scores');
		// Scores are shown with one decimal; a boundary between two shown values has no honest display.
		if (typeof b.from === 'number' && Math.abs(b.from * 10 - Math.round(b.from * 10)) > 1e-9)
			problem(['scoring', 'bands', i, 'from'], 'must have at most one decimal, like the scores shown');
	});

	const version = typeof value.version === 'number' ? value.version : undefined;
	const crosswalk = isRecord(value.crosswalk) ? value.crosswalk : undefined;
	if (version === undefined) return;
	if (version === 1 && value.crosswalk !== undefined) problem(['crosswalk'], 'version 1 has no previous version to compare with');
	if (version > 1 && value.crosswalk === undefined) problem(['version'], `version ${version} needs a crosswalk to the previous version`);
	if (version > 1 && typeof crosswalk?.previous === 'number' && crosswalk.previous >= version)
		problem(['crosswalk', 'previous'], `must be an earlier version than ${version}`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

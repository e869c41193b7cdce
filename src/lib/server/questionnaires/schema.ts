import { z } from 'zod';

/**
 * The questionnaire file format (docs/questionnaire-format.md) as a Zod schema.
 * Rules that span several fields (unique keys, an item's dimension, ascending bands,
 * the declared languages, what each item type needs) are checks on the whole
 * definition, so every problem is reported at once with the path where it sits.
 */

const PLACEHOLDER = /\b(todo|tbd|fixme|xxx|lorem ipsum)\b/i;

/** The languages a questionnaire may be written in; add one here (and its interface catalogue) to allow it. */
export const questionnaireLanguages = ['nb', 'nn', 'sv', 'en'] as const;
export type Language = (typeof questionnaireLanguages)[number];
/** What a file that does not declare `languages` is written in (the files from before the declaration). */
export const DEFAULT_LANGUAGES: readonly Language[] = ['nb', 'sv', 'en'];

const language = z.enum(questionnaireLanguages, { error: `must be one of ${questionnaireLanguages.join(', ')}` });

const nonEmptyText = z
	.string({ error: 'must be text' })
	.trim()
	.min(1, 'must not be empty')
	.max(5000, 'is longer than 5,000 characters')
	.refine((s) => !PLACEHOLDER.test(s), 'is placeholder text');

/**
 * A text in the questionnaire's declared languages. Which languages must be there is a
 * rule of the whole file (`languages`), checked in crossFieldChecks. Typed as complete:
 * a definition read for a reader is completed with its fallback (versions.ts).
 */
export const localisedText = z.partialRecord(language, nonEmptyText, {
	error: 'must be a text per language, like { nb: "…", en: "…" }'
}) as unknown as z.ZodType<Record<Language, string>>;
export type LocalisedText = Record<Language, string>;

export const dimensionKey = z.string({ error: 'must be text' }).regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case key like "culture"');
export const itemKey = z
	.string({ error: 'must be text' })
	.regex(/^[a-z][a-z0-9-]{0,39}\.[a-z0-9][a-z0-9-]{0,59}$/, 'must look like "<dimension>.<name>" in lower case');

export const crosswalkStatus = z.enum(['identical', 'reworded', 'changed', 'new', 'retired'], {
	error: 'must be identical, reworded, changed, new or retired'
});
export type CrosswalkStatus = z.infer<typeof crosswalkStatus>;

/** How an item is answered; absent means `scale`, as in the files from before types. */
export const itemTypes = ['scale', 'yes-partly-no', 'checklist', 'percent', 'count-band'] as const;
export type ItemType = (typeof itemTypes)[number];

const score = z.number({ error: 'must be a number' }).min(0, 'must be 0 … 100').max(100, 'must be 0 … 100');

const checklistOption = z.strictObject({
	key: z.string({ error: 'must be text' }).regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be a lower-case key like "bankid"'),
	text: localisedText,
	weight: z.number({ error: 'must be a number' }).positive('must be greater than 0').max(100, 'must be at most 100').optional(),
	/** "none of these": ticked alone, scores 0 */
	exclusive: z.boolean({ error: 'must be true or false' }).optional()
});

const scoreBand = z.strictObject({
	from: z.number({ error: 'must be a number' }).min(0, 'must be 0 or more'),
	score
});

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
	level: z.int({ error: 'must be a whole number' }).min(1, 'must be a point 1 … 7').max(7, 'must be a point 1 … 7'),
	text: localisedText.optional(),
	links: z.array(adviceLink, { error: 'must be a list of links' }).min(1, 'needs at least one link').max(10, 'has more than ten links')
});
export type Advice = z.infer<typeof advice>;

const item = z.strictObject({
	key: itemKey,
	dimension: dimensionKey,
	weight: z.number({ error: 'must be a number' }).positive('must be greater than 0').max(100, 'must be at most 100'),
	kind: z.enum(['practice', 'perception'], { error: 'must be practice or perception' }),
	// No defaults below: a file from before them must keep the content hash it was published with.
	type: z.enum(itemTypes, { error: `must be one of ${itemTypes.join(', ')}` }).optional(),
	allow_na: z.boolean({ error: 'must be true or false' }),
	text: localisedText,
	help: localisedText,
	/** scale: one descriptor per point, lowest first */
	levels: z.array(localisedText, { error: 'must be a list of level descriptors' }).optional(),
	/** scale and yes-partly-no: the score of each point (no, partly, yes) */
	values: z.array(score, { error: 'must be a list of scores' }).optional(),
	/** scale and yes-partly-no: at each point, what to do to reach the next */
	recommendations: z.array(localisedText, { error: 'must be a list of recommendations' }).optional(),
	/** scale and yes-partly-no: beyond the recommendation, advice and national guidance at a point */
	advice: z.array(advice, { error: 'must be a list of advice per level' }).max(7, 'has advice for more than seven levels').optional(),
	/** checklist */
	options: z.array(checklistOption, { error: 'must be a list of options' }).optional(),
	/** percent and count-band: the score of an amount, from the highest band it reaches */
	score_bands: z.array(scoreBand, { error: 'must be a list of bands' }).optional(),
	/** count-band: what is counted, e.g. "services" */
	unit: localisedText.optional(),
	/** where the item's practice is described: laws, national guidance, the components named */
	sources: z
		.array(
			z.strictObject({
				title: z.string({ error: 'must be text' }).trim().min(1, 'must not be empty').max(300, 'is longer than 300 characters'),
				url: z.string({ error: 'must be text' }).regex(/^https:\/\/[^\s]+$/, 'must be an https:// address')
			}),
			{ error: 'must be a list of sources' }
		)
		.min(1, 'must name at least one source')
		.optional()
});
export type Item = z.infer<typeof item>;

const band = z.strictObject({
	level: z.int({ error: 'must be a whole number' }).min(1).max(10),
	from: z.number({ error: 'must be a number' }).min(0).max(100),
	label: localisedText
});

/** What a file that leaves out `scoring.values` or `scoring.coverage` gets: five evenly spaced points. */
export const DEFAULT_VALUES: readonly number[] = [0, 25, 50, 75, 100];
/** How many anchored points a scale item may have. */
export const MIN_POINTS = 3;
export const MAX_POINTS = 7;
export const DEFAULT_COVERAGE = 0.6;

const scoring = z.strictObject({
	// The values of every scale item with as many points that gives none of its own.
	values: z
		.array(score)
		.min(MIN_POINTS, `needs ${MIN_POINTS} … ${MAX_POINTS} values`)
		.max(MAX_POINTS, `needs ${MIN_POINTS} … ${MAX_POINTS} values`)
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
		/** every text is in exactly these; absent: nb, sv and en */
		languages: z.array(language, { error: 'must be a list of languages' }).min(1, 'must name at least one language').optional(),
		/** what a reader whose language is not declared gets; absent: the first declared */
		fallback: language.optional(),
		title: localisedText,
		description: localisedText,
		scoring,
		dimensions: z.array(z.strictObject({ key: dimensionKey, title: localisedText, description: localisedText })).min(1, 'needs at least one dimension'),
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
		else if (key !== undefined && !key.startsWith(`${dimension}.`)) problem(['items', i, 'key'], `must start with its dimension: "${dimension}.…"`);
	});
	dimensionKeys.forEach((d, i) => {
		if (Array.isArray(value.items) && !items.some((it) => it.dimension === d)) problem(['dimensions', i, 'key'], `dimension "${d}" has no items`);
	});

	const scoring = isRecord(value.scoring) ? value.scoring : {};
	const values = Array.isArray(scoring.values) ? scoring.values : [];
	values.forEach((v, i) => {
		const before = values[i - 1];
		if (i > 0 && typeof v === 'number' && typeof before === 'number' && v < before)
			problem(['scoring', 'values', i], 'values must not decrease from the lowest point to the highest');
	});
	const bands = list(scoring.bands);
	bands.forEach((b, i) => {
		if (typeof b.level === 'number' && b.level !== i + 1) problem(['scoring', 'bands', i, 'level'], `must be ${i + 1}: bands are listed from level 1 up`);
		if (i === 0 && typeof b.from === 'number' && b.from !== 0) problem(['scoring', 'bands', 0, 'from'], 'the first band must start at 0');
		const before = bands[i - 1]?.from;
		if (i > 0 && typeof b.from === 'number' && typeof before === 'number' && b.from <= before)
			problem(['scoring', 'bands', i, 'from'], 'bands must start at ascending scores');
		// Scores are shown with one decimal; a boundary between two shown values has no honest display.
		if (typeof b.from === 'number' && Math.abs(b.from * 10 - Math.round(b.from * 10)) > 1e-9)
			problem(['scoring', 'bands', i, 'from'], 'must have at most one decimal, like the scores shown');
	});

	items.forEach((it, i) => itemTypeChecks(it, (path, message) => problem(['items', i, ...path], message)));
	languageChecks(value, problem);

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

/** The declared languages of a definition (also of one read leniently). */
export function languagesOf(value: { languages?: readonly string[] | unknown }): readonly Language[] {
	const declared = Array.isArray(value.languages)
		? value.languages.filter((l): l is Language => (questionnaireLanguages as readonly string[]).includes(l))
		: [];
	return declared.length > 0 ? declared : DEFAULT_LANGUAGES;
}

/**
 * Every text of a definition with its path: what the language rule walks, and what a
 * reader's fallback fills in. Follows the format's fields, so a new text field is added here.
 */
export function textsOf(value: Record<string, unknown>): { path: (string | number)[]; text: Record<string, unknown> }[] {
	const found: { path: (string | number)[]; text: Record<string, unknown> }[] = [];
	const take = (path: (string | number)[], v: unknown) => {
		if (isRecord(v)) found.push({ path, text: v });
	};
	const each = (path: (string | number)[], v: unknown, visit: (path: (string | number)[], entry: Record<string, unknown>) => void) => {
		if (Array.isArray(v)) v.forEach((entry, i) => isRecord(entry) && visit([...path, i], entry));
	};
	take(['title'], value.title);
	take(['description'], value.description);
	const scoring = isRecord(value.scoring) ? value.scoring : {};
	each(['scoring', 'bands'], scoring.bands, (p, b) => take([...p, 'label'], b.label));
	each(['dimensions'], value.dimensions, (p, d) => {
		take([...p, 'title'], d.title);
		take([...p, 'description'], d.description);
	});
	each(['items'], value.items, (p, it) => {
		for (const field of ['text', 'help', 'unit'] as const) take([...p, field], it[field]);
		for (const field of ['levels', 'recommendations'] as const)
			if (Array.isArray(it[field])) (it[field] as unknown[]).forEach((t, i) => take([...p, field, i], t));
		each([...p, 'options'], it.options, (q, o) => take([...q, 'text'], o.text));
		each([...p, 'advice'], it.advice, (q, a) => {
			take([...q, 'text'], a.text);
			each([...q, 'links'], a.links, (r, l) => take([...r, 'title'], l.title));
		});
	});
	const crosswalk = isRecord(value.crosswalk) ? value.crosswalk : {};
	each(['crosswalk', 'rescored'], crosswalk.rescored, (p, r) => take([...p, 'reason'], r.reason));
	return found;
}

/** Every text in every declared language, and in no other: one problem per text and language. */
function languageChecks(value: Record<string, unknown>, problem: Report) {
	const declared = languagesOf(value);
	if (Array.isArray(value.languages) && new Set(value.languages).size !== value.languages.length) problem(['languages'], 'names a language twice');
	if (typeof value.fallback === 'string' && !(declared as readonly string[]).includes(value.fallback))
		problem(['fallback'], `must be one of the declared languages (${declared.join(', ')})`);
	for (const { path, text } of textsOf(value)) {
		for (const lang of declared) if (!(lang in text)) problem([...path, lang], `is missing: the file declares ${declared.join(', ')}`);
		for (const lang of Object.keys(text))
			if ((questionnaireLanguages as readonly string[]).includes(lang) && !(declared as readonly string[]).includes(lang))
				problem([...path, lang], `is not a declared language (${declared.join(', ')}): declare it under languages or remove the text`);
	}
}

/** What each item type needs, and nothing it does not use. */
function itemTypeChecks(it: Record<string, unknown>, problem: Report) {
	const type = typeof it.type === 'string' ? it.type : 'scale';
	const uses: Record<string, readonly string[]> = {
		scale: ['levels', 'values', 'recommendations', 'advice'],
		'yes-partly-no': ['values', 'recommendations', 'advice'],
		checklist: ['options'],
		percent: ['score_bands'],
		'count-band': ['score_bands', 'unit']
	};
	const used = uses[type];
	if (!used) return;
	for (const field of ['levels', 'values', 'recommendations', 'advice', 'options', 'score_bands', 'unit'])
		if (it[field] !== undefined && !used.includes(field)) problem([field], `is not used by a ${type} item`);
	const length = (v: unknown) => (Array.isArray(v) ? v.length : undefined);
	// Advice is given at a point of the item's own scale.
	const pointCount = type === 'yes-partly-no' ? 3 : (length(it.values) ?? length(it.levels));
	(Array.isArray(it.advice) ? it.advice.filter(isRecord) : []).forEach((a, i) => {
		if (pointCount !== undefined && typeof a.level === 'number' && a.level > pointCount)
			problem(['advice', i, 'level'], `the item has ${pointCount} points, so there is no level ${a.level}`);
	});
	const values = Array.isArray(it.values) ? it.values : undefined;
	values?.forEach((v, i) => {
		const before = values[i - 1];
		if (i > 0 && typeof v === 'number' && typeof before === 'number' && v < before)
			problem(['values', i], 'values must not decrease from the lowest point to the highest');
	});

	if (type === 'scale') {
		// The number of points is the values' count where the item gives them, else its descriptors'.
		const points = length(it.values) ?? length(it.levels);
		if (it.levels === undefined) problem(['levels'], `a scale item needs its level descriptors (${MIN_POINTS} … ${MAX_POINTS})`);
		else if (points !== undefined && (points < MIN_POINTS || points > MAX_POINTS))
			problem([it.values ? 'values' : 'levels'], `a scale has ${MIN_POINTS} … ${MAX_POINTS} points, not ${points}`);
		else if (points !== undefined && length(it.levels) !== points)
			problem(['levels'], `needs ${points} level descriptors, one per point (has ${length(it.levels)})`);
		if (points !== undefined && points >= MIN_POINTS && points <= MAX_POINTS) {
			if (it.recommendations === undefined) problem(['recommendations'], `needs ${points} recommendations, one per point`);
			else if (length(it.recommendations) !== points && length(it.levels) === points)
				problem(['recommendations'], `needs ${points} recommendations, one per point (has ${length(it.recommendations)})`);
		}
	} else if (type === 'yes-partly-no') {
		if (values !== undefined && values.length !== 3) problem(['values'], 'needs three values: no, partly, yes');
		if (it.recommendations !== undefined && length(it.recommendations) !== 3) problem(['recommendations'], 'needs three recommendations: no, partly, yes');
	} else if (type === 'checklist') {
		const options = Array.isArray(it.options) ? it.options.filter(isRecord) : [];
		if (it.options === undefined || options.length < 2) problem(['options'], 'a checklist item needs at least two options');
		const keys = new Set<string>();
		options.forEach((o, i) => {
			if (typeof o.key === 'string' && keys.has(o.key)) problem(['options', i, 'key'], `duplicate option key "${o.key}"`);
			if (typeof o.key === 'string') keys.add(o.key);
			if (o.exclusive === true && o.weight !== undefined) problem(['options', i, 'weight'], 'an exclusive option ("none of these") scores 0 and has no weight');
		});
		if (options.filter((o) => o.exclusive === true).length > 1) problem(['options'], 'at most one option may be exclusive');
		if (options.length >= 2 && options.every((o) => o.exclusive === true)) problem(['options'], 'needs an option that is not exclusive');
	} else {
		const bands = Array.isArray(it.score_bands) ? it.score_bands.filter(isRecord) : [];
		if (it.score_bands === undefined || bands.length < 2) problem(['score_bands'], `a ${type} item needs at least two score bands`);
		bands.forEach((b, i) => {
			if (i === 0 && typeof b.from === 'number' && b.from !== 0) problem(['score_bands', 0, 'from'], 'the first band must start at 0');
			const before = bands[i - 1];
			if (i > 0 && typeof b.from === 'number' && typeof before?.from === 'number' && b.from <= before.from)
				problem(['score_bands', i, 'from'], 'bands must start at ascending amounts');
			if (i > 0 && typeof b.score === 'number' && typeof before?.score === 'number' && b.score < before.score)
				problem(['score_bands', i, 'score'], 'scores must not decrease as the amount grows');
			if (type === 'percent' && typeof b.from === 'number' && b.from > 100) problem(['score_bands', i, 'from'], 'a percent is at most 100');
		});
	}
}

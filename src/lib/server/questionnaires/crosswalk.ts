import { isRescored, rescoringProblems } from './rescoring';
import { crosswalkStatus, DEFAULT_COVERAGE, DEFAULT_VALUES, isRecord, type CrosswalkStatus } from './schema';

export interface PathProblem {
	path: (string | number)[];
	message: string;
}

/**
 * Checks a version's crosswalk against the version it names as previous: every item
 * of this version is listed, every item that disappeared is "retired", and each
 * status fits what the two versions hold. "identical" is checked against the texts
 * themselves, so a reworded item cannot pass as identical by mistake; the scoring
 * rules of every identical or reworded item are compared too (rescoring.ts).
 */
export function crosswalkProblems(current: CrosswalkView, previous: CrosswalkView | undefined): PathProblem[] {
	const crosswalk = current.crosswalk;
	if (!crosswalk) return [];
	if (!previous) {
		return [{ path: ['crosswalk', 'previous'], message: `version ${crosswalk.previous} of "${current.slug}" does not exist` }];
	}
	const problems: PathProblem[] = [];
	const now = new Map(current.items.map((it) => [it.key, it]));
	const before = new Map(previous.items.map((it) => [it.key, it]));
	const at = (key: string) => ['crosswalk', 'items', key];

	for (const [key, status] of Object.entries(crosswalk.items)) {
		const inNow = now.has(key);
		const inBefore = before.has(key);
		if (!inNow && !inBefore) {
			problems.push({ path: at(key), message: `names an unknown item "${key}" (in neither version ${previous.version} nor ${current.version})` });
		} else if (status === 'new' && inBefore) {
			problems.push({ path: at(key), message: `"${key}" is in version ${previous.version}, so it is not new` });
		} else if (status === 'retired' && inNow) {
			problems.push({ path: at(key), message: `"${key}" is still in this version, so it is not retired` });
		} else if (status !== 'new' && !inBefore) {
			problems.push({ path: at(key), message: `"${key}" is not in version ${previous.version}: mark it new` });
		} else if (status !== 'retired' && !inNow) {
			problems.push({ path: at(key), message: `"${key}" is not in this version: mark it retired` });
		} else if (status === 'identical' && !sameContent(now.get(key)!, before.get(key)!)) {
			problems.push({ path: at(key), message: `"${key}" is marked identical but its text, levels or kind differ: mark it reworded or changed` });
		} else if ((status === 'identical' || status === 'reworded') && now.get(key)!.dimension !== before.get(key)!.dimension) {
			problems.push({ path: at(key), message: `"${key}" moved to another dimension, so it is not comparable: mark it changed` });
		}
	}
	current.items.forEach((it, i) => {
		if (!(it.key in crosswalk.items)) problems.push({ path: ['items', i, 'key'], message: `"${it.key}" is missing from the crosswalk` });
	});
	for (const key of before.keys()) {
		if (!now.has(key) && !(key in crosswalk.items)) {
			problems.push({ path: ['crosswalk', 'items'], message: `"${key}" of version ${previous.version} is missing from the crosswalk: mark it retired` });
		}
	}
	return [...problems, ...rescoringProblems(current, previous)];
}

/** True when the item in both versions asks the same thing (its scoring may still have been declared rescored). */
export function isComparable(status: CrosswalkStatus): boolean {
	return status === 'identical' || status === 'reworded';
}

/** What comparability needs of a crosswalk; a version's `crosswalk` fits it. */
export interface CrosswalkRules {
	items: Readonly<Record<string, CrosswalkStatus>>;
	rescored?: readonly { items: 'all' | readonly string[] }[];
}

/**
 * Keys whose answers can be compared across two versions, in the order of the later
 * version's items: the item is in both, in the same dimension, the later version's
 * crosswalk marks it identical or reworded, and does not declare it rescored.
 */
export function comparableItems(
	crosswalk: CrosswalkRules,
	itemsPrev: readonly { key: string; dimension: string }[],
	itemsNext: readonly { key: string; dimension: string }[]
): string[] {
	const before = new Map(itemsPrev.map((item) => [item.key, item.dimension]));
	return itemsNext
		.filter((item) => {
			const status = crosswalk.items[item.key];
			return status !== undefined && isComparable(status) && !isRescored(crosswalk, item.key) && before.get(item.key) === item.dimension;
		})
		.map((item) => item.key);
}

/**
 * What the crosswalk rules need of a version. It is read leniently from the file, so
 * a version whose other fields have problems still gets its crosswalk checked.
 */
export interface CrosswalkView {
	slug: string;
	version: number;
	items: ItemView[];
	/** Undefined where the file's own value is malformed (the schema reports it); defaults filled in. */
	scoring: { values?: number[]; coverage?: number; bands?: number[] };
	crosswalk?: { previous: number; items: Record<string, CrosswalkStatus>; rescored: RescoredView[] };
}

export interface ItemView {
	key: string;
	dimension?: unknown;
	text?: unknown;
	levels?: unknown;
	weight?: unknown;
	kind?: unknown;
	allow_na?: unknown;
}

/** One `crosswalk.rescored` entry; item keys that are not text are left out (the schema reports them). */
export interface RescoredView {
	items: 'all' | string[];
}

export function crosswalkView(raw: unknown): CrosswalkView | undefined {
	if (!isRecord(raw) || typeof raw.slug !== 'string' || typeof raw.version !== 'number') return undefined;
	const items = (Array.isArray(raw.items) ? raw.items : []).filter((it): it is ItemView => isRecord(it) && typeof it.key === 'string');
	const view: CrosswalkView = { slug: raw.slug, version: raw.version, items, scoring: scoringView(raw.scoring) };
	const cw = raw.crosswalk;
	if (isRecord(cw) && typeof cw.previous === 'number' && isRecord(cw.items)) {
		const statuses = Object.entries(cw.items).flatMap(([key, status]) => {
			const parsed = crosswalkStatus.safeParse(status);
			return parsed.success ? [[key, parsed.data] as const] : [];
		});
		const rescored = (Array.isArray(cw.rescored) ? cw.rescored : []).map((r): RescoredView => {
			const keys = isRecord(r) ? r.items : undefined;
			return { items: keys === 'all' ? 'all' : Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [] };
		});
		view.crosswalk = { previous: cw.previous, items: Object.fromEntries(statuses), rescored };
	}
	return view;
}

function scoringView(raw: unknown): CrosswalkView['scoring'] {
	const scoring = isRecord(raw) ? raw : {};
	const numbers = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined);
	const bands = Array.isArray(scoring.bands) ? scoring.bands.map((b) => (isRecord(b) ? b.from : undefined)) : undefined;
	return {
		values: scoring.values === undefined ? [...DEFAULT_VALUES] : numbers(scoring.values),
		coverage: scoring.coverage === undefined ? DEFAULT_COVERAGE : typeof scoring.coverage === 'number' ? scoring.coverage : undefined,
		bands: numbers(bands)
	};
}

/**
 * The item's content; its scoring (weight, N/A) is compared apart, where a rescoring can be
 * declared. Texts are compared in the languages both versions have: a version that adds a
 * language (v3 added nynorsk) leaves an item identical as long as no existing text changed.
 */
function sameContent(a: ItemView, b: ItemView): boolean {
	const levelsA = Array.isArray(a.levels) ? a.levels : [];
	const levelsB = Array.isArray(b.levels) ? b.levels : [];
	return a.kind === b.kind && sameText(a.text, b.text) && levelsA.length === levelsB.length && levelsA.every((level, i) => sameText(level, levelsB[i]));
}

function sameText(a: unknown, b: unknown): boolean {
	if (!isRecord(a) || !isRecord(b)) return JSON.stringify(a) === JSON.stringify(b);
	const common = Object.keys(a).filter((lang) => lang in b);
	return common.length > 0 && common.every((lang) => a[lang] === b[lang]);
}

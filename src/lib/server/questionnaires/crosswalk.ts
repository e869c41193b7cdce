import { crosswalkStatus, isRecord, type CrosswalkStatus } from './schema';

export interface PathProblem {
	path: (string | number)[];
	message: string;
}

/**
 * Checks a version's crosswalk against the version it names as previous: every item
 * of this version is listed, every item that disappeared is "retired", and each
 * status fits what the two versions hold. "identical" is checked against the texts
 * themselves, so a reworded item cannot pass as identical by mistake.
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
			problems.push({ path: at(key), message: `"${key}" is marked identical but its text or levels differ: mark it reworded or changed` });
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
	return problems;
}

/** True when answers to the item in both versions measure the same thing. */
export function isComparable(status: CrosswalkStatus): boolean {
	return status === 'identical' || status === 'reworded';
}

/**
 * What the crosswalk rules need of a version. It is read leniently from the file, so
 * a version whose other fields have problems still gets its crosswalk checked.
 */
export interface CrosswalkView {
	slug: string;
	version: number;
	items: ItemView[];
	crosswalk?: { previous: number; items: Record<string, CrosswalkStatus> };
}

interface ItemView {
	key: string;
	dimension?: unknown;
	text?: unknown;
	levels?: unknown;
	weight?: unknown;
	kind?: unknown;
}

export function crosswalkView(raw: unknown): CrosswalkView | undefined {
	if (!isRecord(raw) || typeof raw.slug !== 'string' || typeof raw.version !== 'number') return undefined;
	const items = (Array.isArray(raw.items) ? raw.items : []).filter(
		(it): it is ItemView => isRecord(it) && typeof it.key === 'string'
	);
	const view: CrosswalkView = { slug: raw.slug, version: raw.version, items };
	const cw = raw.crosswalk;
	if (isRecord(cw) && typeof cw.previous === 'number' && isRecord(cw.items)) {
		const statuses = Object.entries(cw.items).flatMap(([key, status]) => {
			const parsed = crosswalkStatus.safeParse(status);
			return parsed.success ? [[key, parsed.data] as const] : [];
		});
		view.crosswalk = { previous: cw.previous, items: Object.fromEntries(statuses) };
	}
	return view;
}

function sameContent(a: ItemView, b: ItemView): boolean {
	return (
		JSON.stringify([a.text, a.levels, a.weight, a.kind]) === JSON.stringify([b.text, b.levels, b.weight, b.kind])
	);
}

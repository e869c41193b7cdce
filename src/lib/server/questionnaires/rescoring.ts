import type { CrosswalkView, ItemView, PathProblem } from './crosswalk';

/**
 * An item the crosswalk calls identical or reworded is compared year over year, so its
 * answers must be scored by the same rules in both versions: the level values and
 * scale, the bands, the coverage rule (the version's), its N/A rule and its weight
 * relative to the other compared items of its dimension (its own). A change is allowed
 * only where `crosswalk.rescored` declares it; the item's series then breaks.
 */
export function rescoringProblems(current: CrosswalkView, previous: CrosswalkView): PathProblem[] {
	const crosswalk = current.crosswalk;
	if (!crosswalk) return [];
	const before = new Map(previous.items.map((it) => [it.key, it]));
	const compared: Compared[] = current.items.flatMap((now, index) => {
		const status = crosswalk.items[now.key];
		const old = before.get(now.key);
		return old && (status === 'identical' || status === 'reworded') && old.dimension === now.dimension ? [{ index, now, old, status }] : [];
	});
	const declared = (key: string) => isRescored(crosswalk, key);
	const undeclared = compared.filter((c) => !declared(c.now.key));
	const changes = versionChanges(previous, current);
	const keep = `declare it in crosswalk.rescored (a series break) or keep the rule of version ${previous.version}`;

	const problems: PathProblem[] = changes.flatMap(({ path, what }) =>
		undeclared.length === 0 ? [] : [{ path, message: `${what}, which rescores ${describeItems(undeclared, compared)}: ${keep}` }]
	);
	const weightMoves = weightChanges(undeclared);
	for (const c of undeclared) {
		const reasons = [weightMoves.get(c.now.key), naChange(c, previous.version)].filter((r) => r !== undefined);
		if (reasons.length === 0) continue;
		const field = weightMoves.has(c.now.key) ? 'weight' : 'allow_na';
		problems.push({ path: ['items', c.index, field], message: `"${c.now.key}" is marked ${c.status} but ${reasons.join(', and ')}: ${keep}` });
	}

	// A declaration where nothing changed would break a series for no reason.
	const allMoves = weightChanges(compared);
	crosswalk.rescored.forEach((entry, i) => {
		if (entry.items === 'all') {
			if (changes.length === 0)
				problems.push({
					path: ['crosswalk', 'rescored', i, 'items'],
					message: `declares every item rescored, but the values, scale, bands and coverage are those of version ${previous.version}: name the items whose weight or N/A rule changed`
				});
			return;
		}
		entry.items.forEach((key, j) => {
			const at = ['crosswalk', 'rescored', i, 'items', j];
			const c = compared.find((x) => x.now.key === key);
			if (!c) {
				const status = crosswalk.items[key];
				const what = status ? `marked ${status}` : 'not in the crosswalk';
				problems.push({ path: at, message: `"${key}" is ${what}: only identical and reworded items are compared, so only they can be rescored` });
			} else if (changes.length === 0 && !allMoves.has(key) && naChange(c, previous.version) === undefined) {
				problems.push({ path: at, message: `"${key}" is scored as in version ${previous.version}: remove it, or its series breaks for nothing` });
			}
		});
	});
	return problems;
}

/** True when the crosswalk declares that the item's scoring rules changed: its series breaks. */
export function isRescored(crosswalk: { rescored?: readonly { items: 'all' | readonly string[] }[] }, key: string): boolean {
	return (crosswalk.rescored ?? []).some((r) => r.items === 'all' || r.items.includes(key));
}

interface Compared {
	index: number;
	now: ItemView;
	old: ItemView;
	status: 'identical' | 'reworded';
}

/** The version-wide rules that differ, each where it sits in the later file. */
function versionChanges(previous: CrosswalkView, current: CrosswalkView): { path: string[]; what: string }[] {
	const [a, b] = [previous.scoring, current.scoring];
	const v = previous.version;
	const changes: { path: string[]; what: string }[] = [];
	if (a.values && b.values && a.values.length !== b.values.length) {
		changes.push({ path: ['scoring', 'values'], what: `the scale has ${b.values.length} levels (${a.values.length} in version ${v})` });
	} else if (a.values && b.values && !sameNumbers(a.values, b.values)) {
		changes.push({ path: ['scoring', 'values'], what: `the level values are ${b.values.join(', ')} (${a.values.join(', ')} in version ${v})` });
	}
	if (a.bands && b.bands && !sameNumbers(a.bands, b.bands)) {
		changes.push({ path: ['scoring', 'bands'], what: `the bands start at ${b.bands.join(', ')} (${a.bands.join(', ')} in version ${v})` });
	}
	if (a.coverage !== undefined && b.coverage !== undefined && a.coverage !== b.coverage) {
		changes.push({ path: ['scoring', 'coverage'], what: `the coverage rule is ${percent(b.coverage)} (${percent(a.coverage)} in version ${v})` });
	}
	return changes;
}

function naChange(c: Compared, version: number): string | undefined {
	if (typeof c.now.allow_na !== 'boolean' || typeof c.old.allow_na !== 'boolean' || c.now.allow_na === c.old.allow_na) return undefined;
	return c.now.allow_na ? `N/A is allowed, which it was not in version ${version}` : `N/A is not allowed, which it was in version ${version}`;
}

/**
 * A weight only matters relative to the other weights it is normalised with. Among a
 * dimension's compared items, raising every weight alike changes nothing; what changes
 * the score is a weight that moves against the rest. The items whose ratio new/old
 * weight is shared by most of the dimension's compared items (on a tie, the ratio 1,
 * else the first item's) kept their proportions; every other item has moved, and gets
 * a message with its share of the compared weight before and after.
 */
function weightChanges(compared: readonly Compared[]): Map<string, string> {
	const moves = new Map<string, string>();
	const weighted = compared.flatMap((c) => (positive(c.old.weight) && positive(c.now.weight) ? [{ c, old: c.old.weight, now: c.now.weight }] : []));
	for (const dimension of new Set(weighted.map((w) => w.c.now.dimension))) {
		const items = weighted.filter((w) => w.c.now.dimension === dimension);
		const groups: (typeof items)[] = [];
		for (const w of items) {
			const group = groups.find((g) => close(g[0]!.now / g[0]!.old, w.now / w.old));
			if (group) group.push(w);
			else groups.push([w]);
		}
		if (groups.length < 2) continue;
		const size = Math.max(...groups.map((g) => g.length));
		const largest = groups.filter((g) => g.length === size);
		const kept = largest.find((g) => close(g[0]!.now / g[0]!.old, 1)) ?? largest[0]!;
		const [sumOld, sumNow] = [items.reduce((s, w) => s + w.old, 0), items.reduce((s, w) => s + w.now, 0)];
		for (const w of items.filter((x) => !kept.includes(x))) {
			const weight = w.old === w.now ? `its weight stays ${w.now} while others change` : `its weight goes from ${w.old} to ${w.now}`;
			const share = `${percent(w.old / sumOld)} to ${percent(w.now / sumNow)}`;
			moves.set(w.c.now.key, `${weight}, so its share of the weight of "${dimension}"'s compared items goes from ${share}`);
		}
	}
	return moves;
}

function describeItems(affected: readonly Compared[], compared: readonly Compared[]): string {
	if (affected.length === compared.length) return `every item the crosswalk calls identical or reworded (${affected.length})`;
	return affected.map((c) => `"${c.now.key}"`).join(', ');
}

const positive = (v: unknown): v is number => typeof v === 'number' && v > 0;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const percent = (share: number) => `${Number((share * 100).toFixed(1))} %`;

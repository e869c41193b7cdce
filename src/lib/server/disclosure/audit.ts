/**
 * The exact audit of what a viewer can work out (docs/privacy.md). A shown statistic
 * tells its n and mean, so the sum of its members' scores; every score lies in 0..100;
 * the viewer knows the scores of their own organisations. For every hidden statistic and
 * every organisation the viewer does not know, a linear program gives the range of
 * values that stays possible; each must keep the value's protection interval open.
 *
 * Organisations that sit in exactly the same statistics cannot be told apart by any of
 * them, so the program runs over these "atoms" (their sums) instead of single scores:
 * a member of an atom whose sum may lie anywhere in [lo, hi] may itself lie anywhere in
 * [max(0, lo − 100·(u − 1)), min(100, hi)] (u members). Exact, and far smaller.
 */
import { feasibleRanges, type Row } from './lp';
import { protectionInterval, SCORE_MAX, SCORE_MIN, TOLERANCE } from './policy';

/** One organisation's score as a statistic used it. */
export interface Unit {
	/** the organisation: a municipality, or a municipality's sector */
	organisation: string;
	/** the score; the same organisation with another score (a later publication) is another unit */
	value: number;
}

export interface Statistic {
	/** what a reader knows it as; the same group in a later publication keeps its key */
	key: string;
	units: readonly Unit[];
}

export interface AuditInput {
	/** every statistic shown to the viewer (now and before), each a known sum of its members */
	visible: readonly Statistic[];
	/** statistics kept from the viewer, now and before */
	hidden: readonly Statistic[];
	/** organisations whose scores the viewer knows */
	known: ReadonlySet<string>;
	width: number;
}

export type Finding =
	| { target: 'statistic'; key: string; min: number; max: number; binding: number[] }
	| { target: 'organisation'; organisations: string[]; min: number; max: number; binding: number[] };

/** Every hidden value whose feasible range is narrower than its protection interval; `binding` indexes `visible`. */
export async function audit(input: AuditInput): Promise<Finding[]> {
	const unitId = (u: Unit) => `${u.organisation}\u0000${u.value}`;
	const unknown = (stat: Statistic) =>
		dedupe(
			stat.units.filter((u) => !input.known.has(u.organisation)),
			unitId
		);

	// Atoms: unknown units by the set of statistics (shown and hidden) they belong to.
	const all = [...input.visible, ...input.hidden];
	const memberships = new Map<string, { unit: Unit; rows: number[] }>();
	all.forEach((stat, row) => {
		for (const unit of unknown(stat)) {
			const entry = memberships.get(unitId(unit)) ?? { unit, rows: [] };
			entry.rows.push(row);
			memberships.set(unitId(unit), entry);
		}
	});
	const atoms = new Map<string, { units: Unit[]; rows: number[] }>();
	for (const { unit, rows } of memberships.values()) {
		const signature = rows.join(',');
		const atom = atoms.get(signature) ?? { units: [], rows };
		atom.units.push(unit);
		atoms.set(signature, atom);
	}
	const atomList = [...atoms.values()];
	const column = new Map(atomList.map((atom, i) => [atom, i]));
	const atomsOf = (row: number) => atomList.filter((atom) => atom.rows.includes(row));

	const rows: Row[] = input.visible.map((stat, row) => {
		const members = atomsOf(row);
		const sum = members.reduce((s, atom) => s + atom.units.reduce((t, u) => t + u.value, 0), 0);
		return { columns: members.map((a) => column.get(a)!), coefficients: members.map(() => 1), lower: sum, upper: sum };
	});
	const constrained = new Set(rows.flatMap((r) => r.columns));

	// Targets: hidden statistics (their unknown part's mean) and atoms in a shown statistic.
	const statisticTargets = input.hidden
		.map((stat, i) => ({ stat, members: atomsOf(input.visible.length + i) }))
		.filter(({ members }) => members.some((a) => constrained.has(column.get(a)!)));
	const atomTargets = atomList.filter((atom) => constrained.has(column.get(atom)!));
	const ranges = await feasibleRanges({ bounds: atomList.map((atom) => [SCORE_MIN * atom.units.length, SCORE_MAX * atom.units.length] as const), rows }, [
		...statisticTargets.map(({ members }) => ({ columns: members.map((a) => column.get(a)!), coefficients: members.map(() => 1) })),
		...atomTargets.map((atom) => ({ columns: [column.get(atom)!], coefficients: [1] }))
	]);

	const findings: Finding[] = [];
	statisticTargets.forEach(({ stat, members }, i) => {
		const range = ranges[i]!;
		const count = members.reduce((n, a) => n + a.units.length, 0);
		const mean = members.reduce((s, a) => s + a.units.reduce((t, u) => t + u.value, 0), 0) / count;
		const { low, high } = protectionInterval(mean, input.width);
		const [min, max] = [range.min / count, range.max / count];
		if (min > low + TOLERANCE || max < high - TOLERANCE)
			findings.push({ target: 'statistic', key: stat.key, min, max, binding: bindingOf(range, min > low + TOLERANCE, max < high - TOLERANCE) });
	});
	atomTargets.forEach((atom, i) => {
		const range = ranges[statisticTargets.length + i]!;
		const others = SCORE_MAX * (atom.units.length - 1);
		const [min, max] = [Math.max(SCORE_MIN, range.min - others), Math.min(SCORE_MAX, range.max)];
		const low = Math.min(...atom.units.map((u) => protectionInterval(u.value, input.width).low));
		const high = Math.max(...atom.units.map((u) => protectionInterval(u.value, input.width).high));
		if (min > low + TOLERANCE || max < high - TOLERANCE)
			findings.push({
				target: 'organisation',
				organisations: atom.units.map((u) => u.organisation).sort(),
				min,
				max,
				binding: bindingOf(range, min > low + TOLERANCE, max < high - TOLERANCE)
			});
	});
	return findings;
}

function bindingOf(range: { bindingAtMin: number[]; bindingAtMax: number[] }, low: boolean, high: boolean): number[] {
	return [...new Set([...(low ? range.bindingAtMin : []), ...(high ? range.bindingAtMax : [])])].sort((a, b) => a - b);
}

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
	const seen = new Map<string, T>();
	for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
	return [...seen.values()];
}

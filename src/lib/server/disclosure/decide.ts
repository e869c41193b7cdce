/**
 * Which statistics of a publication one viewer may see (docs/privacy.md): the one
 * decision behind every benchmark number on pages, charts, exports and the report.
 *
 * 1. Primary rules, each statistic on its own: at least k organisations (too_few); at
 *    least k besides the viewer's own (insider); its unknown members not pinned by it
 *    alone, as when all sit near 0 or 100 (dominance); and, against every earlier
 *    version of the same group shown to the viewer, a change of 0 or at least k
 *    organisations (difference).
 * 2. Complementary suppression, proven: the exact audit (audit.ts) runs over everything
 *    shown to the viewer, before and now. The values it protects are each organisation the
 *    viewer does not know and each group hidden by a primary rule (its part the viewer
 *    does not know); a group hidden only to protect those (difference, complementary) is
 *    not itself a secret. While one of them keeps too narrow a range, hide one more
 *    statistic of this publication: among those that hold the
 *    range where it is (the linear program's binding rows), the one about the fewest
 *    organisations the viewer does not know. Each step hides one more, so it ends; a
 *    range held only by numbers shown before cannot be widened now, and is reported.
 */
import { audit, type Statistic, type Unit } from './audit';
import { protectionInterval, SCORE_MAX, SCORE_MIN, TOLERANCE, type HiddenReason, type Policy } from './policy';

export interface DecisionInput {
	/** the statistics of the publication being decided */
	candidates: readonly Statistic[];
	/** what the viewer was shown before, of the same population; `sensitive`: the groups hidden by a primary rule */
	shown: { visible: readonly Statistic[]; sensitive: readonly Statistic[] };
	/** organisations whose scores the viewer knows: their own */
	known: ReadonlySet<string>;
	policy: Policy;
}

export interface Decision {
	/** key → why it is hidden; a key not here is shown */
	hidden: Map<string, HiddenReason>;
	/** hidden values that numbers shown earlier already narrow (none, unless the viewer's knowledge grew) */
	unprotectable: string[];
}

export async function decide(input: DecisionInput): Promise<Decision> {
	const hidden = new Map<string, HiddenReason>();
	for (const stat of input.candidates) {
		const reason = primaryReason(stat, input);
		if (reason) hidden.set(stat.key, reason);
	}
	const unprotectable = new Set<string>();
	for (;;) {
		const visible = input.candidates.filter((s) => !hidden.has(s.key));
		const findings = await audit({
			visible: [...input.shown.visible, ...visible],
			hidden: [...input.shown.sensitive, ...input.candidates.filter((s) => isSensitive(hidden.get(s.key)))],
			known: input.known,
			width: input.policy.width
		});
		const offset = input.shown.visible.length;
		let changed = false;
		for (const finding of findings) {
			const options = finding.binding.filter((row) => row >= offset).map((row) => visible[row - offset]!);
			const label = finding.target === 'statistic' ? finding.key : finding.organisations.join('+');
			if (options.length === 0) {
				unprotectable.add(label);
				continue;
			}
			const unknownCount = (s: Statistic) => organisations(s.units.filter((u) => !input.known.has(u.organisation)));
			const [complement] = options.sort((a, b) => unknownCount(a) - unknownCount(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
			hidden.set(complement!.key, 'complementary');
			changed = true;
			break;
		}
		if (!changed) return { hidden, unprotectable: [...unprotectable].sort() };
	}
}

/** Hidden for its own sake (too few, insider, dominance), not to protect another value. */
export function isSensitive(reason: HiddenReason | undefined): boolean {
	return reason === 'too_few' || reason === 'insider' || reason === 'dominance';
}

function primaryReason(stat: Statistic, input: DecisionInput): HiddenReason | null {
	const { k, width } = input.policy;
	if (organisations(stat.units) < k) return 'too_few';
	const unknown = stat.units.filter((u) => !input.known.has(u.organisation));
	if (organisations(unknown) < k) return 'insider';
	if (pinsAMember(unknown, width)) return 'dominance';
	const same = input.shown.visible.filter((s) => s.key === stat.key);
	if (same.some((earlier) => changedUnknowns(earlier, stat, input.known) > 0 && changedUnknowns(earlier, stat, input.known) < k)) return 'difference';
	return null;
}

/** Does the sum of these scores alone narrow one of them below its protection interval? */
export function pinsAMember(units: readonly Unit[], width: number): boolean {
	const sum = units.reduce((s, u) => s + u.value, 0);
	const others = SCORE_MAX * (units.length - 1);
	const [min, max] = [Math.max(SCORE_MIN, sum - others), Math.min(SCORE_MAX, sum)];
	return units.some((u) => {
		const { low, high } = protectionInterval(u.value, width);
		return min > low + TOLERANCE || max < high - TOLERANCE;
	});
}

/** Organisations the viewer does not know that joined, left, or changed score between two versions of a group. */
function changedUnknowns(before: Statistic, after: Statistic, known: ReadonlySet<string>): number {
	const id = (u: Unit) => `${u.organisation}\u0000${u.value}`;
	const a = new Set(before.units.filter((u) => !known.has(u.organisation)).map(id));
	const b = new Set(after.units.filter((u) => !known.has(u.organisation)).map(id));
	const changed = new Set(
		[...a]
			.filter((x) => !b.has(x))
			.concat([...b].filter((x) => !a.has(x)))
			.map((x) => x.split('\u0000')[0]!)
	);
	return changed.size;
}

function organisations(units: readonly Unit[]): number {
	return new Set(units.map((u) => u.organisation)).size;
}

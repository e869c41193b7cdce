import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audit, type Statistic } from './audit';
import { decide, isSensitive, pinsAMember } from './decide';
import { policyOf, type HiddenReason } from './policy';

const policy = policyOf({ k: 5, width: 10 });
const none = { visible: [], sensitive: [] };

/** Organisations `prefix1…prefixN` with spread-out scores. */
function orgs(prefix: string, n: number, at = (i: number) => 20 + ((i * 37) % 60)) {
	return Array.from({ length: n }, (_, i) => ({ organisation: `${prefix}${i + 1}`, value: at(i) }));
}
const stat = (key: string, ...groups: { organisation: string; value: number }[][]): Statistic => ({ key, units: groups.flat() });
const reasons = (hidden: Map<string, string>) => Object.fromEntries([...hidden].sort());

describe('decide', () => {
	it('shows every group of at least k organisations that pins nobody', async () => {
		const a = orgs('a', 6);
		const b = orgs('b', 7);
		const decision = await decide({ candidates: [stat('a', a), stat('b', b), stat('all', a, b)], shown: none, known: new Set(), policy });
		expect(reasons(decision.hidden)).toEqual({});
	});

	it('hides a small group and what would give it away: the row-total case that counting per line let through', async () => {
		// Rows a (2 organisations), b (10), c (12) of one column, with row totals and a grand total.
		// Hiding a and its row total, and row b by the rule "two hidden in each line", still let
		// a = grand − b.x − c.x, because b.x is row b's only cell and stays shown.
		const [a, b, c] = [orgs('a', 2), orgs('b', 10), orgs('c', 12)];
		const candidates = [stat('a.x', a), stat('b.x', b), stat('c.x', c), stat('row a', a), stat('row b', b), stat('row c', c), stat('grand', a, b, c)];
		const naive = new Set(['a.x', 'row a', 'row b']);
		const leaked = await audit({
			visible: candidates.filter((s) => !naive.has(s.key)),
			hidden: candidates.filter((s) => naive.has(s.key)),
			known: new Set(),
			width: 10
		});
		expect(leaked.map((f) => (f.target === 'statistic' ? f.key : f.organisations.join('+')))).toContain('a.x');

		const decision = await decide({ candidates, shown: none, known: new Set(), policy });
		expect(decision.hidden.get('a.x')).toBe('too_few');
		expect(decision.hidden.get('row a')).toBe('too_few');
		expect(await auditOf(candidates, decision.hidden)).toEqual([]);
	});

	it('applies the insider rule: a group of 5 with 4 of the viewer’s own is hidden, and the total that would give it away too', async () => {
		const own = orgs('own', 4);
		const other = orgs('x', 1);
		const rest = orgs('r', 8);
		const candidates = [stat('size.small', own, other), stat('size.large', rest), stat('country', own, other, rest)];
		const known = new Set(own.map((u) => u.organisation));
		const decision = await decide({ candidates, shown: none, known, policy });
		expect(decision.hidden.get('size.small')).toBe('insider');
		expect(decision.hidden.get('size.large') ?? decision.hidden.get('country')).toBe('complementary');
		expect(await auditOf(candidates, decision.hidden, known)).toEqual([]);
	});

	it('hides a group whose members all sit at the bottom of the scale (its mean would pin them)', async () => {
		const low = orgs('l', 5, () => 1);
		expect(pinsAMember(low, 10)).toBe(true);
		expect(pinsAMember(orgs('m', 5), 10)).toBe(false);
		const decision = await decide({ candidates: [stat('low', low)], shown: none, known: new Set(), policy });
		expect(reasons(decision.hidden)).toEqual({ low: 'dominance' });
	});

	it('does not show a group again once one organisation joined since it was shown (the difference would be that one)', async () => {
		const before = orgs('a', 6);
		const joined = orgs('new', 1, () => 83);
		const earlier = stat('group', before);
		const decision = await decide({ candidates: [stat('group', before, joined)], shown: { visible: [earlier], sensitive: [] }, known: new Set(), policy });
		expect(reasons(decision.hidden)).toEqual({ group: 'difference' });

		const five = orgs('new', 5);
		const later = await decide({ candidates: [stat('group', before, five)], shown: { visible: [earlier], sensitive: [] }, known: new Set(), policy });
		expect(reasons(later.hidden)).toEqual({});
	});

	it('catches a difference across two groups of two publications: the country grew by six, the size class by five', async () => {
		const [small, large] = [orgs('s', 6), orgs('l', 7)];
		const [smallNew, largeNew] = [orgs('sn', 5), orgs('ln', 1, () => 64)];
		const shown = { visible: [stat('small', small), stat('country', small, large)], sensitive: [] };
		const candidates = [stat('small', small, smallNew), stat('country', small, large, smallNew, largeNew)];
		// Neither group changed by fewer than 5 on its own, but country − small changed by one.
		const decision = await decide({ candidates, shown, known: new Set(), policy });
		expect(decision.hidden.size).toBeGreaterThan(0);
		expect(await auditOf(candidates, decision.hidden, new Set(), shown)).toEqual([]);
	});

	it('leaves no hidden value narrower than the protection width on any nested table (sizes × country)', async () => {
		await fc.assert(
			fc.asyncProperty(platformArb, async ({ classes, known }) => {
				const candidates = [...classes.map((units, i) => stat(`class ${i}`, units)), stat('country', ...classes)];
				const decision = await decide({ candidates, shown: none, known, policy });
				for (const [key, reason] of decision.hidden)
					if (reason === 'too_few') expect(new Set(candidates.find((s) => s.key === key)!.units.map((u) => u.organisation)).size).toBeLessThan(5);
				expect(await auditOf(candidates, decision.hidden, known)).toEqual([]);
			}),
			{ numRuns: 60 }
		);
	});
});

async function auditOf(
	candidates: Statistic[],
	hidden: Map<string, HiddenReason>,
	known = new Set<string>(),
	shown: { visible: Statistic[]; sensitive: Statistic[] } = none
) {
	const findings = await audit({
		visible: [...shown.visible, ...candidates.filter((s) => !hidden.has(s.key))],
		hidden: [...shown.sensitive, ...candidates.filter((s) => isSensitive(hidden.get(s.key)))],
		known,
		width: 10
	});
	return findings.map((f) => (f.target === 'statistic' ? f.key : f.organisations.join('+')));
}

/** Up to four size classes of 0–9 organisations with any scores, some of them the viewer's own. */
const platformArb = fc
	.array(fc.array(fc.record({ value: fc.integer({ min: 0, max: 100 }), own: fc.boolean() }), { maxLength: 9 }), { minLength: 1, maxLength: 4 })
	.map((classes) => {
		const units = classes.map((members, c) => members.map((m, i) => ({ organisation: `c${c}m${i}`, value: m.value, own: m.own })));
		return {
			classes: units.map((members) => members.map(({ organisation, value }) => ({ organisation, value }))),
			known: new Set(
				units
					.flat()
					.filter((u) => u.own)
					.map((u) => u.organisation)
			)
		};
	});

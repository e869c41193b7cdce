import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankWithTies } from './ranking';
import { differs } from './uncertainty';

const itemArb = fc.record({ score: fc.integer({ min: 0, max: 1000 }).map((t) => t / 10), se: fc.double({ min: 0, max: 10, noNaN: true }) });
const itemsArb = fc.array(itemArb, { maxLength: 25 });

describe('rankWithTies', () => {
	it('shares a rank where the scores do not differ, counting places like 1, 1, 3', () => {
		const items = [
			{ score: 50, se: 2 },
			{ score: 80, se: 2 },
			{ score: 78, se: 2 },
			{ score: 20, se: 2 },
			{ score: 60, se: 2 }
		];
		expect(rankWithTies(items)).toEqual([
			{ rank: 4, tied: false },
			{ rank: 1, tied: true },
			{ rank: 1, tied: true },
			{ rank: 5, tied: false },
			{ rank: 3, tied: false }
		]);
		expect(rankWithTies([])).toEqual([]);
	});

	it('reads from the top when not differing is not transitive', () => {
		// A ≈ B and B ≈ C, but A differs from C: A and B share the first place, C comes third.
		const [a, b, c] = [
			{ score: 70, se: 2 },
			{ score: 65, se: 2 },
			{ score: 60, se: 2 }
		];
		expect([differs(a, b), differs(b, c), differs(a, c)]).toEqual([false, false, true]);
		expect(rankWithTies([c, a, b]).map((p) => p.rank)).toEqual([3, 1, 1]);
	});

	it('does not depend on the order of the items', () => {
		fc.assert(
			fc.property(itemsArb, fc.infiniteStream(fc.nat()), (items, keys) => {
				const order = items
					.map((_, i) => ({ i, key: keys.next().value as number }))
					.sort((x, y) => x.key - y.key)
					.map((x) => x.i);
				const shuffled = rankWithTies(order.map((i) => items[i]!));
				const direct = rankWithTies(items);
				order.forEach((i, position) => expect(shuffled[position]).toEqual(direct[i]));
			})
		);
	});

	it('never ranks a higher score below a lower one, and gives equal scores one rank', () => {
		fc.assert(
			fc.property(itemsArb, (items) => {
				const places = rankWithTies(items);
				items.forEach((a, i) =>
					items.forEach((b, j) => {
						if (a.score > b.score) expect(places[i]!.rank).toBeLessThanOrEqual(places[j]!.rank);
						if (a.score === b.score) expect(places[i]!.rank).toBe(places[j]!.rank);
					})
				);
			})
		);
	});

	it('never lets two items that differ share a rank, and marks every shared rank as tied', () => {
		fc.assert(
			fc.property(itemsArb, (items) => {
				const places = rankWithTies(items);
				items.forEach((a, i) =>
					items.forEach((b, j) => {
						if (i !== j && differs(a, b)) expect(places[i]!.rank).not.toBe(places[j]!.rank);
					})
				);
				places.forEach((p, i) => expect(p.tied).toBe(places.some((q, j) => j !== i && q.rank === p.rank)));
				const ranks = new Set(places.map((p) => p.rank));
				for (const rank of ranks) expect(rank - 1).toBe(places.filter((p) => p.rank < rank).length);
			})
		);
	});
});

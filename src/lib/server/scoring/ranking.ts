/**
 * Rankings that do not order what noise cannot tell apart (docs/scoring.md, "Ties").
 * "Differs" is the same rule the pages use to call out a difference, so a ranking never
 * puts two scores apart that the page would call equal within the noise, nor together
 * two that it calls different.
 */
import { differs, type Interval } from './uncertainty';

export interface RankedPlace {
	/** 1 for the first group; a group's rank is 1 + the number of items in groups above it (1, 1, 3). */
	rank: number;
	/** True when the item shares its rank with at least one other. */
	tied: boolean;
}

/**
 * Places in the order of `items`. The items are read from the highest score down (equal
 * scores: the smaller standard error first); an item joins the current group when it
 * differs from none of the group's members, and starts a new group otherwise. So no two
 * items in a group differ, and equal scores always share a rank. Not differing is not
 * transitive (A ≈ B and B ≈ C while A differs from C): the groups are read from the top.
 * The result does not depend on the order of `items`.
 */
export function rankWithTies(items: readonly Pick<Interval, 'score' | 'se'>[]): RankedPlace[] {
	const order = items.map((_, i) => i).sort((a, b) => items[b]!.score - items[a]!.score || items[a]!.se - items[b]!.se);
	const places: RankedPlace[] = new Array(items.length);
	let group: number[] = [];
	const close = (start: number) => group.forEach((i) => (places[i] = { rank: start + 1, tied: group.length > 1 }));
	let start = 0;
	order.forEach((index, position) => {
		if (group.some((member) => differs(items[member]!, items[index]!))) {
			close(start);
			group = [];
			start = position;
		}
		group.push(index);
	});
	close(start);
	return places;
}

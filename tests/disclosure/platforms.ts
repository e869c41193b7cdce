import fc from 'fast-check';
import type { PeerUnit } from '../../src/lib/server/benchmarks/groups';
import { sizeClasses } from '../../src/lib/server/benchmarks/peers';

/**
 * Adversarial platforms for the attacker suite, in memory: few municipalities per size
 * class and sector, scores at the ends of the scale and tied, a viewer who owns all but
 * one member of a group, organisations that join (a submit) or change (a reopening)
 * between publications, two or three publications shown in turn.
 */
export interface GeneratedPlatform {
	/** the units of each publication, in the order they were shown */
	publications: PeerUnit[][];
	/** municipalities of the viewer's own collaboration */
	known: Set<string>;
}

const scoreArb = fc.oneof(
	{ weight: 5, arbitrary: fc.integer({ min: 0, max: 100 }) },
	{ weight: 1, arbitrary: fc.constantFrom(0, 1, 2, 98, 100) },
	{ weight: 1, arbitrary: fc.constant(50) }
);

const municipalityArb = fc.record({
	country: fc.oneof({ weight: 5, arbitrary: fc.constant('NO') }, { weight: 1, arbitrary: fc.constant('SE') }),
	sizeClass: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...sizeClasses) }, { weight: 1, arbitrary: fc.constant(null) }),
	score: scoreArb,
	sectors: fc.subarray(['helse', 'skole']),
	sectorScores: fc.tuple(scoreArb, scoreArb),
	/** the publication it first appears in (beyond the last: never) */
	enters: fc.nat({ max: 3 }),
	/** a publication from which its score is another (a reopened, changed response) */
	changes: fc.option(fc.record({ at: fc.nat({ max: 2 }), score: scoreArb }), { nil: undefined }),
	own: fc.boolean()
});

export const platformArb: fc.Arbitrary<GeneratedPlatform> = fc
	.record({
		municipalities: fc.array(municipalityArb, { minLength: 3, maxLength: 14 }),
		publications: fc.integer({ min: 1, max: 3 }),
		ownership: fc.constantFrom('random', 'none', 'all-but-one'),
		dimensions: fc.constantFrom(['culture'], ['culture', 'strategy'])
	})
	.map(({ municipalities, publications, ownership, dimensions }) => {
		const ids = municipalities.map((_, i) => `m${i}`);
		let known = new Set(ids.filter((_, i) => ownership === 'random' && municipalities[i]!.own));
		if (ownership === 'all-but-one') {
			// The viewer owns every member of the largest size class but one: the insider case.
			const bySize = new Map<string, string[]>();
			municipalities.forEach(
				(m, i) => m.sizeClass && bySize.set(`${m.country}:${m.sizeClass}`, [...(bySize.get(`${m.country}:${m.sizeClass}`) ?? []), ids[i]!])
			);
			const largest = [...bySize.values()].sort((a, b) => b.length - a.length)[0] ?? [];
			known = new Set(largest.slice(1));
		}
		const shown = Array.from({ length: publications }, (_, t) =>
			municipalities.flatMap((m, i): PeerUnit[] => {
				if (m.enters > t) return [];
				const changed = m.changes && m.changes.at <= t;
				const base = changed ? m.changes!.score : m.score;
				return dimensions.flatMap((dimension, d) => {
					const shift = (value: number) => (d === 0 ? value : Math.min(100, Math.max(0, 100 - value)));
					return [
						{ municipalityId: ids[i]!, sectorKey: '', dimension, country: m.country, sizeClass: m.sizeClass, score: shift(base) },
						...m.sectors.map((sectorKey, s) => ({
							municipalityId: ids[i]!,
							sectorKey,
							dimension,
							country: m.country,
							sizeClass: null,
							score: shift(changed && s === 0 ? m.changes!.score : m.sectorScores[s]!)
						}))
					];
				});
			})
		);
		return { publications: shown, known };
	});

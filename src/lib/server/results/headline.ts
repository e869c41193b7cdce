import type { Trend } from './trends';

/**
 * The one sentence a leader reads first on the signed-in home ("level 4 in all five
 * dimensions, above the collaboration median in all, +6.6 since 2025"), composed from
 * numbers that went through the results views and the disclosure module already: a
 * dimension without a score, or a median the viewer may not see, is simply left out of
 * the sentence, never guessed at.
 */
export interface HeadlineDimension {
	score: number | null;
	level: number | null;
	/** the collaboration's median as shown to this viewer; null when withheld or not compared */
	median: number | null;
}

export interface Headline {
	dimensions: number;
	/** dimensions with a score */
	measured: number;
	/** the lowest and highest level among them; null when none has a score */
	levels: { from: number; to: number } | null;
	/** dimensions compared with the collaboration's median, and how many are above it */
	compared: number;
	above: number;
	/** the mean change over the dimensions, against the round before; only where every scored dimension has one */
	change: { difference: number; since: number } | null;
}

export function headlineOf(dimensions: readonly HeadlineDimension[], trend: readonly Trend[], year: number): Headline {
	const scored = dimensions.filter((d) => d.score !== null && d.level !== null);
	const levels = scored.map((d) => d.level!);
	const compared = scored.filter((d) => d.median !== null);
	return {
		dimensions: dimensions.length,
		measured: scored.length,
		levels: levels.length ? { from: Math.min(...levels), to: Math.max(...levels) } : null,
		compared: compared.length,
		above: compared.filter((d) => d.score! > d.median!).length,
		change: changeOf(trend, year, scored.length)
	};
}

function changeOf(trend: readonly Trend[], year: number, scored: number): Headline['change'] {
	const changes = trend.flatMap((t) => {
		const points = t.points;
		const i = points.findIndex((p) => p.year === year);
		const point = points[i];
		return point?.change && i > 0 ? [{ difference: point.change.difference, since: points[i - 1]!.year }] : [];
	});
	if (scored === 0 || changes.length < scored) return null;
	const since = changes[0]!.since;
	if (changes.some((c) => c.since !== since)) return null;
	return { difference: Math.round((changes.reduce((s, c) => s + c.difference, 0) / changes.length) * 10) / 10, since };
}

/**
 * How each item type turns an answer into a score 0..100 (docs/scoring.md). The one
 * place that knows how many points an item has, what a checklist's options weigh and
 * where an amount's bands start: everything else asks `itemScale` and the functions
 * below. Pure, over plain data.
 */

/** What scoring needs of a questionnaire item; the version's items fit it. */
export interface ScaleSource {
	type?: 'scale' | 'yes-partly-no' | 'checklist' | 'percent' | 'count-band';
	levels?: readonly unknown[];
	values?: readonly number[];
	options?: readonly { key: string; weight?: number; exclusive?: boolean }[];
	score_bands?: readonly { from: number; score: number }[];
}

export type ItemScale =
	/** scale and yes-partly-no: one of the points, each with its score */
	| { type: 'points'; values: readonly number[] }
	/** the weighted share of the options ticked; an exclusive option ("none of these") stands alone and scores 0 */
	| { type: 'checklist'; options: readonly { key: string; weight: number; exclusive: boolean }[] }
	/** a number (a percent, a count) scored by the highest band it reaches */
	| { type: 'amount'; max: number | null; integer: boolean; bands: readonly { from: number; score: number }[] };

/** One chosen answer; not applicable and don't know carry no score. */
export type AnswerValue =
	| { kind: 'level'; level: number }
	| { kind: 'ticked'; ticked: readonly string[] }
	| { kind: 'amount'; amount: number }
	| { kind: 'not_applicable' }
	| { kind: 'dont_know' };

/** no, partly, yes */
const YES_PARTLY_NO: readonly number[] = [0, 50, 100];

/** Points spread evenly over 0..100: what a scale without values of its own gets. */
export function evenlySpaced(points: number): number[] {
	return Array.from({ length: points }, (_, i) => (100 * i) / (points - 1));
}

/**
 * The scale of an item. A scale item's values are its own, else the version's
 * `scoring.values` where those have as many points, else evenly spaced. Without an item
 * (the files from before types), the version's values.
 */
export function itemScale(versionValues: readonly number[], item?: ScaleSource): ItemScale {
	switch (item?.type ?? 'scale') {
		case 'yes-partly-no':
			return { type: 'points', values: item?.values ?? YES_PARTLY_NO };
		case 'checklist':
			return {
				type: 'checklist',
				options: (item?.options ?? []).map((o) => ({ key: o.key, weight: o.exclusive ? 0 : (o.weight ?? 1), exclusive: o.exclusive ?? false }))
			};
		case 'percent':
			return { type: 'amount', max: 100, integer: false, bands: item?.score_bands ?? [] };
		case 'count-band':
			return { type: 'amount', max: null, integer: true, bands: item?.score_bands ?? [] };
		default: {
			if (item?.values) return { type: 'points', values: item.values };
			const points = item?.levels?.length ?? versionValues.length;
			return { type: 'points', values: points === versionValues.length ? versionValues : evenlySpaced(points) };
		}
	}
}

/** Whether the answer is one this item can be given (its kind, a point it has, options it lists, an amount in range). */
export function fitsScale(scale: ItemScale, answer: AnswerValue): boolean {
	if (answer.kind === 'not_applicable' || answer.kind === 'dont_know') return true;
	switch (scale.type) {
		case 'points':
			return answer.kind === 'level' && Number.isInteger(answer.level) && answer.level >= 1 && answer.level <= scale.values.length;
		case 'checklist': {
			if (answer.kind !== 'ticked' || answer.ticked.length === 0 || new Set(answer.ticked).size !== answer.ticked.length) return false;
			const options = answer.ticked.map((key) => scale.options.find((o) => o.key === key));
			if (options.some((o) => o === undefined)) return false;
			return !options.some((o) => o!.exclusive) || options.length === 1;
		}
		case 'amount':
			return (
				answer.kind === 'amount' &&
				Number.isFinite(answer.amount) &&
				answer.amount >= 0 &&
				(scale.max === null || answer.amount <= scale.max) &&
				(!scale.integer || Number.isInteger(answer.amount))
			);
	}
}

/** The 0..100 value of one answer; null for not applicable, don't know and an answer that does not fit the item. */
export function scoreOf(scale: ItemScale, answer: AnswerValue): number | null {
	if (!fitsScale(scale, answer) || answer.kind === 'not_applicable' || answer.kind === 'dont_know') return null;
	switch (answer.kind) {
		case 'level':
			return (scale as Extract<ItemScale, { type: 'points' }>).values[answer.level - 1]!;
		case 'ticked': {
			const options = (scale as Extract<ItemScale, { type: 'checklist' }>).options;
			const total = options.reduce((sum, o) => sum + o.weight, 0);
			const ticked = options.filter((o) => answer.ticked.includes(o.key)).reduce((sum, o) => sum + o.weight, 0);
			return total > 0 ? Math.min(100, (100 * ticked) / total) : 0;
		}
		case 'amount': {
			const bands = (scale as Extract<ItemScale, { type: 'amount' }>).bands;
			let score = 0;
			for (const band of bands) if (band.from <= answer.amount) score = band.score;
			return score;
		}
	}
}

/** Every score an answer to the item can have, ascending: what pooled figures must not pin down (disclosure). */
export function possibleScores(scale: ItemScale): number[] {
	let scores: number[];
	if (scale.type === 'points') scores = [...scale.values];
	else if (scale.type === 'amount') scores = scale.bands.map((b) => b.score);
	else {
		// Every subset's weighted share; a checklist has a handful of options, so this stays small.
		const weights = scale.options.filter((o) => !o.exclusive).map((o) => o.weight);
		const total = weights.reduce((s, w) => s + w, 0);
		let sums = [0];
		for (const w of weights.slice(0, 16)) sums = [...sums, ...sums.map((s) => s + w)];
		scores = sums.map((s) => (total > 0 ? (100 * s) / total : 0));
	}
	return [...new Set(scores)].sort((a, b) => a - b);
}

/**
 * The point whose value a pooled mean has reached (the highest point valued at or below
 * it), 1-based: the point whose recommendation applies. Null for items without points.
 */
export function pointReached(scale: ItemScale, mean: number): number | null {
	if (scale.type !== 'points') return null;
	return scale.values.reduce((point, value, i) => (value <= mean ? i + 1 : point), 1);
}

/** An answer as the database stores it (columns kind, level, ticked, amount); null for a row without a choice. */
export function storedAnswer(row: {
	kind: string | null;
	level?: number | null;
	ticked?: readonly string[] | null;
	amount?: number | string | null;
}): AnswerValue | null {
	switch (row.kind) {
		case 'level':
			return { kind: 'level', level: row.level! };
		case 'ticked':
			return { kind: 'ticked', ticked: row.ticked ?? [] };
		case 'amount':
			return { kind: 'amount', amount: Number(row.amount) };
		case 'not_applicable':
		case 'dont_know':
			return { kind: row.kind };
		default:
			return null;
	}
}

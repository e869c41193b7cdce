/**
 * Suppression of benchmark figures (BRIEF §6): a figure about fewer than k
 * organisations is never shown, and cannot be worked out from the figures that are.
 *
 * A table has cells (row × column, each with the number of organisations behind it)
 * and, optionally, a total per row, per column, and a grand total. A total's count is
 * the sum of its line's cells: each organisation sits in one cell.
 *
 * 1. Primary suppression: every cell and every shown total with count < k.
 * 2. Complementary suppression. Each shown total and its members form a line: a row
 *    with its row total, a column with its column total, and, with a grand total,
 *    the row totals (and the column totals) with the grand total. A visible total
 *    minus the visible members gives the sum of the suppressed members, so a line
 *    with a visible total is safe only when it has no suppressed member, or at least
 *    two of which not exactly one is non-empty (an empty cell hides nothing: knowing
 *    it is 0 would give away its partner). For each unsafe line, in a fixed order,
 *    suppress its visible member with the smallest count (ties: the first by row,
 *    then column key); when no member is visible, suppress the total instead. Repeat
 *    over all lines until nothing changes; every step hides one more figure, so it ends.
 *
 * The result is the same whatever order the cells come in. This is the usual
 * "at least two per line" rule; it stops recovery by subtraction, not every bound a
 * linear program could put on a hidden cell, which is why k is never below 3.
 */
import { minimumGroupSize } from './peers';

export interface SuppressionCell {
	row: string;
	column: string;
	/** Organisations behind the cell's figure. */
	count: number;
}

export interface SuppressionTable<C extends SuppressionCell = SuppressionCell> {
	cells: readonly C[];
	/** Which totals the table shows. */
	totals: { rows: boolean; columns: boolean; grand: boolean };
}

export type Suppression = 'primary' | 'complementary';

/** A figure of the table: null means shown. */
export interface Suppressed {
	suppressed: Suppression | null;
}

export interface SuppressedTable<C extends SuppressionCell = SuppressionCell> {
	/** The cells in the order given. */
	cells: (C & Suppressed)[];
	/** Sorted by row key; empty when row totals are not shown. */
	rowTotals: ({ row: string; count: number } & Suppressed)[];
	/** Sorted by column key; empty when column totals are not shown. */
	columnTotals: ({ column: string; count: number } & Suppressed)[];
	grandTotal: ({ count: number } & Suppressed) | null;
}

/** A distribution (no totals to subtract from) is shown only for at least k organisations. */
export function peerGroupShown(organisations: number, k?: number): boolean {
	return organisations >= minimumGroupSize(k);
}

interface Figure extends Suppressed {
	count: number;
}

interface Line {
	members: Figure[];
	total: Figure;
}

/** Which figures of the table may be shown for group size k (clamped by minimumGroupSize). */
export function suppress<C extends SuppressionCell>(table: SuppressionTable<C>, k?: number): SuppressedTable<C> {
	const minimum = minimumGroupSize(k);
	const figure = (count: number): Figure => ({ count, suppressed: count < minimum ? 'primary' : null });
	const cellKey = (row: string, column: string) => JSON.stringify([row, column]);

	const cells = new Map<string, Figure>();
	for (const cell of table.cells) {
		const key = cellKey(cell.row, cell.column);
		if (cells.has(key)) throw new Error(`the table has two cells for row "${cell.row}", column "${cell.column}"`);
		cells.set(key, figure(cell.count));
	}
	const rows = sortedKeys(table.cells.map((c) => c.row));
	const columns = sortedKeys(table.cells.map((c) => c.column));
	// Members in row-then-column order, so "the first" among equal counts is well defined.
	const membersOf = (pairs: [string, string][]) => pairs.flatMap(([r, c]) => cells.get(cellKey(r, c)) ?? []);
	const rowMembers = rows.map((r) => membersOf(columns.map((c) => [r, c])));
	const columnMembers = columns.map((c) => membersOf(rows.map((r) => [r, c])));
	const sum = (figures: Figure[]) => figures.reduce((total, f) => total + f.count, 0);

	const rowTotals = table.totals.rows ? rowMembers.map((members) => figure(sum(members))) : [];
	const columnTotals = table.totals.columns ? columnMembers.map((members) => figure(sum(members))) : [];
	const grandTotal = table.totals.grand ? figure(sum([...cells.values()])) : null;

	const lines: Line[] = [
		...rowTotals.map((total, i) => ({ members: rowMembers[i]!, total })),
		...columnTotals.map((total, i) => ({ members: columnMembers[i]!, total })),
		...(grandTotal && rowTotals.length > 0 ? [{ members: rowTotals, total: grandTotal }] : []),
		...(grandTotal && columnTotals.length > 0 ? [{ members: columnTotals, total: grandTotal }] : [])
	];
	protect(lines);

	return {
		cells: table.cells.map((cell) => ({ ...cell, suppressed: cells.get(cellKey(cell.row, cell.column))!.suppressed })),
		rowTotals: rowTotals.map((t, i) => ({ row: rows[i]!, count: t.count, suppressed: t.suppressed })),
		columnTotals: columnTotals.map((t, i) => ({ column: columns[i]!, count: t.count, suppressed: t.suppressed })),
		grandTotal: grandTotal && { count: grandTotal.count, suppressed: grandTotal.suppressed }
	};
}

/** Complementary suppression until every line with a visible total is safe. */
function protect(lines: readonly Line[]) {
	let changed = true;
	while (changed) {
		changed = false;
		for (const line of lines) {
			if (line.total.suppressed || isSafe(line.members)) continue;
			const complement = line.members
				.filter((m) => !m.suppressed)
				.reduce<Figure | undefined>((smallest, m) => (smallest === undefined || m.count < smallest.count ? m : smallest), undefined);
			(complement ?? line.total).suppressed = 'complementary';
			changed = true;
		}
	}
}

/** Safe against subtraction from the line's visible total (see the file header). */
export function isSafe(members: readonly { count: number; suppressed: Suppression | null }[]): boolean {
	const hidden = members.filter((m) => m.suppressed);
	const nonEmpty = hidden.filter((m) => m.count > 0);
	return hidden.length === 0 || (hidden.length >= 2 && nonEmpty.length !== 1);
}

function sortedKeys(keys: string[]): string[] {
	return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

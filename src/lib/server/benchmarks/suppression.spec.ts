import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumGroupSize } from './peers';
import { isSafe, peerGroupShown, suppress, type SuppressedTable, type SuppressionCell } from './suppression';

/** A benchmark cell: organisations behind it and the sum of their scores. */
type Cell = SuppressionCell & { sum: number };
const cell = (key: string, count: number, sum = count * 50): Cell => {
	const [row, column] = key.split('.') as [string, string];
	return { row, column, count, sum };
};
const rowTotalsOnly = { rows: true, columns: false, grand: false };
const allTotals = { rows: true, columns: true, grand: true };

const hidden = (result: SuppressedTable) =>
	[
		...result.cells.filter((c) => c.suppressed).map((c) => `${c.row}.${c.column}:${c.suppressed}`),
		...result.rowTotals.filter((t) => t.suppressed).map((t) => `row ${t.row}:${t.suppressed}`),
		...result.columnTotals.filter((t) => t.suppressed).map((t) => `column ${t.column}:${t.suppressed}`),
		...(result.grandTotal?.suppressed ? [`grand:${result.grandTotal.suppressed}`] : [])
	].sort();

/** Every line with a visible total, as it appears in the result (see the file header of suppression.ts). */
function linesOf(result: SuppressedTable) {
	const rowTotals = new Map(result.rowTotals.map((t) => [t.row, t]));
	const columnTotals = new Map(result.columnTotals.map((t) => [t.column, t]));
	return [
		...[...rowTotals].map(([row, total]) => ({ total, members: result.cells.filter((c) => c.row === row) })),
		...[...columnTotals].map(([column, total]) => ({ total, members: result.cells.filter((c) => c.column === column) })),
		...(result.grandTotal && result.rowTotals.length > 0 ? [{ total: result.grandTotal, members: result.rowTotals }] : []),
		...(result.grandTotal && result.columnTotals.length > 0 ? [{ total: result.grandTotal, members: result.columnTotals }] : [])
	].filter((line) => !line.total.suppressed);
}

describe('suppress', () => {
	it('shows a table whose every figure covers at least k organisations', () => {
		const table = { cells: [cell('small.no', 5), cell('small.se', 7), cell('large.no', 9), cell('large.se', 6)], totals: allTotals };
		expect(hidden(suppress(table, 5))).toEqual([]);
	});

	it('does not leak a small cell through its row total, as suppressing small cells alone would', () => {
		const cells = [cell('small.no', 2, 61), cell('small.se', 12, 480), cell('small.fi', 10, 450)];
		const rowTotal = { count: 24, sum: 61 + 480 + 450 };

		// Suppressing only the cell below k: the total minus the visible cells gives it away.
		const naive = cells.filter((c) => c.count >= 5);
		expect(rowTotal.sum - naive.reduce((s, c) => s + c.sum, 0)).toBe(61);

		const result = suppress({ cells, totals: rowTotalsOnly }, 5);
		expect(hidden(result)).toEqual(['small.fi:complementary', 'small.no:primary']);
		for (const line of linesOf(result)) expect(line.members.filter((m) => m.suppressed).length).not.toBe(1);
	});

	it('carries complementary suppression into the columns it touches', () => {
		const cells = [cell('a.x', 2), cell('a.y', 10), cell('a.z', 11), cell('b.x', 8), cell('b.y', 9), cell('b.z', 12)];
		expect(hidden(suppress({ cells, totals: { rows: true, columns: true, grand: false } }, 5))).toEqual([
			'a.x:primary',
			'a.y:complementary',
			'b.x:complementary',
			'b.y:complementary'
		]);
	});

	it('suppresses the total when no other figure in its line can hide the first', () => {
		// One column: hiding a.x needs b.x hidden in the column, and then row b's total is b.x itself.
		const cells = [cell('a.x', 2), cell('b.x', 7)];
		expect(hidden(suppress({ cells, totals: { rows: true, columns: true, grand: false } }, 5))).toEqual([
			'a.x:primary',
			'b.x:complementary',
			'row a:primary',
			'row b:complementary'
		]);
	});

	it('does not count an empty cell as cover for a non-empty one', () => {
		// Column y: a.y (hidden to cover a.x) and the empty b.y; their total would be a.y alone.
		const cells = [cell('a.x', 2), cell('a.y', 10), cell('b.x', 5), cell('b.y', 0)];
		const result = suppress({ cells, totals: { rows: true, columns: true, grand: false } }, 3);
		expect(hidden(result)).toEqual(['a.x:primary', 'a.y:complementary', 'b.x:complementary', 'b.y:primary', 'column y:complementary', 'row b:complementary']);
	});

	it('protects row totals against the grand total', () => {
		const cells = [cell('a.x', 2), cell('b.x', 10), cell('c.x', 12)];
		expect(hidden(suppress({ cells, totals: { rows: true, columns: false, grand: true } }, 5))).toEqual([
			'a.x:primary',
			'row a:primary',
			'row b:complementary'
		]);
	});

	it('never uses k below 3, defaults to 5, and refuses two cells in one place', () => {
		const cells = [cell('a.x', 2), cell('a.y', 4), cell('b.x', 4), cell('b.y', 4)];
		const none = { rows: false, columns: false, grand: false };
		expect(hidden(suppress({ cells, totals: none }, 1))).toEqual(['a.x:primary']);
		expect(hidden(suppress({ cells, totals: none }))).toHaveLength(4);
		expect(() => suppress({ cells: [cell('a.x', 5), cell('a.x', 6)], totals: none })).toThrow(/two cells/);
	});

	it('hides no small figure, and leaves no line with one hidden figure, on any table', () => {
		fc.assert(
			fc.property(tableArb, fc.integer({ min: -1, max: 8 }), (table, k) => {
				const result = suppress(table, k);
				const minimum = minimumGroupSize(k);
				const figures = [...result.cells, ...result.rowTotals, ...result.columnTotals, ...(result.grandTotal ? [result.grandTotal] : [])];
				for (const f of figures) expect(f.suppressed !== null || f.count >= minimum).toBe(true);
				for (const c of result.cells) if (c.count < minimum) expect(c.suppressed).toBe('primary');
				for (const line of linesOf(result)) {
					expect(line.members.filter((m) => m.suppressed).length).not.toBe(1);
					expect(isSafe(line.members)).toBe(true);
				}
			})
		);
	});

	it('gives the same answer whatever order the cells come in', () => {
		const shuffled = tableArb.chain((table) =>
			fc.record({
				table: fc.constant(table),
				cells: fc.shuffledSubarray([...table.cells], { minLength: table.cells.length, maxLength: table.cells.length })
			})
		);
		fc.assert(
			fc.property(shuffled, ({ table, cells }) => {
				expect(hidden(suppress({ ...table, cells }))).toEqual(hidden(suppress(table)));
			})
		);
	});
});

describe('peerGroupShown', () => {
	it('shows a peer group of at least k organisations, with k never below 3', () => {
		expect([peerGroupShown(4), peerGroupShown(5)]).toEqual([false, true]);
		expect([peerGroupShown(2, 2), peerGroupShown(3, 2), peerGroupShown(3, 4)]).toEqual([false, true, false]);
	});
});

/** Up to 5 × 5 tables with holes, counts 0 … 20, and any combination of shown totals. */
const tableArb = fc
	.record({
		counts: fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), { minLength: 1, maxLength: 5 }), {
			minLength: 1,
			maxLength: 5
		}),
		totals: fc.record({ rows: fc.boolean(), columns: fc.boolean(), grand: fc.boolean() })
	})
	.map(({ counts, totals }) => ({
		cells: counts.flatMap((row, r) => row.flatMap((count, c) => (count === undefined ? [] : [cell(`r${r}.c${c}`, count)]))),
		totals
	}));

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locales } from '../../i18n';
import { toCsv, type Table } from './round-export';

/** The cells of a CSV text, read as a spreadsheet reads it with `separator`: quotes honoured. */
function readCsv(text: string, separator: string): string[][] {
	const rows: string[][] = [[]];
	let cell = '';
	let quoted = false;
	for (let i = text.startsWith('\ufeff') ? 1 : 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === separator) {
			rows.at(-1)!.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			rows.at(-1)!.push(cell);
			cell = '';
			rows.push([]);
			i++;
		} else cell += c;
	}
	if (cell !== '' || rows.at(-1)!.length > 0) rows.at(-1)!.push(cell);
	if (rows.at(-1)!.length === 0) rows.pop();
	return rows;
}

const formula = /^[=+\-@\t\r]/;
const table = (cells: (string | number | null)[]): Table => ({ sheet: 'answers', headers: cells.map((_, i) => `h${i}`), rows: [cells] });

describe('toCsv', () => {
	it('keeps "x,=1+1" one text cell in a semicolon file opened with commas', () => {
		const csv = toCsv(table(['x,=1+1']), 'nb');
		expect(readCsv(csv, ',')[1]).toEqual(['x,=1+1']);
		expect(readCsv(csv, ';')[1]).toEqual(['x,=1+1']);
	});

	it('writes no cell a spreadsheet would run as a formula, whatever separator it is opened with (property)', () => {
		const hostile = fc.oneof(
			fc.string(),
			fc.constantFrom('=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', 'x,=1+1', 'x;=1+1', 'x\t=1+1', 'a"b', 'line\n=2', '=HYPERLINK("x")'),
			fc.tuple(fc.string(), fc.constantFrom(',', ';', '\t', '\n', '\r\n'), fc.constantFrom('=', '+', '-', '@'), fc.string()).map((p) => p.join(''))
		);
		fc.assert(
			fc.property(fc.array(hostile, { minLength: 1, maxLength: 6 }), fc.constantFrom(...locales), fc.constantFrom(',', ';', '\t'), (cells, locale, opener) => {
				for (const row of readCsv(toCsv(table(cells), locale), opener)) {
					for (const cell of row) expect(cell, `${JSON.stringify(cells)} as ${locale}, opened with ${JSON.stringify(opener)}`).not.toMatch(formula);
				}
			})
		);
	});

	it('keeps every text as it was, behind one apostrophe where it would start a formula', () => {
		const cells = ['x,=1+1', '=1+1', 'plain', 'a"quote"', 'two\nlines', '-', '', 'æøå'];
		for (const locale of locales) {
			const separator = locale === 'en' ? ',' : ';';
			const [, row] = readCsv(toCsv(table(cells), locale), separator);
			expect(row).toEqual(cells.map((c) => (formula.test(c) ? `'${c}` : c)));
		}
	});

	it('writes numbers as numbers of the reader’s language, and nothing for no value', () => {
		expect(toCsv(table([2.5, 40, null]), 'nb').split('\r\n')[1]).toBe('2,5;40;');
		expect(toCsv(table([2.5, 40, null]), 'en').split('\r\n')[1]).toBe('2.5,40,');
	});
});

import fs from 'node:fs';

/**
 * One row of the bench's table: a figure, what it is measured against in the same run
 * (its floor), the ratio, and the target the ratio (or, without a floor, the value) must meet.
 */
export interface Figure {
	figure: string;
	unit: string;
	value: number;
	floor: number | null;
	/** value / floor, or null without a floor */
	ratio: number | null;
	target: { op: '<=' | '>='; limit: number; of: 'ratio' | 'value' } | null;
	met: boolean | null;
}

export function figure(name: string, unit: string, value: number, floor: number | null, target: Figure['target'] = null): Figure {
	const ratio = floor === null || floor === 0 ? null : value / floor;
	const measured = target?.of === 'ratio' ? ratio : value;
	const met = target === null || measured === null ? null : target.op === '<=' ? measured <= target.limit : measured >= target.limit;
	return { figure: name, unit, value, floor, ratio, target, met };
}

export const atMost = (limit: number, of: 'ratio' | 'value' = 'ratio'): Figure['target'] => ({ op: '<=', limit, of });
export const atLeast = (limit: number, of: 'ratio' | 'value' = 'ratio'): Figure['target'] => ({ op: '>=', limit, of });

const number = (n: number | null) => (n === null ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(figures: readonly Figure[]): string {
	const rows = figures.map((f) => [
		f.figure,
		`${number(f.value)} ${f.unit}`,
		f.floor === null ? '–' : `${number(f.floor)} ${f.unit}`,
		f.ratio === null ? '–' : `${f.ratio.toFixed(2)}×`,
		f.target === null ? '–' : `${f.target.op === '<=' ? '≤' : '≥'} ${f.target.limit}${f.target.of === 'ratio' ? '×' : ` ${f.unit}`}`,
		f.met === null ? '–' : f.met ? 'yes' : 'NO'
	]);
	const header = ['figure', 'value', 'floor', 'ratio', 'target', 'met'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function writeResults(file: string, results: object): void {
	fs.writeFileSync(file, `${JSON.stringify(results, null, '\t')}\n`);
}

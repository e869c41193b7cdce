/**
 * Feasible ranges of linear expressions over a bounded linear system, solved exactly by
 * HiGHS (compiled to WebAssembly, the `highs` package): the attacker's question "given
 * every number I was shown, how low and how high can this hidden value be?".
 */
import { createRequire } from 'node:module';
import loadHighs from 'highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type Model = ReturnType<Highs['createModel']>;

let loaded: Promise<Highs> | undefined;

/** The solver, loaded once per process (≈ 60 ms). */
function solver(): Promise<Highs> {
	const wasm = createRequire(import.meta.url).resolve('highs/runtime');
	return (loaded ??= loadHighs({ locateFile: () => wasm }));
}

export interface Row {
	columns: readonly number[];
	coefficients: readonly number[];
	lower: number;
	upper: number;
}

export interface LinearSystem {
	/** bounds of each variable */
	bounds: readonly (readonly [number, number])[];
	rows: readonly Row[];
}

export interface Expression {
	columns: readonly number[];
	coefficients: readonly number[];
}

export interface Range {
	min: number;
	max: number;
	/** rows that hold the minimum (resp. maximum) where it is: dropping one of them could widen the range */
	bindingAtMin: number[];
	bindingAtMax: number[];
}

const DUAL_TOLERANCE = 1e-9;

/**
 * The smallest and largest value of each expression over the system's feasible set.
 * The system must be feasible (the true values always are).
 */
export async function feasibleRanges(system: LinearSystem, expressions: readonly Expression[]): Promise<Range[]> {
	if (expressions.length === 0) return [];
	const highs = await solver();
	const model = highs.createModel();
	try {
		model.options.set({ output_flag: false });
		model.addVars(
			system.bounds.map((b) => b[0]),
			system.bounds.map((b) => b[1])
		);
		for (const row of system.rows) model.addRow(row.lower, row.upper, { indices: [...row.columns], values: [...row.coefficients] });
		const { minimize, maximize } = highs.constants.objectiveSense;
		return expressions.map((expression) => {
			const cost = (values: readonly number[]) => expression.columns.forEach((column, i) => model.changeColCost(column, values[i]!));
			cost(expression.coefficients);
			const low = optimum(model, highs, minimize);
			const high = optimum(model, highs, maximize);
			cost(expression.columns.map(() => 0));
			return { min: low.value, max: high.value, bindingAtMin: low.binding, bindingAtMax: high.binding };
		});
	} finally {
		model.dispose();
	}
}

function optimum(model: Model, highs: Highs, sense: Parameters<Model['changeObjectiveSense']>[0]): { value: number; binding: number[] } {
	model.changeObjectiveSense(sense);
	model.run();
	const status = model.getModelStatus();
	if (status !== highs.constants.modelStatus.optimal) throw new Error(`the disclosure audit's linear program ended with status ${status}`);
	const duals = model.getSolution().rowDual;
	const binding: number[] = [];
	duals.forEach((dual, row) => {
		if (Math.abs(dual) > DUAL_TOLERANCE) binding.push(row);
	});
	return { value: model.getObjectiveValue(), binding };
}

import { createRequire } from 'node:module';
import loadHighs from 'highs';

/**
 * The attacker: given the linear facts a viewer collected (each shown mean with its n is
 * a sum; every score lies in its bounds; their own organisations' scores are known), how
 * low and how high can each secret be? Written apart from the app's audit on purpose (its
 * own formulation over single scores, solved from LP text), so that it checks the
 * disclosure module instead of repeating it.
 */
export interface Term {
	variable: string;
	coefficient: number;
}

/** Σ coefficient·variable lies in [low, high]; equal for an exact sum. */
export interface Fact {
	terms: Term[];
	low: number;
	high: number;
}

export interface Problem {
	/** every unknown variable with its bounds */
	variables: Map<string, { lower: number; upper: number }>;
	facts: Fact[];
}

export interface Range {
	min: number;
	max: number;
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let loaded: Promise<Highs> | undefined;
const highs = () => (loaded ??= loadHighs({ locateFile: () => createRequire(import.meta.url).resolve('highs/runtime') }));

/** The feasible range of each expression over the problem. */
export async function solveRanges(problem: Problem, expressions: Term[][]): Promise<Range[]> {
	const solver = await highs();
	const names = new Map([...problem.variables.keys()].map((name, i) => [name, `x${i}`]));
	const linear = (terms: Term[]) =>
		terms.length === 0 ? '0 x0' : terms.map((t) => `${t.coefficient >= 0 ? '+' : '-'} ${Math.abs(t.coefficient)} ${names.get(t.variable)!}`).join(' ');
	const constraints = problem.facts.flatMap((fact, i) =>
		fact.terms.length === 0
			? []
			: fact.low === fact.high
				? [` f${i}: ${linear(fact.terms)} = ${fact.low}`]
				: [` l${i}: ${linear(fact.terms)} >= ${fact.low}`, ` h${i}: ${linear(fact.terms)} <= ${fact.high}`]
	);
	const bounds = [...problem.variables].map(([name, b]) => ` ${b.lower} <= ${names.get(name)!} <= ${b.upper}`);
	const solve = (sense: 'Minimize' | 'Maximize', terms: Term[]) => {
		const text = [sense, ` obj: ${linear(terms)}`, 'Subject To', ...(constraints.length ? constraints : [' c0: 0 x0 >= 0']), 'Bounds', ...bounds, 'End'].join('\n');
		const result = solver.solve(text, { output_flag: false });
		if (result.Status !== 'Optimal') throw new Error(`the attacker's LP ended ${result.Status}`);
		return result.ObjectiveValue;
	};
	return expressions.map((terms) => {
		if (terms.length === 0 || problem.variables.size === 0) return { min: 0, max: 0 };
		return { min: solve('Minimize', terms), max: solve('Maximize', terms) };
	});
}

/** A secret value the viewer must not learn: the mean of some unknown variables. */
export interface Secret {
	label: string;
	variables: string[];
	/** its true value (the mean of the variables' true values) */
	truth: number;
	/** the true values of each variable, for the "every member" check */
	members: number[];
}

export interface Finding {
	label: string;
	min: number;
	max: number;
	truth: number;
	/** the range collapsed to one value */
	exact: boolean;
}

/**
 * Each secret's range must cover truth ± width (cut to 0..100): a hidden group's unknown
 * part as its mean, one organisation's score as itself.
 */
export async function attack(problem: Problem, secrets: Secret[], width: number): Promise<Finding[]> {
	const ranges = await solveRanges(
		problem,
		secrets.map((s) => s.variables.map((variable) => ({ variable, coefficient: 1 / s.variables.length })))
	);
	return secrets.flatMap((secret, i) => {
		const { min, max } = ranges[i]!;
		const low = Math.max(0, secret.truth - width);
		const high = Math.min(100, secret.truth + width);
		const exact = max - min < 1e-6;
		return exact || min > low + 1e-6 || max < high - 1e-6 ? [{ label: secret.label, min, max, truth: secret.truth, exact }] : [];
	});
}

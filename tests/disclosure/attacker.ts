import { createRequire } from 'node:module';
import loadHighs from 'highs';

/**
 * The attacker: given the linear facts a viewer collected (each shown mean with its n is
 * a sum; every score lies in its bounds; their own organisations' scores are known), how
 * low and how high can each secret be? Written apart from the app's audit on purpose (its
 * own formulation, over single scores rather than groups of indistinguishable ones), so
 * that it checks the disclosure module instead of repeating it.
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

/**
 * The feasible range of each expression over the problem. Variables that share no fact
 * are independent, so the problem is cut into connected parts, each solved on its own
 * model; an expression's range is the sum of its parts' ranges.
 */
export async function solveRanges(problem: Problem, expressions: Term[][]): Promise<Range[]> {
	const solver = await highs();
	const parts = components(problem);
	const models = new Map<number, { model: ReturnType<Highs['createModel']>; column: Map<string, number> }>();
	const modelOf = (part: number) => {
		const found = models.get(part);
		if (found) return found;
		const variables = [...problem.variables].filter(([name]) => parts.get(name) === part);
		const column = new Map(variables.map(([name], i) => [name, i]));
		const model = solver.createModel();
		model.options.set({ output_flag: false });
		model.addVars(
			variables.map(([, b]) => b.lower),
			variables.map(([, b]) => b.upper)
		);
		for (const fact of problem.facts) {
			const terms = fact.terms.filter((t) => column.has(t.variable));
			if (terms.length === 0) continue;
			model.addRow(fact.low, fact.high, { indices: terms.map((t) => column.get(t.variable)!), values: terms.map((t) => t.coefficient) });
		}
		models.set(part, { model, column });
		return models.get(part)!;
	};
	const optimum = (model: ReturnType<Highs['createModel']>, terms: Term[], column: Map<string, number>, sense: 'minimize' | 'maximize') => {
		for (const t of terms) model.changeColCost(column.get(t.variable)!, t.coefficient);
		model.changeObjectiveSense(solver.constants.objectiveSense[sense]);
		model.run();
		if (model.getModelStatus() !== solver.constants.modelStatus.optimal) throw new Error('the attacker’s linear program has no optimum');
		const value = model.getObjectiveValue();
		for (const t of terms) model.changeColCost(column.get(t.variable)!, 0);
		return value;
	};
	try {
		return expressions.map((terms) => {
			const byPart = new Map<number, Term[]>();
			for (const t of terms) byPart.set(parts.get(t.variable)!, [...(byPart.get(parts.get(t.variable)!) ?? []), t]);
			let [min, max] = [0, 0];
			for (const [part, partTerms] of byPart) {
				const { model, column } = modelOf(part);
				min += optimum(model, partTerms, column, 'minimize');
				max += optimum(model, partTerms, column, 'maximize');
			}
			return { min, max };
		});
	} finally {
		for (const { model } of models.values()) model.dispose();
	}
}

/** Connected parts of the problem: variables linked through the facts they appear in together. */
function components(problem: Problem): Map<string, number> {
	const parent = new Map([...problem.variables.keys()].map((name) => [name, name]));
	const root = (name: string): string => {
		let r = name;
		while (parent.get(r) !== r) r = parent.get(r)!;
		parent.set(name, r);
		return r;
	};
	for (const fact of problem.facts) for (const t of fact.terms.slice(1)) parent.set(root(t.variable), root(fact.terms[0]!.variable));
	const ids = new Map<string, number>();
	return new Map([...problem.variables.keys()].map((name) => [name, ids.get(root(name)) ?? ids.set(root(name), ids.size).get(root(name))!]));
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

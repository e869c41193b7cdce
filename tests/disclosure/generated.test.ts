import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { organisationOf, peerGroups, summarise, type PeerUnit } from '../../src/lib/server/benchmarks/groups';
import { isSensitive } from '../../src/lib/server/disclosure/decide';
import { decidePublication } from '../../src/lib/server/disclosure/peers';
import { policyOf, type HiddenReason } from '../../src/lib/server/disclosure/policy';
import { disclosePooled } from '../../src/lib/server/disclosure/respondents';
import { dimensionScores, itemScores, itemValue, type Answers, type AnswerValue, type ScoredItem } from '../../src/lib/server/scoring/score';
import { attack, solveRanges, type Fact, type Problem, type Secret } from './attacker';
import { platformArb, type GeneratedPlatform } from './platforms';

/**
 * The attacker suite on generated adversarial platforms (docs/privacy.md): the viewer is
 * shown each publication in turn, through the app's own decision, and collects every
 * number shown (each group's n and mean, so its sum); the attacker then works out, by
 * linear programming over all of it, how narrowly each hidden group and each organisation
 * the viewer does not know can be pinned down. No range may be narrower than the
 * protection width, and nothing may be recovered exactly.
 */
const RUNS = Number(process.env.ATTACK_RUNS ?? 1000);
const policy = policyOf({ k: 5, width: 10 });

/** One unit as a variable: the same organisation with another score is another variable. */
const variableOf = (u: PeerUnit) => `${u.dimension}|${organisationOf(u)}@${u.score}`;

/** What the viewer is shown of each publication, and what it hides. */
async function view(platform: GeneratedPlatform) {
	const shown: { units: PeerUnit[]; hidden: Map<string, HiddenReason> }[] = [];
	for (const units of platform.publications) {
		const { hidden } = await decidePublication({
			units,
			shownBefore: shown,
			knownMunicipalities: platform.known,
			policy
		});
		shown.push({ units, hidden });
	}
	return shown;
}

/** Everything the viewer learnt, as the attacker's linear problem, and the secrets to test. */
function problemOf(platform: GeneratedPlatform, shown: Awaited<ReturnType<typeof view>>) {
	const isKnown = (u: PeerUnit) => platform.known.has(u.municipalityId);
	const variables = new Map<string, { lower: number; upper: number }>();
	const facts: Fact[] = [];
	const secrets = new Map<string, Secret>();
	shown.forEach(({ units, hidden }, t) => {
		for (const group of peerGroups(units)) {
			const unknown = group.units.filter((u) => !isKnown(u));
			for (const u of unknown) {
				variables.set(variableOf(u), { lower: 0, upper: 100 });
				secrets.set(variableOf(u), { label: `organisation ${variableOf(u)}`, variables: [variableOf(u)], truth: u.score, members: [u.score] });
			}
			if (hidden.has(group.key)) {
				// A group hidden for its own sake is a secret; one hidden to protect another (difference, complementary) is not.
				if (unknown.length > 0 && isSensitive(hidden.get(group.key)))
					secrets.set(`${t}:${group.key}`, {
						label: `publication ${t + 1}: ${group.key} (${hidden.get(group.key)})`,
						variables: unknown.map(variableOf),
						truth: unknown.reduce((s, u) => s + u.score, 0) / unknown.length,
						members: unknown.map((u) => u.score)
					});
				continue;
			}
			// Shown: n and the mean, so the sum; the viewer's own scores come off it.
			const { organisations, mean } = summarise(group);
			const sum = organisations * mean - group.units.filter(isKnown).reduce((s, u) => s + u.score, 0);
			facts.push({ terms: unknown.map((u) => ({ variable: variableOf(u), coefficient: 1 })), low: sum - 1e-7, high: sum + 1e-7 });
		}
	});
	return { problem: { variables, facts } satisfies Problem, secrets: [...secrets.values()] };
}

describe('an attacker who combines every peer number shown', () => {
	it(`recovers nothing on ${RUNS} generated platforms, and every hidden value keeps the protection width`, async () => {
		const reasons = new Map<string, number>();
		await fc.assert(
			fc.asyncProperty(platformArb, async (platform) => {
				const shown = await view(platform);
				for (const { hidden } of shown) for (const reason of hidden.values()) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
				const { problem, secrets } = problemOf(platform, shown);
				expect(await attack(problem, secrets, policy.width)).toEqual([]);
			}),
			{ numRuns: RUNS, seed: 17 }
		);
		// The platforms reached every rule, so the property above was put to each of them.
		for (const reason of ['too_few', 'insider', 'dominance', 'difference', 'complementary']) expect(reasons.get(reason) ?? 0, reason).toBeGreaterThan(0);
	}, 600_000);
});

describe('a respondent of a confidential team who knows their own answers', () => {
	const rules = { values: [0, 25, 50, 75, 100], coverage: 0.5, bands: [{ level: 1, from: 0 }] };
	const items: ScoredItem[] = ['a1', 'a2', 'a3', 'b1', 'b2'].map((key, i) => ({ key, dimension: key[0]!, weight: 1 + (i % 2) }));
	const answerArb = fc.oneof(
		{ weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }).map((level): AnswerValue => ({ kind: 'level', level: level as 1 })) },
		{ weight: 2, arbitrary: fc.constantFrom<AnswerValue>({ kind: 'level', level: 1 }, { kind: 'level', level: 5 }) },
		{ weight: 1, arbitrary: fc.constant<AnswerValue>({ kind: 'dont_know' }) },
		{ weight: 1, arbitrary: fc.constant(undefined) }
	);
	const teamArb = fc
		.array(fc.array(answerArb, { minLength: items.length, maxLength: items.length }), { minLength: 2, maxLength: 6 })
		.map((team) => team.map((values) => new Map(values.flatMap((v, i): [string, AnswerValue][] => (v ? [[items[i]!.key, v]] : [])))) as Answers[]);

	it(`never pins another's answer, on ${RUNS} generated teams`, async () => {
		await fc.assert(
			fc.asyncProperty(teamArb, async (team) => {
				const pooled = {
					respondents: team.length,
					dimensions: dimensionScores(rules, items, team),
					items: Object.fromEntries(itemScores(rules, items, team)),
					responses: team.map((answers, r) => ({ respondentId: `r${r}`, answers }))
				};
				const shown = disclosePooled(pooled, { items, scoring: rules }, { accountable: false, team: 'confidential', userId: 'r0' });
				const value = (r: number, key: string) => {
					const answer = team[r]!.get(key);
					return answer ? itemValue(rules, answer) : null;
				};
				const variable = (r: number, key: string) => `${r}:${key}`;
				const others = team.map((_, r) => r).filter((r) => r > 0);
				const variables = new Map(
					others.flatMap((r) => items.filter((i) => value(r, i.key) !== null).map((i) => [variable(r, i.key), { lower: 0, upper: 100 }] as const))
				);
				const facts: Fact[] = items.flatMap((item) => {
					const mean = shown.items[item.key]!.mean;
					if (mean === null) return [];
					const n = shown.items[item.key]!.n;
					const sum = n * mean - (value(0, item.key) ?? 0);
					const terms = others.filter((r) => value(r, item.key) !== null).map((r) => ({ variable: variable(r, item.key), coefficient: 1 }));
					return [{ terms, low: sum - 1e-7, high: sum + 1e-7 }];
				});
				const targets = [...variables.keys()].map((v) => [{ variable: v, coefficient: 1 }]);
				const ranges = await solveRanges({ variables, facts }, targets);
				ranges.forEach((range, i) => {
					const possible = rules.values.filter((v) => v >= range.min - 1e-6 && v <= range.max + 1e-6);
					expect(possible.length, `answer ${[...variables.keys()][i]} pinned`).toBeGreaterThan(1);
				});
			}),
			{ numRuns: RUNS, seed: 23 }
		);
	}, 600_000);
});

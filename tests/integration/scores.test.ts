import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { reopenResponse, submitResponse, type Person } from '../../src/lib/server/assessments/response-lifecycle';
import { saveAnswers, type AnswerInput } from '../../src/lib/server/assessments/save-protocol';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { getVersionById } from '../../src/lib/server/questionnaires/versions';
import type { QuestionnaireDefinition } from '../../src/lib/server/questionnaires/schema';
import { policyOf } from '../../src/lib/server/disclosure/policy';
import { frameOf, resultRounds, snapshotCells } from '../../src/lib/server/results/queries';
import { currentSnapshot } from '../../src/lib/server/results/snapshots';
import { setTarget } from '../../src/lib/server/results/targets';
import { collaborationView, municipalityView } from '../../src/lib/server/results/pages';
import { dimensionScores, meanWithDistribution, type Answers, type AnswerValue } from '../../src/lib/server/scoring/score';
import { respondentScores } from '../../src/lib/server/scoring/uncertainty';
import { first, useTestDatabase } from './database';

/**
 * One test drives both: random answers are stored and submitted through the app, and
 * what the dashboards read (SQL over the score caches, through a round snapshot) must
 * equal what the pure scoring module computes from the same answers.
 */
describe('scores in SQL equal the pure scoring module', () => {
	const { sql } = useTestDatabase();
	let definition: QuestionnaireDefinition;
	let collaborationId: string;
	let roundId: string;
	const municipalities: string[] = [];
	let sectors: string[];
	/** what each assessment's submitted respondents answered, for the pure module */
	const given = new Map<string, Answers[]>();
	const people = new Map<string, Person>();

	const answerArb = fc.oneof(
		{ weight: 8, arbitrary: fc.integer({ min: 1, max: 5 }).map((level): AnswerValue => ({ kind: 'level', level: level as 1 })) },
		{ weight: 1, arbitrary: fc.constant<AnswerValue>({ kind: 'dont_know' }) },
		{ weight: 1, arbitrary: fc.constant(undefined) }
	);

	beforeAll(async () => {
		await publishFromDirectory(sql(), 'questionnaires', () => {});
		const { id: versionId } = await first(
			sql()<
				{ id: string }[]
			>`select id from questionnaire_version where version = 2 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
		);
		definition = (await getVersionById(sql(), versionId))!;
		collaborationId = (await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'kommunalt_oppgavefellesskap', country: 'NO' }, null)).id;
		for (const [number, name, population] of [
			['3403', 'Hamar', 31999],
			['3413', 'Stange', 21156],
			['3401', 'Kongsvinger', 17949],
			['3415', 'Sør-Odal', 7978],
			['3412', 'Løten', 7715],
			['3414', 'Nord-Odal', 5016]
		] as const) {
			const { id } = await first(
				sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', ${number}, ${name}) returning id`
			);
			await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaborationId}, ${id}, '2006-01-01')`;
			await sql()`insert into municipality_population (municipality_id, year, population) values (${id}, 2024, ${population})`;
			municipalities.push(id);
		}
		sectors = (await sql()<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position limit 3`).map((s) => s.id);
		const year = new Date().getFullYear();
		const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		roundId = await openRound(
			sql(),
			collaborationId,
			{ year, questionnaireVersionId: versionId, opensOn: iso(-1), closesOn: iso(30), municipalityIds: municipalities, sectorIds: sectors },
			null
		);

		const assessments = await sql()<
			{ id: string; municipality_id: string; sector_id: string }[]
		>`select id, municipality_id, sector_id from assessment where round_id = ${roundId} order by id`;
		let seed = 42;
		for (const assessment of assessments) {
			const respondents: Answers[] = [];
			for (let r = 0; r < 1 + (seed % 3); r++) {
				const email = `r${r}.${assessment.id}@test.no`;
				const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email) values (${email}) returning id`);
				await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id)
					values (${id}, 'respondent', ${collaborationId}, ${assessment.municipality_id}, ${assessment.sector_id})`;
				const person: Person = {
					id,
					grants: [{ role: 'respondent', collaborationId, municipalityId: assessment.municipality_id, sectorId: assessment.sector_id }]
				};
				people.set(email, person);
				// Some respondents answer little, so the coverage rule is exercised too.
				const sparse = seed++ % 7 === 0;
				const values = fc.sample(fc.array(answerArb, { minLength: definition.items.length, maxLength: definition.items.length }), {
					numRuns: 1,
					seed: seed++
				})[0]!;
				const answers = new Map<string, AnswerValue>();
				const inputs: AnswerInput[] = [];
				definition.items.forEach((item, i) => {
					const value = sparse && i % 2 === 0 ? undefined : values[i];
					if (!value) return;
					answers.set(item.key, value);
					inputs.push({
						itemKey: item.key,
						kind: value.kind,
						level: value.kind === 'level' ? value.level : null,
						naReason: null,
						comment: null,
						evidenceUrl: null,
						baseRevision: 0
					});
				});
				if (inputs.length === 0) continue;
				await saveAnswers(sql(), person, assessment.id, inputs);
				await submitResponse(sql(), person, assessment.id);
				respondents.push(answers);
			}
			given.set(assessment.id, respondents);
		}
	});

	const close = (a: number | null, b: number | null) => {
		if (a === null || b === null) expect(a).toBe(b);
		else expect(a).toBeCloseTo(b, 9);
	};

	const snapshotRows = async () => snapshotCells(sql(), (await currentSnapshot(sql(), roundId))!.id);
	const admin = { namesVisible: true, ownMunicipalities: [], collaborationIds: [] as string[], policy: policyOf() };

	it('per assessment and dimension', async () => {
		const rows = await snapshotRows();
		expect(new Set(rows.map((r) => r.assessmentId)).size).toBe(given.size);
		for (const [assessmentId, respondents] of given) {
			for (const expected of dimensionScores(definition.scoring, definition.items, respondents)) {
				const row = rows.find((r) => r.assessmentId === assessmentId && r.dimension === expected.dimension)!;
				close(row.score, expected.score);
				close(row.coverage, expected.coverage);
				close(row.answers > 0 ? row.dontKnow / row.answers : 0, expected.dontKnowRate);
				expect(row.respondents).toBe(respondents.length);
				// each respondent's own score, for the interval (scoring/uncertainty.ts)
				const own = respondentScores(definition.scoring, definition.items, respondents).get(expected.dimension)!;
				expect(row.respondentsScored).toBe(own.length);
				const mean = own.reduce((a, b) => a + b, 0) / own.length;
				close(row.respondentSd, own.length > 1 ? Math.sqrt(own.reduce((a, x) => a + (x - mean) ** 2, 0) / (own.length - 1)) : null);
			}
		}
		expect(rows.some((r) => r.score === null)).toBe(true); // the coverage rule was met somewhere
	});

	it('per member (mean of its sectors) and over the members (quartiles)', async () => {
		const assessments = await sql()<{ id: string; municipality_id: string }[]>`select id, municipality_id from assessment where round_id = ${roundId}`;
		const snapshot = (await currentSnapshot(sql(), roundId))!;
		// each member's mean of its sectors, as the dashboards show it
		const cells = await snapshotCells(sql(), snapshot.id);
		const members = [...new Set(cells.map((x) => `${x.municipalityId}|${x.dimension}`))].flatMap((key) => {
			const [municipalityId, dimension] = key.split('|') as [string, string];
			const scores = cells.filter((x) => x.municipalityId === municipalityId && x.dimension === dimension && x.score !== null).map((x) => x.score!);
			return scores.length ? [{ municipalityId, dimension, score: scores.reduce((a, b) => a + b, 0) / scores.length }] : [];
		});
		const round = (await resultRounds(sql(), collaborationId))[0]!;
		const context = { collaborationId, country: 'NO', round, frame: await frameOf(sql(), round, 'nb'), locale: 'nb' as const, snapshot };
		const { distribution } = await collaborationView(sql(), context, admin);
		for (const dimension of definition.dimensions.map((d) => d.key)) {
			const means: (number | null)[] = [];
			for (const municipalityId of municipalities) {
				const sectorScores = assessments
					.filter((a) => a.municipality_id === municipalityId)
					.map((a) => dimensionScores(definition.scoring, definition.items, given.get(a.id)!).find((d) => d.dimension === dimension)!.score);
				const expected = meanWithDistribution(sectorScores);
				const row = members.find((m) => m.municipalityId === municipalityId && m.dimension === dimension);
				close(row?.score ?? null, expected?.mean ?? null);
				means.push(expected?.mean ?? null);
			}
			const expected = meanWithDistribution(means)!;
			const row = distribution.find((d) => d.key === dimension)!;
			expect(row.organisations).toBe(expected.n);
			// shown with one decimal (the one rounding rule)
			for (const q of ['min', 'q1', 'median', 'q3', 'max'] as const) expect(Math.abs(row.quartiles![q] - expected[q])).toBeLessThanOrEqual(0.1);
		}
	});

	it('keeps the score cache in step when a response is reopened and submitted again', async () => {
		const [assessmentId, respondents] = [...given].find(([, r]) => r.length === 1)!;
		const { id: responseId, respondent_id } = await first(
			sql()<{ id: string; respondent_id: string }[]>`select id, respondent_id from response where assessment_id = ${assessmentId}`
		);
		const coordinator: Person = { id: respondent_id, grants: [{ role: 'collaboration_admin', collaborationId, municipalityId: null, sectorId: null }] };
		await reopenResponse(sql(), coordinator, collaborationId, responseId, 'test');
		expect(await sql()`select 1 from assessment_score where assessment_id = ${assessmentId}`).toHaveLength(0);
		const person = [...people.values()].find((p) => p.id === respondent_id)!;
		await submitResponse(sql(), person, assessmentId);
		const rows = await sql()<
			{ dimension: string; score: string | null }[]
		>`select dimension, score from assessment_score where assessment_id = ${assessmentId}`;
		for (const expected of dimensionScores(definition.scoring, definition.items, respondents)) {
			const score = rows.find((r) => r.dimension === expected.dimension)!.score;
			close(score === null ? null : Number(score), expected.score);
		}
	});

	it('shows a municipality’s gap to the higher of the collaboration’s minimum and its own ambition', async () => {
		const { id: actor } = await first(sql()<{ id: string }[]>`insert into app_user (email) values ('admin@hedmark.no') returning id`);
		await setTarget(sql(), collaborationId, { municipalityId: null, dimension: 'culture', level: 3 }, actor);
		await setTarget(sql(), collaborationId, { municipalityId: municipalities[0]!, dimension: 'culture', level: 4 }, actor);
		await setTarget(sql(), collaborationId, { municipalityId: municipalities[0]!, dimension: 'strategy', level: 2 }, actor);
		const round = (await resultRounds(sql(), collaborationId))[0]!;
		const context = {
			collaborationId,
			country: 'NO',
			round,
			frame: await frameOf(sql(), round, 'nb'),
			locale: 'nb' as const,
			snapshot: (await currentSnapshot(sql(), roundId))!
		};
		const view = await municipalityView(sql(), context, { ...admin, ownMunicipalities: [municipalities[0]!] }, municipalities[0]!);
		const culture = view.dimensions.find((d) => d.key === 'culture')!;
		expect(culture).toMatchObject({ minimum: 3, ambition: 4 });
		expect(culture.score).not.toBeNull();
		expect(culture.gap).toBeCloseTo(culture.score! - 60, 9); // level 4 starts at 60
		const strategy = view.dimensions.find((d) => d.key === 'strategy')!;
		expect(strategy.gap).toBeCloseTo(strategy.score! - 20, 9);
		expect(view.dimensions.find((d) => d.key === 'leadership')!.gap).toBeNull();
		expect(await sql()`select 1 from audit_event where action = 'target.set'`).toHaveLength(3);
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import { AnsweringError, loadOwnResponse, reopenResponse, submitResponse, type Person } from '../../src/lib/server/assessments/response-lifecycle';
import { saveAnswers, type AnswerInput } from '../../src/lib/server/assessments/save-protocol';
import { myAssessments } from '../../src/lib/server/assessments/listing';
import type { Grant } from '../../src/lib/server/auth/access';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { notSubmitted, roundCompletion } from '../../src/lib/server/assessments/completion';
import { closeRound, listRounds, openRound, RoundError } from '../../src/lib/server/assessments/rounds';
import { first, useTestDatabase } from './database';

/** Rounds, answering, submitting and reopening, with every refusal leaving the data as it was. */
describe('rounds and answering', () => {
	const { sql } = useTestDatabase();
	let collaborationId: string;
	let hamar: string;
	let stange: string;
	let sectors: string[];
	let v1: string;
	let v2: string;
	let roundId: string;
	let assessment: string; // Hamar × first sector
	let otherAssessment: string; // Stange × first sector
	let kari: Person;
	let ola: Person;
	let coordinator: Person;

	const person = async (email: string, grants: Omit<Grant, 'collaborationId'>[]): Promise<Person> => {
		const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email, name) values (${email}, ${email}) returning id`);
		for (const g of grants) {
			await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id)
				values (${id}, ${g.role}, ${collaborationId}, ${g.municipalityId}, ${g.sectorId})`;
		}
		return { id, grants: grants.map((g) => ({ ...g, collaborationId })) };
	};
	const level = (itemKey: string, value: number, baseRevision = 0): AnswerInput => ({
		itemKey,
		kind: 'level',
		level: value,
		naReason: null,
		comment: null,
		evidenceUrl: null,
		baseRevision
	});
	const answersTable = () => sql()`select * from answer order by response_id, item_key`;
	const refused = async (attempt: () => Promise<unknown>, reason: string) => {
		const before = await answersTable();
		await expect(attempt()).rejects.toEqual(new AnsweringError(reason as never));
		expect(await answersTable()).toEqual(before);
	};

	beforeAll(async () => {
		await publishFromDirectory(sql(), 'questionnaires', () => {});
		({ id: v1 } = await first(
			sql()<
				{ id: string }[]
			>`select id from questionnaire_version where version = 1 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
		));
		({ id: v2 } = await first(
			sql()<
				{ id: string }[]
			>`select id from questionnaire_version where version = 2 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
		));
		collaborationId = (await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'kommunalt_oppgavefellesskap', country: 'NO' }, null)).id;
		const member = async (number: string, name: string) => {
			const { id } = await first(
				sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', ${number}, ${name}) returning id`
			);
			await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaborationId}, ${id}, '2006-01-01')`;
			return id;
		};
		hamar = await member('3403', 'Hamar');
		stange = await member('3413', 'Stange');
		sectors = (await sql()<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position`).map((s) => s.id);
		const year = new Date().getFullYear();
		const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		roundId = await openRound(
			sql(),
			collaborationId,
			{ year, questionnaireVersionId: v2, opensOn: iso(-10), closesOn: iso(30), municipalityIds: [hamar, stange], sectorIds: sectors.slice(0, 2) },
			null
		);
		({ id: assessment } = await first(
			sql()<{ id: string }[]>`select id from assessment where round_id = ${roundId} and municipality_id = ${hamar} and sector_id = ${sectors[0]!}`
		));
		({ id: otherAssessment } = await first(
			sql()<{ id: string }[]>`select id from assessment where round_id = ${roundId} and municipality_id = ${stange} and sector_id = ${sectors[0]!}`
		));
		kari = await person('kari@hamar.no', [{ role: 'respondent', municipalityId: hamar, sectorId: sectors[0]! }]);
		ola = await person('ola@hamar.no', [{ role: 'respondent', municipalityId: hamar, sectorId: sectors[0]! }]);
		coordinator = await person('koordinator@hamar.no', [{ role: 'coordinator', municipalityId: hamar, sectorId: null }]);
	});

	it('opens a round with one assessment per municipality × sector, and refuses a second round the same year', async () => {
		const [round] = await listRounds(sql(), collaborationId);
		expect(round).toMatchObject({ id: roundId, state: 'open', assessments: 4, submitted: 0, version: 2 });
		const again = openRound(
			sql(),
			collaborationId,
			{ year: round!.year, questionnaireVersionId: v1, opensOn: '2026-01-01', closesOn: '2026-02-01', municipalityIds: [hamar], sectorIds: [sectors[0]!] },
			null
		);
		await expect(again).rejects.toEqual(new RoundError('year', 'rounds.year_taken'));
		const outsider = await first(
			sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', '3401', 'Kongsvinger') returning id`
		);
		const notMember = openRound(
			sql(),
			collaborationId,
			{ year: 2030, questionnaireVersionId: v1, opensOn: '2030-01-01', closesOn: '2030-02-01', municipalityIds: [outsider.id], sectorIds: [sectors[0]!] },
			null
		);
		await expect(notMember).rejects.toEqual(new RoundError('municipalityIds', 'rounds.not_members'));
		expect(await sql()`select 1 from round where year = 2030`).toHaveLength(0);
	});

	it('lists the assessment for its respondents only', async () => {
		expect((await myAssessments(sql(), kari.id, 'nb')).map((a) => a.id)).toEqual([assessment]);
		expect(await myAssessments(sql(), coordinator.id, 'nb')).toEqual([]);
	});

	it('saves item by item: two tabs never wipe each other, a stale tab gets a conflict, a re-send is acknowledged', async () => {
		const [a] = await saveAnswers(sql(), kari, assessment, [level('culture.openness-to-change', 3)]);
		expect(a).toEqual({ itemKey: 'culture.openness-to-change', outcome: 'saved', revision: 1 });
		// Another tab saves another item: both stay.
		await saveAnswers(sql(), kari, assessment, [level('culture.experimentation', 2)]);
		// The first tab changes its item from revision 1.
		expect(await saveAnswers(sql(), kari, assessment, [level('culture.openness-to-change', 4, 1)])).toEqual([
			{ itemKey: 'culture.openness-to-change', outcome: 'saved', revision: 2 }
		]);
		// The second tab still shows revision 1 and tries another level: refused as a conflict, stored answer kept.
		const [conflict] = await saveAnswers(sql(), kari, assessment, [level('culture.openness-to-change', 1, 1)]);
		expect(conflict).toMatchObject({ outcome: 'conflict', current: { kind: 'level', level: 4, revision: 2 } });
		// A page that re-sends what is already stored (its acknowledgement was lost) is told it is saved.
		expect(await saveAnswers(sql(), kari, assessment, [level('culture.openness-to-change', 4, 1)])).toEqual([
			{ itemKey: 'culture.openness-to-change', outcome: 'saved', revision: 2 }
		]);
		const own = await loadOwnResponse(sql(), kari.id, assessment);
		expect(Object.values(own!.answers).map((x) => [x.itemKey, x.level])).toEqual(
			expect.arrayContaining([
				['culture.openness-to-change', 4],
				['culture.experimentation', 2]
			])
		);
	});

	it('a page that missed the acknowledgement of its own save may change the answer again; another page may not', async () => {
		const item = 'culture.collaboration-as-ours';
		const tab = '6f1c2a52-7d9e-4c1b-9a55-0c1d2e3f4a5b';
		const otherTab = '0b8e5a61-3c2d-4f7e-8a9b-1c2d3e4f5a6b';
		// The save of level 2 commits, but the server dies before it replies: the page still knows revision 0.
		expect(await saveAnswers(sql(), kari, assessment, [level(item, 2)], tab)).toEqual([{ itemKey: item, outcome: 'saved', revision: 1 }]);
		// Meanwhile the person chose 5; the page sends it from revision 0. Its own write is the latest: saved.
		expect(await saveAnswers(sql(), kari, assessment, [level(item, 5)], tab)).toEqual([{ itemKey: item, outcome: 'saved', revision: 2 }]);
		// Another page that also knew revision 0 is stale: a conflict, and level 5 stays.
		const [conflict] = await saveAnswers(sql(), kari, assessment, [level(item, 1)], otherTab);
		expect(conflict).toMatchObject({ outcome: 'conflict', current: { level: 5, revision: 2 } });
		expect(conflict).not.toHaveProperty('current.writtenBy');
		// Once another page wrote, the first page is stale too.
		await saveAnswers(sql(), kari, assessment, [level(item, 3, 2)], otherTab);
		const [stale] = await saveAnswers(sql(), kari, assessment, [level(item, 4, 2)], tab);
		expect(stale).toMatchObject({ outcome: 'conflict', current: { level: 3, revision: 3 } });
		// Without an id (the page without JavaScript) only the revision counts.
		const [plain] = await saveAnswers(sql(), kari, assessment, [level(item, 4, 2)]);
		expect(plain).toMatchObject({ outcome: 'conflict' });
	});

	it('keeps a comment written before a level is chosen, and N/A with its reason where allowed', async () => {
		await saveAnswers(sql(), kari, assessment, [
			{
				itemKey: 'culture.user-orientation',
				kind: null,
				level: null,
				naReason: null,
				comment: 'Drøftes i ledermøtet',
				evidenceUrl: 'https://hamar.kommune.no/plan',
				baseRevision: 0
			},
			{
				itemKey: 'leadership.time-for-forums',
				kind: 'not_applicable',
				level: null,
				naReason: 'Ingen sektorforum hos oss',
				comment: null,
				evidenceUrl: null,
				baseRevision: 0
			},
			{ itemKey: 'strategy.green-ict', kind: 'dont_know', level: null, naReason: null, comment: null, evidenceUrl: null, baseRevision: 0 }
		]);
		const own = await loadOwnResponse(sql(), kari.id, assessment);
		expect(own!.answers['culture.user-orientation']).toMatchObject({ kind: null, comment: 'Drøftes i ledermøtet' });
		expect(own!.answers['leadership.time-for-forums']).toMatchObject({ kind: 'not_applicable', naReason: 'Ingen sektorforum hos oss' });
		expect(own!.answers['strategy.green-ict']).toMatchObject({ kind: 'dont_know' });
	});

	it('refuses bad answers with a reason and stores nothing of the request', async () => {
		// An item of version 1 only, in a version 2 round.
		await refused(() => saveAnswers(sql(), kari, assessment, [level('culture.experimentation', 3, 1), level('strategy.regular-revision', 3)]), 'unknown_item');
		await refused(() => saveAnswers(sql(), kari, assessment, [level('culture.experimentation', 6, 1)]), 'unknown_level');
		await refused(() => saveAnswers(sql(), kari, assessment, [level('culture.experimentation', 2.5, 1)]), 'unknown_level');
		const na = (itemKey: string, naReason: string | null): AnswerInput => ({
			itemKey,
			kind: 'not_applicable',
			level: null,
			naReason,
			comment: null,
			evidenceUrl: null,
			baseRevision: 0
		});
		await refused(() => saveAnswers(sql(), kari, assessment, [na('culture.common-solutions', 'no')]), 'na_not_allowed');
		await refused(() => saveAnswers(sql(), kari, assessment, [na('technology.welfare-and-sector-technology', '  ')]), 'na_reason_required');
		await refused(
			() => saveAnswers(sql(), kari, assessment, [{ ...level('culture.common-solutions', 2), evidenceUrl: 'javascript:alert(1)' }]),
			'evidence_invalid'
		);
		// Someone else's assessment: Kari answers for Hamar, not Stange; the coordinator answers nothing.
		await refused(() => saveAnswers(sql(), kari, otherAssessment, [level('culture.experimentation', 3)]), 'forbidden');
		await refused(() => saveAnswers(sql(), coordinator, assessment, [level('culture.experimentation', 3)]), 'forbidden');
		await refused(() => saveAnswers(sql(), kari, '00000000-0000-4000-8000-000000000000', [level('culture.experimentation', 3)]), 'not_found');
	});

	it('a change of an answer that exists, saved in one statement, keeps every rule of the long way', async () => {
		const item = 'culture.collaboration-as-ours';
		const stored = (await loadOwnResponse(sql(), kari.id, assessment))!.answers[item]!;
		// The server has seen this assessment: the next saves take the one-statement way, and are refused all the same.
		await refused(() => saveAnswers(sql(), { id: kari.id, grants: [] }, assessment, [level(item, 4, stored.revision)]), 'forbidden');
		await refused(() => saveAnswers(sql(), { ...kari, grants: coordinator.grants }, assessment, [level(item, 4, stored.revision)]), 'forbidden');
		await sql()`update round set opens_on = current_date + 5 where id = ${roundId}`;
		try {
			await refused(() => saveAnswers(sql(), kari, assessment, [level(item, 4, stored.revision)]), 'round_not_open');
		} finally {
			await sql()`update round set opens_on = current_date - 10 where id = ${roundId}`;
		}
		await refused(() => saveAnswers(sql(), kari, assessment, [level(item, 9, stored.revision)]), 'unknown_level');
		expect(await saveAnswers(sql(), kari, assessment, [level(item, 4, stored.revision)])).toEqual([
			{ itemKey: item, outcome: 'saved', revision: stored.revision + 1 }
		]);
		expect(await saveAnswers(sql(), kari, assessment, [level(item, stored.level!, stored.revision)])).toMatchObject([{ outcome: 'conflict' }]);
		await saveAnswers(sql(), kari, assessment, [level(item, stored.level!, stored.revision + 1)]);
	});

	it('the database itself refuses an answer to an item outside its round’s version', async () => {
		const { id } = await first(sql()<{ id: string }[]>`select id from response where respondent_id = ${kari.id}`);
		const insert = sql()`insert into answer (response_id, collaboration_id, questionnaire_version_id, item_key, kind, level)
			values (${id}, ${collaborationId}, ${v1}, 'culture.experimentation', 'level', 3)`;
		await expect(insert).rejects.toMatchObject({ code: '23514' });
	});

	it('locks a submitted response; a coordinator reopens it with a reason kept in the audit trail', async () => {
		await submitResponse(sql(), kari, assessment);
		await refused(() => saveAnswers(sql(), kari, assessment, [level('culture.experimentation', 5, 1)]), 'submitted');
		expect((await first(sql()<{ status: string }[]>`select status from assessment where id = ${assessment}`)).status).toBe('submitted');

		// Ola, the second respondent, has his own response.
		await refused(() => submitResponse(sql(), ola, assessment), 'nothing_answered');
		await saveAnswers(sql(), ola, assessment, [level('culture.openness-to-change', 2)]);
		expect((await loadOwnResponse(sql(), ola.id, assessment))!.answers['culture.openness-to-change']!.level).toBe(2);
		expect((await loadOwnResponse(sql(), kari.id, assessment))!.answers['culture.openness-to-change']!.level).toBe(4);

		const rows = await roundCompletion(sql(), collaborationId, roundId, [hamar], 'nb');
		const row = rows.find((r) => r.assessmentId === assessment)!;
		expect(row.status).toBe('in_progress');
		expect(row.respondents.map((p) => [p.email, p.status, p.answered])).toEqual([
			['kari@hamar.no', 'submitted', 5],
			['ola@hamar.no', 'in_progress', 1]
		]);
		expect(rows.every((r) => r.municipality === 'Hamar')).toBe(true);
		expect(notSubmitted(rows).map((p) => p.email)).toEqual(['ola@hamar.no']);

		const kariResponse = row.respondents[0]!.responseId!;
		await expect(reopenResponse(sql(), kari, collaborationId, kariResponse, 'mine')).rejects.toEqual(new AnsweringError('forbidden'));
		await reopenResponse(sql(), coordinator, collaborationId, kariResponse, 'Feil nivå på sikkerhet');
		const audit = await first(sql()<{ detail: { reason: string } }[]>`select detail from audit_event where action = 'response.reopened'`);
		expect(audit.detail.reason).toBe('Feil nivå på sikkerhet');
		expect(await saveAnswers(sql(), kari, assessment, [level('culture.experimentation', 5, 1)])).toEqual([
			{ itemKey: 'culture.experimentation', outcome: 'saved', revision: 2 }
		]);
	});

	it('refuses every answer once the round is closed, and keeps what was stored', async () => {
		expect(await closeRound(sql(), collaborationId, roundId, null)).toBe(true);
		await refused(() => saveAnswers(sql(), ola, assessment, [level('culture.openness-to-change', 5, 1)]), 'round_closed');
		await refused(() => submitResponse(sql(), ola, assessment), 'round_closed');
		expect((await listRounds(sql(), collaborationId))[0]!.state).toBe('closed');
	});
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../src/lib/server/assessments/response-lifecycle';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { decideSignoff, reopenReasons, signoffsOf, SignoffError } from '../../src/lib/server/assessments/signoff';
import type { Grant } from '../../src/lib/server/auth/access';
import { createCollaboration, getCollaboration, updateCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { insertSubmittedResponse } from '../../src/lib/server/demo/responses';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { getVersionById } from '../../src/lib/server/questionnaires/versions';
import { first, useTestDatabase } from './database';

/** The coordinator's sign-off: approve, return with a note, and results that count only approved assessments. */
describe('sign-off', () => {
	const { sql } = useTestDatabase();
	let collaborationId: string;
	let hamar: string;
	let assessments: string[];
	let coordinator: Person;
	let otherCoordinator: Person;
	let kari: Person;

	const person = async (email: string, grants: Omit<Grant, 'collaborationId'>[]): Promise<Person> => {
		const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email, name) values (${email}, ${email}) returning id`);
		for (const g of grants) {
			await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id)
				values (${id}, ${g.role}, ${collaborationId}, ${g.municipalityId}, ${g.sectorId})`;
		}
		return { id, grants: grants.map((g) => ({ ...g, collaborationId })) };
	};
	const scored = async (assessmentId: string) => (await sql()`select 1 from assessment_score where assessment_id = ${assessmentId}`).length > 0;
	const audited = (action: string, subjectId: string) =>
		sql()<{ detail: Record<string, unknown> }[]>`select detail from audit_event where action = ${action} and subject_id = ${subjectId} order by at`;

	beforeAll(async () => {
		await publishFromDirectory(sql(), 'questionnaires', () => {});
		const { id: v2 } = await first(sql()<{ id: string }[]>`select id from questionnaire_version where version = 2`);
		const definition = (await getVersionById(sql(), v2))!;
		collaborationId = (await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'iks', country: 'NO' }, null)).id;
		const member = async (number: string, name: string) => {
			const { id } = await first(
				sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', ${number}, ${name}) returning id`
			);
			await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaborationId}, ${id}, '2006-01-01')`;
			return id;
		};
		hamar = await member('3403', 'Hamar');
		const stange = await member('3413', 'Stange');
		const sectors = (await sql()<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position`).map((s) => s.id);
		const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		const roundId = await openRound(
			sql(),
			collaborationId,
			{
				year: new Date().getFullYear(),
				questionnaireVersionId: v2,
				opensOn: iso(-10),
				closesOn: iso(30),
				municipalityIds: [hamar],
				sectorIds: sectors.slice(0, 3)
			},
			null
		);
		assessments = (
			await sql()<{ id: string }[]>`select a.id from assessment a join sector s on s.id = a.sector_id where a.round_id = ${roundId} order by s.position`
		).map((a) => a.id);
		coordinator = await person('koordinator@hamar.no', [{ role: 'coordinator', municipalityId: hamar, sectorId: null }]);
		otherCoordinator = await person('koordinator@stange.no', [{ role: 'coordinator', municipalityId: stange, sectorId: null }]);
		kari = await person('kari@hamar.no', [{ role: 'respondent', municipalityId: hamar, sectorId: sectors[0]! }]);
		const answers = definition.items.map((item) => ({ itemKey: item.key, kind: 'level' as const, level: 3 }));
		await insertSubmittedResponse(sql(), { assessmentId: assessments[0]!, respondentId: kari.id, answers, submittedAt: new Date() });
		await insertSubmittedResponse(sql(), { assessmentId: assessments[1]!, respondentId: null, answers, submittedAt: new Date() });
	});

	it('refuses another municipality’s coordinator, an unsubmitted assessment, and a return without a note', async () => {
		await expect(decideSignoff(sql(), otherCoordinator, collaborationId, assessments[0]!, 'approved', '')).rejects.toEqual(new SignoffError('forbidden'));
		await expect(decideSignoff(sql(), coordinator, collaborationId, assessments[2]!, 'approved', '')).rejects.toEqual(new SignoffError('not_submitted'));
		await expect(decideSignoff(sql(), coordinator, collaborationId, assessments[0]!, 'returned', '  ')).rejects.toEqual(new SignoffError('note_required'));
		expect((await signoffsOf(sql(), [assessments[0]!])).get(assessments[0]!)?.signoff).toBeNull();
	});

	it('returns an assessment: every submitted response reopens, the respondent sees the note, the audit trail has it', async () => {
		await decideSignoff(sql(), coordinator, collaborationId, assessments[0]!, 'returned', 'Strategy answers need evidence links.');
		const { status } = await first(sql()<{ status: string }[]>`select status from assessment where id = ${assessments[0]!}`);
		expect(status).toBe('reopened');
		expect((await signoffsOf(sql(), [assessments[0]!])).get(assessments[0]!)).toMatchObject({
			signoff: 'returned',
			note: 'Strategy answers need evidence links.'
		});
		expect((await reopenReasons(sql(), kari.id, [assessments[0]!])).get(assessments[0]!)).toBe('Strategy answers need evidence links.');
		expect((await audited('assessment.returned', assessments[0]!))[0]?.detail).toEqual({ note: 'Strategy answers need evidence links.' });
		expect(await scored(assessments[0]!)).toBe(false);
	});

	it('approves an assessment, and the approval lapses when the assessment is opened again', async () => {
		await decideSignoff(sql(), coordinator, collaborationId, assessments[1]!, 'approved', '');
		expect((await signoffsOf(sql(), [assessments[1]!])).get(assessments[1]!)?.signoff).toBe('approved');
		expect(await audited('assessment.approved', assessments[1]!)).toHaveLength(1);
		await sql()`update response set status = 'reopened', submitted_at = null where assessment_id = ${assessments[1]!}`;
		await sql()`update assessment set status = 'reopened' where id = ${assessments[1]!}`;
		expect((await signoffsOf(sql(), [assessments[1]!])).get(assessments[1]!)?.signoff).toBeNull();
		await sql()`update response set status = 'submitted', submitted_at = now() where assessment_id = ${assessments[1]!}`;
		await sql()`update assessment set status = 'submitted' where id = ${assessments[1]!}`;
		await decideSignoff(sql(), coordinator, collaborationId, assessments[1]!, 'approved', 'Fine.');
	});

	it('counts only approved assessments in the scores when the collaboration chooses so, and all again when it stops', async () => {
		const { id: extra } = await first(
			sql()<{ id: string }[]>`select id from assessment where id <> all(${assessments.slice(0, 2)}::uuid[]) and collaboration_id = ${collaborationId}`
		);
		const definition = (await getVersionById(sql(), (await first(sql()<{ id: string }[]>`select id from questionnaire_version where version = 2`)).id))!;
		await insertSubmittedResponse(sql(), {
			assessmentId: extra,
			respondentId: null,
			answers: definition.items.map((i) => ({ itemKey: i.key, kind: 'level' as const, level: 4 })),
			submittedAt: new Date()
		});
		expect(await scored(extra)).toBe(true);
		const c = (await getCollaboration(sql(), collaborationId))!;
		await updateCollaboration(sql(), collaborationId, { ...c, resultsOnlyApproved: true }, coordinator.id);
		expect(await scored(extra)).toBe(false);
		expect(await scored(assessments[1]!)).toBe(true);
		await updateCollaboration(sql(), collaborationId, { ...c, resultsOnlyApproved: false }, coordinator.id);
		expect(await scored(extra)).toBe(true);
	});
});

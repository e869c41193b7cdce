import { beforeAll, describe, expect, it } from 'vitest';
import { submitResponse, type Person } from '../../src/lib/server/assessments/response-lifecycle';
import { saveAnswers } from '../../src/lib/server/assessments/save-protocol';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { deletePerson, LastPlatformAdminError, personalData } from '../../src/lib/server/auth/personal-data';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { first, useTestDatabase } from './database';

/** A person can take their data and leave; the answers they gave stay, anonymous. */
describe('personal data', () => {
	const { sql } = useTestDatabase();
	let kari: Person;
	let assessmentId: string;

	beforeAll(async () => {
		await publishFromDirectory(sql(), 'questionnaires', () => {});
		const { id: versionId } = await first(
			sql()<
				{ id: string }[]
			>`select id from questionnaire_version where version = 2 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
		);
		const collaborationId = (await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'kommunalt_oppgavefellesskap', country: 'NO' }, null)).id;
		const { id: hamar } = await first(
			sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', '3403', 'Hamar') returning id`
		);
		await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaborationId}, ${hamar}, '2006-01-01')`;
		const { id: sectorId } = await first(sql()<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position limit 1`);
		const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		const roundId = await openRound(
			sql(),
			collaborationId,
			{ year: 2026, questionnaireVersionId: versionId, opensOn: iso(-1), closesOn: iso(30), municipalityIds: [hamar], sectorIds: [sectorId] },
			null
		);
		({ id: assessmentId } = await first(sql()<{ id: string }[]>`select id from assessment where round_id = ${roundId}`));
		const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email, name) values ('kari@hamar.no', 'Kari Nordmann') returning id`);
		await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id) values (${id}, 'respondent', ${collaborationId}, ${hamar}, ${sectorId})`;
		kari = { id, grants: [{ role: 'respondent', collaborationId, municipalityId: hamar, sectorId }] };
		await saveAnswers(sql(), kari, assessmentId, [
			{ itemKey: 'culture.openness-to-change', kind: 'level', level: 4, naReason: null, comment: 'Godt i gang', evidenceUrl: null, baseRevision: 0 }
		]);
		await submitResponse(sql(), kari, assessmentId);
		await sql()`insert into user_identity (issuer, subject, user_id) values ('https://login.microsoftonline.com/11111111-1111-4111-8111-111111111111/v2.0', 'kari-at-entra', ${id})`;
		// an initiative she owns, with a note she wrote, and one she made for someone else; a sign-off note in her name
		const { id: owned } = await first(sql()<{ id: string }[]>`
			insert into initiative (collaboration_id, scope, municipality_id, sector_id, title, owner_id, created_by)
			values (${collaborationId}, 'sector', ${hamar}, ${sectorId}, 'Opplæring i nye verktøy', ${id}, null) returning id`);
		await sql()`insert into initiative_event (initiative_id, collaboration_id, status, note, actor_id) values (${owned}, ${collaborationId}, 'in_progress', 'Kurset er bestilt', ${id})`;
		await sql()`insert into initiative (collaboration_id, scope, municipality_id, title, owner_id, created_by) values (${collaborationId}, 'municipality', ${hamar}, 'Felles innkjøp', null, ${id})`;
		await sql()`insert into initiative (collaboration_id, scope, title) values (${collaborationId}, 'collaboration', 'Ikke hennes')`;
		await sql()`update assessment set signoff = 'returned', signoff_note = 'Se over kommentaren', signoff_by = ${id}, signoff_at = now() where id = ${assessmentId}`;
	});

	it('exports the account, roles, identities at providers and answers', async () => {
		const data = await personalData(sql(), kari.id);
		expect(data.account).toMatchObject({ email: 'kari@hamar.no', name: 'Kari Nordmann' });
		expect(data.roles).toHaveLength(1);
		expect(data.identities).toEqual([expect.objectContaining({ subject: 'kari-at-entra' })]);
		expect(data.responses[0]!.answers).toEqual([expect.objectContaining({ item: 'culture.openness-to-change', level: 4, comment: 'Godt i gang' })]);
		expect(data.activity.map((a) => a.action)).toContain('response.submitted');
		expect(data.initiatives).toEqual([
			expect.objectContaining({ title: 'Opplæring i nye verktøy', owner: true, creator: false }),
			expect.objectContaining({ title: 'Felles innkjøp', owner: false, creator: true })
		]);
		expect(data.initiativeNotes).toEqual([expect.objectContaining({ initiative: 'Opplæring i nye verktøy', note: 'Kurset er bestilt' })]);
		expect(data.signoffs).toEqual([expect.objectContaining({ municipality: 'Hamar', signoff: 'returned', note: 'Se over kommentaren' })]);
	});

	it('deletes the person but keeps the answers and scores, anonymous', async () => {
		const scores = await sql()`select * from assessment_score where assessment_id = ${assessmentId} order by dimension`;
		const answers = await sql()`select item_key, kind, level, comment from answer`;
		await deletePerson(sql(), kari.id, null);
		expect(await sql()`select 1 from app_user where id = ${kari.id}`).toHaveLength(0);
		expect(await sql()`select 1 from role_grant where user_id = ${kari.id}`).toHaveLength(0);
		expect(await sql()`select 1 from user_identity where user_id = ${kari.id}`).toHaveLength(0);
		expect(await sql()`select respondent_id, status from response`).toEqual([{ respondent_id: null, status: 'submitted' }]);
		expect(await sql()`select item_key, kind, level, comment from answer`).toEqual(answers);
		expect(await sql()`select * from assessment_score where assessment_id = ${assessmentId} order by dimension`).toEqual(scores);
		const trail = await sql()`select detail from audit_event where action = 'user.deleted'`;
		expect(JSON.stringify(trail)).not.toContain('kari');
	});

	it('refuses to delete the last platform administrator', async () => {
		const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email) values ('drift@moden.no') returning id`);
		await sql()`insert into role_grant (user_id, role) values (${id}, 'platform_admin')`;
		await expect(deletePerson(sql(), id, null)).rejects.toBeInstanceOf(LastPlatformAdminError);
		expect(await sql()`select 1 from app_user where id = ${id}`).toHaveLength(1);
	});
});

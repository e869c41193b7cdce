import { beforeAll, describe, expect, it } from 'vitest';
import type { Grant, Role } from '../../src/lib/server/auth/access';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import {
	changeStatus,
	createInitiative,
	getInitiative,
	InitiativeError,
	initiativeHistory,
	listInitiatives,
	overdueInitiativesFor,
	updateInitiative,
	type InitiativeInput,
	type Viewer
} from '../../src/lib/server/initiatives/initiatives';
import { assessmentContext } from '../../src/lib/server/assessments/response-lifecycle';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { insertSubmittedResponse } from '../../src/lib/server/demo/responses';
import { followUp, sectorChange } from '../../src/lib/server/initiatives/follow-up';
import { showInitiatives } from '../../src/lib/server/initiatives/view';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { getVersionById } from '../../src/lib/server/questionnaires/versions';
import { first, useTestDatabase } from './database';

/**
 * Who may create, edit and see which initiative (issue 20), on real PostgreSQL: sector
 * heads plan for their sector, coordinators and leadership for their municipality,
 * admins for the collaboration; the board sees the portfolio; another member never sees
 * a member's own initiatives, and nothing it sees carries a score.
 */
describe('initiatives and who may do what with them', () => {
	const { sql } = useTestDatabase();
	let collaborationId: string;
	let otherCollaborationId: string;
	let hamar: string;
	let stange: string;
	let health: string;
	let school: string;
	const people: Record<string, Viewer> = {};

	const person = async (name: string, grants: [Role, string | null, string | null, string?][]) => {
		const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email, name) values (${`${name}@test.no`}, ${name}) returning id`);
		const list: Grant[] = [];
		for (const [role, municipalityId, sectorId, collaboration] of grants) {
			const c = collaboration ?? collaborationId;
			await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id) values (${id}, ${role}, ${c}, ${municipalityId}, ${sectorId})`;
			list.push({ role, collaborationId: c, municipalityId, sectorId });
		}
		people[name] = { id, grants: list };
		return people[name]!;
	};
	const input = (over: Partial<InitiativeInput> & Pick<InitiativeInput, 'at'>): InitiativeInput => ({
		title: 'Felles opplæring i tjenestedesign',
		description: 'Fra nivå 2 til 3',
		itemKeys: ['culture.user-orientation'],
		dimensions: [],
		targetLevel: 3,
		ownerId: null,
		dueOn: null,
		participants: [],
		...over
	});

	beforeAll(async () => {
		collaborationId = (await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'kommunalt_oppgavefellesskap', country: 'NO' }, null)).id;
		otherCollaborationId = (await createCollaboration(sql(), { name: 'Annet samarbeid', legalForm: 'iks', country: 'NO' }, null)).id;
		for (const [number, name] of [
			['3403', 'Hamar'],
			['3413', 'Stange']
		] as const) {
			const { id } = await first(
				sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', ${number}, ${name}) returning id`
			);
			await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaborationId}, ${id}, '2006-01-01')`;
			if (name === 'Hamar') hamar = id;
			else stange = id;
		}
		const sectors = await sql()<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position`;
		[health, school] = [sectors[0]!.id, sectors[1]!.id];
		await person('admin', [['collaboration_admin', null, null]]);
		await person('board', [['board_viewer', null, null]]);
		await person('hamarCoordinator', [['coordinator', hamar, null]]);
		await person('hamarLeader', [['executive_viewer', hamar, null]]);
		await person('hamarHealth', [['respondent', hamar, health]]);
		await person('hamarSchool', [['respondent', hamar, school]]);
		await person('stangeCoordinator', [['coordinator', stange, null]]);
		await person('stangeHealth', [['respondent', stange, health]]);
		await person('outsider', [['collaboration_admin', null, null, otherCollaborationId]]);
	});

	const sectorOf = (municipalityId: string, sectorId: string) => ({ scope: 'sector' as const, municipalityId, sectorId });

	it('lets a sector head plan for their own sector only', async () => {
		const id = await createInitiative(
			sql(),
			collaborationId,
			people.hamarHealth!,
			input({ at: sectorOf(hamar, health), ownerId: people.hamarHealth!.id, dueOn: '2027-03-01' })
		);
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		for (const [who, at] of [
			['hamarHealth', sectorOf(hamar, school)],
			['hamarHealth', { scope: 'municipality' as const, municipalityId: hamar }],
			['hamarHealth', { scope: 'collaboration' as const }],
			['stangeHealth', sectorOf(hamar, health)],
			['board', sectorOf(hamar, health)],
			['outsider', sectorOf(hamar, health)]
		] as const) {
			await expect(createInitiative(sql(), collaborationId, people[who]!, input({ at })), `${who} at ${at.scope}`).rejects.toThrow(InitiativeError);
		}
		const history = await initiativeHistory(sql(), collaborationId, id);
		expect(history).toEqual([expect.objectContaining({ status: 'planned', actor: 'hamarHealth' })]);
	});

	it('lets coordinators and leadership plan for their municipality and its sectors, admins for everything', async () => {
		await expect(
			createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: { scope: 'municipality', municipalityId: hamar } }))
		).resolves.toBeTruthy();
		await expect(createInitiative(sql(), collaborationId, people.hamarLeader!, input({ at: sectorOf(hamar, school) }))).resolves.toBeTruthy();
		await expect(
			createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: { scope: 'municipality', municipalityId: stange } }))
		).rejects.toThrow(InitiativeError);
		await expect(createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: { scope: 'collaboration' } }))).rejects.toThrow(
			InitiativeError
		);
		await expect(
			createInitiative(sql(), collaborationId, people.admin!, input({ at: { scope: 'collaboration' }, participants: [hamar, stange] }))
		).resolves.toBeTruthy();
		await expect(createInitiative(sql(), collaborationId, people.admin!, input({ at: sectorOf(stange, health) }))).resolves.toBeTruthy();
	});

	it('refuses an owner who could not see the initiative, and members of another collaboration', async () => {
		await expect(
			createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: sectorOf(hamar, health), ownerId: people.stangeCoordinator!.id }))
		).rejects.toMatchObject({ reason: 'owner_without_access' });
		await expect(
			createInitiative(sql(), collaborationId, people.admin!, input({ at: { scope: 'collaboration' }, participants: [crypto.randomUUID()] }))
		).rejects.toMatchObject({
			reason: 'not_member'
		});
	});

	it('shows each person the initiatives they share, and never another member’s own', async () => {
		const titles = async (who: string) =>
			(await listInitiatives(sql(), collaborationId, people[who]!))
				.map(
					(i) =>
						`${i.scope}:${i.municipalityId === hamar ? 'hamar' : i.municipalityId === stange ? 'stange' : '-'}:${i.sectorId === health ? 'health' : i.sectorId === school ? 'school' : '-'}`
				)
				.sort();
		expect(await titles('admin')).toEqual(['collaboration:-:-', 'municipality:hamar:-', 'sector:hamar:health', 'sector:hamar:school', 'sector:stange:health']);
		expect(await titles('board')).toEqual(await titles('admin'));
		expect(await titles('hamarCoordinator')).toEqual(['collaboration:-:-', 'municipality:hamar:-', 'sector:hamar:health', 'sector:hamar:school']);
		expect(await titles('hamarHealth')).toEqual(['collaboration:-:-', 'municipality:hamar:-', 'sector:hamar:health']);
		expect(await titles('stangeCoordinator')).toEqual(['collaboration:-:-', 'sector:stange:health']);
		expect(await titles('stangeHealth')).toEqual(['collaboration:-:-', 'sector:stange:health']);
		expect(await titles('outsider')).toEqual([]);
	});

	it('lets those who plan edit, the owner only report status, and others nothing', async () => {
		const id = await createInitiative(
			sql(),
			collaborationId,
			people.hamarCoordinator!,
			input({ at: sectorOf(hamar, health), ownerId: people.hamarHealth!.id })
		);
		const details = {
			title: 'Ny tittel',
			description: '',
			itemKeys: [],
			dimensions: ['culture'],
			targetLevel: 4,
			ownerId: people.hamarHealth!.id,
			dueOn: '2027-06-30',
			participants: []
		};
		await updateInitiative(sql(), collaborationId, people.hamarHealth!, id, details);
		await expect(updateInitiative(sql(), collaborationId, people.hamarSchool!, id, details)).rejects.toMatchObject({ reason: 'not_found' });
		await expect(updateInitiative(sql(), collaborationId, people.board!, id, details)).rejects.toMatchObject({ reason: 'forbidden' });
		await expect(changeStatus(sql(), collaborationId, people.board!, id, 'done', '')).rejects.toMatchObject({ reason: 'forbidden' });
		await expect(changeStatus(sql(), collaborationId, people.stangeCoordinator!, id, 'done', '')).rejects.toMatchObject({ reason: 'not_found' });
		await changeStatus(sql(), collaborationId, people.hamarHealth!, id, 'in_progress', 'Startet med opplæring');
		const seen = await getInitiative(sql(), collaborationId, people.hamarHealth!, id);
		expect(seen).toMatchObject({
			title: 'Ny tittel',
			status: 'in_progress',
			dueOn: '2027-06-30',
			dimensions: ['culture'],
			abilities: { see: true, edit: true, status: true }
		});
		expect((await initiativeHistory(sql(), collaborationId, id)).map((h) => [h.status, h.note])).toEqual([
			['planned', ''],
			['in_progress', 'Startet med opplæring']
		]);
		expect(await getInitiative(sql(), otherCollaborationId, people.outsider!, id)).toBeNull();
	});

	it('an owner who only owns it may report on it, not rewrite it', async () => {
		const owner = await person('ownerOnly', [['respondent', hamar, health]]);
		const id = await createInitiative(
			sql(),
			collaborationId,
			people.admin!,
			input({ at: { scope: 'municipality', municipalityId: hamar }, ownerId: owner.id })
		);
		const seen = await getInitiative(sql(), collaborationId, owner, id);
		expect(seen?.abilities).toEqual({ see: true, edit: false, status: true });
		await changeStatus(sql(), collaborationId, owner, id, 'done', 'Ferdig');
		await expect(updateInitiative(sql(), collaborationId, owner, id, { ...input({ at: { scope: 'collaboration' } }) })).rejects.toMatchObject({
			reason: 'forbidden'
		});
	});

	it('lists overdue initiatives for their owners and for the coordinators of their municipality', async () => {
		const id = await createInitiative(
			sql(),
			collaborationId,
			people.hamarHealth!,
			input({ at: sectorOf(hamar, health), ownerId: people.hamarHealth!.id, dueOn: '2020-01-31', title: 'Forsinket' })
		);
		const overdue = async (who: string) => (await overdueInitiativesFor(sql(), people[who]!)).map((i) => i.id);
		expect(await overdue('hamarHealth')).toContain(id);
		expect(await overdue('hamarCoordinator')).toContain(id);
		expect(await overdue('admin')).toContain(id);
		expect(await overdue('hamarLeader')).not.toContain(id);
		expect(await overdue('stangeCoordinator')).not.toContain(id);
		expect(await overdue('board')).not.toContain(id);
		await changeStatus(sql(), collaborationId, people.hamarHealth!, id, 'done', '');
		expect(await overdue('hamarHealth')).not.toContain(id);
	});

	describe('next round, and a hidden member', () => {
		const item = 'culture.openness-to-change';
		let current: Record<'hamar' | 'stange', string>;
		let hamarPlan: string;
		let joint: string;

		beforeAll(async () => {
			await publishFromDirectory(sql(), 'questionnaires', () => {});
			const [version] = await sql()<{ id: string }[]>`select id from questionnaire_version where version = 2`;
			const definition = (await getVersionById(sql(), version!.id))!;
			const scope = { questionnaireVersionId: version!.id, municipalityIds: [hamar, stange], sectorIds: [health] };
			const year = new Date().getFullYear();
			const last = await openRound(sql(), collaborationId, { ...scope, year: year - 1, opensOn: `${year - 1}-09-01`, closesOn: `${year - 1}-11-30` }, null);
			const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
			const now = await openRound(sql(), collaborationId, { ...scope, year, opensOn: iso(-10), closesOn: iso(30) }, null);
			const assessmentOf = async (round: string, m: string) =>
				(await first(sql()<{ id: string }[]>`select id from assessment where round_id = ${round} and municipality_id = ${m}`)).id;
			const answers = (level: 1 | 2 | 3 | 4 | 5) => definition.items.map((i) => ({ itemKey: i.key, kind: 'level' as const, level }));
			// Hamar's sector answered alone (level 1); Stange's as a confidential team of two (levels 2 and 4).
			await insertSubmittedResponse(sql(), {
				assessmentId: await assessmentOf(last, hamar),
				respondentId: null,
				answers: answers(1),
				submittedAt: new Date(`${year - 1}-10-01`)
			});
			const colleague = await person('stangeColleague', [['respondent', stange, health]]);
			const lastStange = await assessmentOf(last, stange);
			await insertSubmittedResponse(sql(), {
				assessmentId: lastStange,
				respondentId: people.stangeHealth!.id,
				answers: answers(2),
				submittedAt: new Date(`${year - 1}-10-01`)
			});
			await insertSubmittedResponse(sql(), {
				assessmentId: lastStange,
				respondentId: colleague.id,
				answers: answers(4),
				submittedAt: new Date(`${year - 1}-10-02`)
			});
			current = { hamar: await assessmentOf(now, hamar), stange: await assessmentOf(now, stange) };
			hamarPlan = await createInitiative(
				sql(),
				collaborationId,
				people.hamarHealth!,
				input({ at: sectorOf(hamar, health), itemKeys: [item], title: 'Hamars eget tiltak' })
			);
			joint = await createInitiative(
				sql(),
				collaborationId,
				people.admin!,
				input({ at: { scope: 'collaboration' }, itemKeys: [item], participants: [hamar, stange], title: 'Felles tiltak' })
			);
		});

		const followUpOf = async (who: string, m: 'hamar' | 'stange') => {
			const context = (await assessmentContext(sql(), current[m]))!;
			return followUp(sql(), people[who]!, context, (await getVersionById(sql(), context.versionId))!);
		};

		it('shows the sector head last year’s pooled level and the initiatives on the item', async () => {
			const f = (await followUpOf('hamarHealth', 'hamar'))[item]!;
			expect(f.lastYear).toMatchObject({ year: new Date().getFullYear() - 1, mean: 0, level: 1, startLevel: 1 });
			// "Ny tittel" (above) addresses the whole culture dimension, so this item too; the others other items
			expect(f.initiatives.map((i) => i.title).sort()).toEqual(['Felles tiltak', 'Hamars eget tiltak', 'Ny tittel']);
		});

		it('keeps last year’s pooled level of a confidential team of two from its members, offering each their own answer to start from', async () => {
			const own = (await followUpOf('stangeHealth', 'stange'))[item]!;
			expect(own.lastYear).toMatchObject({ mean: null, level: null, startLevel: 2 });
			const coordinator = (await followUpOf('stangeCoordinator', 'stange'))[item]!;
			expect(coordinator.lastYear).toMatchObject({ mean: 50, level: 3 });
		});

		it('an initiative of a hidden member shows another member nothing of it, and a joint one neither its name nor its scores', async () => {
			const seen = await listInitiatives(sql(), collaborationId, people.stangeCoordinator!);
			expect(seen.map((i) => i.id)).not.toContain(hamarPlan);
			const shown = await showInitiatives(sql(), collaborationId, people.stangeCoordinator!, seen, 'nb');
			const jointShown = shown.find((i) => i.id === joint)!;
			expect(jointShown.participants).toEqual({ named: ['Stange'], others: 1 });
			const page = JSON.stringify({ shown, followUp: await followUpOf('stangeCoordinator', 'stange') });
			expect(page).not.toContain('Hamar');
			// what the page gets for the joint initiative is the initiative itself: no mean, score or level of any member
			expect(Object.keys(jointShown).filter((k) => /mean|score|change|level/i.test(k))).toEqual(['targetLevel']);
			expect(await getInitiative(sql(), collaborationId, people.stangeCoordinator!, hamarPlan)).toBeNull();
			// the board reads every member by name, as on its dashboards
			const board = await showInitiatives(sql(), collaborationId, people.board!, await listInitiatives(sql(), collaborationId, people.board!), 'nb');
			expect(board.find((i) => i.id === joint)!.participants).toEqual({ named: ['Hamar', 'Stange'], others: 0 });
		});

		it('shows the change of a sector’s items only through the disclosure rules of the reader', async () => {
			await insertSubmittedResponse(sql(), {
				assessmentId: current.hamar,
				respondentId: people.hamarHealth!.id,
				answers: [{ itemKey: item, kind: 'level', level: 2 }],
				submittedAt: new Date()
			});
			const plan = (await getInitiative(sql(), collaborationId, people.hamarHealth!, hamarPlan))!;
			const change = await sectorChange(sql(), people.hamarHealth!, plan);
			expect(change?.items).toEqual([{ key: item, mean: 25, lastYear: { year: new Date().getFullYear() - 1, mean: 0 }, change: 25 }]);
		});
	});
});

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
		for (const [number, name] of [['3403', 'Hamar'], ['3413', 'Stange']] as const) {
			const { id } = await first(sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', ${number}, ${name}) returning id`);
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
		const id = await createInitiative(sql(), collaborationId, people.hamarHealth!, input({ at: sectorOf(hamar, health), ownerId: people.hamarHealth!.id, dueOn: '2027-03-01' }));
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
		await expect(createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: { scope: 'municipality', municipalityId: hamar } }))).resolves.toBeTruthy();
		await expect(createInitiative(sql(), collaborationId, people.hamarLeader!, input({ at: sectorOf(hamar, school) }))).resolves.toBeTruthy();
		await expect(createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: { scope: 'municipality', municipalityId: stange } }))).rejects.toThrow(InitiativeError);
		await expect(createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: { scope: 'collaboration' } }))).rejects.toThrow(InitiativeError);
		await expect(createInitiative(sql(), collaborationId, people.admin!, input({ at: { scope: 'collaboration' }, participants: [hamar, stange] }))).resolves.toBeTruthy();
		await expect(createInitiative(sql(), collaborationId, people.admin!, input({ at: sectorOf(stange, health) }))).resolves.toBeTruthy();
	});

	it('refuses an owner who could not see the initiative, and members of another collaboration', async () => {
		await expect(
			createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: sectorOf(hamar, health), ownerId: people.stangeCoordinator!.id }))
		).rejects.toMatchObject({ reason: 'owner_without_access' });
		await expect(createInitiative(sql(), collaborationId, people.admin!, input({ at: { scope: 'collaboration' }, participants: [crypto.randomUUID()] }))).rejects.toMatchObject({
			reason: 'not_member'
		});
	});

	it('shows each person the initiatives they share, and never another member’s own', async () => {
		const titles = async (who: string) => (await listInitiatives(sql(), collaborationId, people[who]!)).map((i) => `${i.scope}:${i.municipalityId === hamar ? 'hamar' : i.municipalityId === stange ? 'stange' : '-'}:${i.sectorId === health ? 'health' : i.sectorId === school ? 'school' : '-'}`).sort();
		expect(await titles('admin')).toEqual(['collaboration:-:-', 'municipality:hamar:-', 'sector:hamar:health', 'sector:hamar:school', 'sector:stange:health']);
		expect(await titles('board')).toEqual(await titles('admin'));
		expect(await titles('hamarCoordinator')).toEqual(['collaboration:-:-', 'municipality:hamar:-', 'sector:hamar:health', 'sector:hamar:school']);
		expect(await titles('hamarHealth')).toEqual(['collaboration:-:-', 'municipality:hamar:-', 'sector:hamar:health']);
		expect(await titles('stangeCoordinator')).toEqual(['collaboration:-:-', 'sector:stange:health']);
		expect(await titles('stangeHealth')).toEqual(['collaboration:-:-', 'sector:stange:health']);
		expect(await titles('outsider')).toEqual([]);
	});

	it('lets those who plan edit, the owner only report status, and others nothing', async () => {
		const id = await createInitiative(sql(), collaborationId, people.hamarCoordinator!, input({ at: sectorOf(hamar, health), ownerId: people.hamarHealth!.id }));
		const details = { title: 'Ny tittel', description: '', itemKeys: [], dimensions: ['culture'], targetLevel: 4, ownerId: people.hamarHealth!.id, dueOn: '2027-06-30', participants: [] };
		await updateInitiative(sql(), collaborationId, people.hamarHealth!, id, details);
		await expect(updateInitiative(sql(), collaborationId, people.hamarSchool!, id, details)).rejects.toMatchObject({ reason: 'not_found' });
		await expect(updateInitiative(sql(), collaborationId, people.board!, id, details)).rejects.toMatchObject({ reason: 'forbidden' });
		await expect(changeStatus(sql(), collaborationId, people.board!, id, 'done', '')).rejects.toMatchObject({ reason: 'forbidden' });
		await expect(changeStatus(sql(), collaborationId, people.stangeCoordinator!, id, 'done', '')).rejects.toMatchObject({ reason: 'not_found' });
		await changeStatus(sql(), collaborationId, people.hamarHealth!, id, 'in_progress', 'Startet med opplæring');
		const seen = await getInitiative(sql(), collaborationId, people.hamarHealth!, id);
		expect(seen).toMatchObject({ title: 'Ny tittel', status: 'in_progress', dueOn: '2027-06-30', dimensions: ['culture'], abilities: { see: true, edit: true, status: true } });
		expect((await initiativeHistory(sql(), collaborationId, id)).map((h) => [h.status, h.note])).toEqual([
			['planned', ''],
			['in_progress', 'Startet med opplæring']
		]);
		expect(await getInitiative(sql(), otherCollaborationId, people.outsider!, id)).toBeNull();
	});

	it('an owner who only owns it may report on it, not rewrite it', async () => {
		const owner = await person('ownerOnly', [['respondent', hamar, health]]);
		const id = await createInitiative(sql(), collaborationId, people.admin!, input({ at: { scope: 'municipality', municipalityId: hamar }, ownerId: owner.id }));
		const seen = await getInitiative(sql(), collaborationId, owner, id);
		expect(seen?.abilities).toEqual({ see: true, edit: false, status: true });
		await changeStatus(sql(), collaborationId, owner, id, 'done', 'Ferdig');
		await expect(updateInitiative(sql(), collaborationId, owner, id, { ...input({ at: { scope: 'collaboration' } }) })).rejects.toMatchObject({ reason: 'forbidden' });
	});

	it('lists overdue initiatives for their owners and for the coordinators of their municipality', async () => {
		const id = await createInitiative(sql(), collaborationId, people.hamarHealth!, input({ at: sectorOf(hamar, health), ownerId: people.hamarHealth!.id, dueOn: '2020-01-31', title: 'Forsinket' }));
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
});

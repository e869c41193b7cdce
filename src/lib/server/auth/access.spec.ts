import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	abilitiesFor,
	can,
	filterOf,
	holds,
	initiativeAbilities,
	mayPlanInitiative,
	resultsScope,
	roles,
	some,
	type Grant,
	type InitiativeScope,
	type Permission,
	type Role
} from './access';

const C1 = 'c1';
const C2 = 'c2';
const M1 = 'm1';
const M2 = 'm2';
const S1 = 's1';
const S2 = 's2';

const grant = (role: Role, collaborationId: string | null = C1, municipalityId: string | null = null, sectorId: string | null = null): Grant => ({
	role,
	collaborationId,
	municipalityId,
	sectorId
});

const byRole: Record<Role, Grant> = {
	platform_admin: grant('platform_admin', null),
	collaboration_admin: grant('collaboration_admin'),
	board_viewer: grant('board_viewer'),
	coordinator: grant('coordinator', C1, M1),
	executive_viewer: grant('executive_viewer', C1, M1),
	respondent: grant('respondent', C1, M1, S1)
};

describe('can', () => {
	const own = { collaborationId: C1, municipalityId: M1, sectorId: S1 };
	const expected: Record<Permission, Role[]> = {
		'platform.manage': ['platform_admin'],
		'collaboration.view': roles.filter((r) => r !== 'platform_admin'),
		'collaboration.manage': ['collaboration_admin'],
		'collaboration.audit': ['collaboration_admin'],
		'collaboration.results': ['collaboration_admin', 'board_viewer'],
		'municipality.coordinate': ['collaboration_admin', 'coordinator'],
		'municipality.results': ['collaboration_admin', 'coordinator', 'executive_viewer'],
		'assessment.answer': ['respondent'],
		'questionnaire.view': [...roles]
	};

	it.each(Object.entries(expected))('%s in its own scope: %j', (permission, allowed) => {
		const granted = roles.filter((r) => can([byRole[r]], permission as Permission, own));
		expect(granted).toEqual(allowed);
	});

	it('gives no role of one collaboration anything in another', () => {
		for (const role of roles) {
			for (const permission of Object.keys(expected) as Permission[]) {
				// platform-wide, not a collaboration's
				if (permission === 'questionnaire.view' || permission === 'platform.manage') continue;
				expect(can([byRole[role]], permission, { collaborationId: C2, municipalityId: M1, sectorId: S1 }), `${role} ${permission}`).toBe(false);
			}
		}
	});

	it('keeps municipality and sector roles inside their municipality and sector', () => {
		const otherMunicipality = { collaborationId: C1, municipalityId: M2, sectorId: S1 };
		expect(can([byRole.coordinator], 'municipality.coordinate', otherMunicipality)).toBe(false);
		expect(can([byRole.executive_viewer], 'municipality.results', otherMunicipality)).toBe(false);
		expect(can([byRole.respondent], 'assessment.answer', otherMunicipality)).toBe(false);
		expect(can([byRole.respondent], 'assessment.answer', { ...own, sectorId: S2 })).toBe(false);
		expect(can([byRole.collaboration_admin], 'municipality.coordinate', otherMunicipality)).toBe(true);
	});

	it('gives the platform operator nothing inside any collaboration, only setting collaborations up', () => {
		for (const permission of Object.keys(expected) as Permission[]) {
			if (permission === 'questionnaire.view') continue;
			for (const scope of [own, { collaborationId: C2 }, { collaborationId: C1, municipalityId: M2 }]) {
				expect(can([byRole.platform_admin], permission, scope), `${permission} ${JSON.stringify(scope)}`).toBe(permission === 'platform.manage');
			}
		}
	});

	it('grants nothing without grants, and never more with a grant removed (property)', () => {
		const grantArb = fc.record({
			role: fc.constantFrom(...roles),
			collaborationId: fc.constantFrom(C1, C2, null),
			municipalityId: fc.constantFrom(M1, M2, null),
			sectorId: fc.constantFrom(S1, S2, null)
		});
		const scopeArb = fc.record({
			collaborationId: fc.constantFrom(C1, C2, undefined),
			municipalityId: fc.constantFrom(M1, M2, undefined),
			sectorId: fc.constantFrom(S1, S2, undefined)
		});
		const permissionArb = fc.constantFrom(...(Object.keys(expected) as Permission[]));
		fc.assert(
			fc.property(fc.array(grantArb, { maxLength: 5 }), permissionArb, scopeArb, (grants, permission, rawScope) => {
				const scope = Object.fromEntries(Object.entries(rawScope).filter(([, v]) => v !== undefined));
				if (permission !== 'questionnaire.view') expect(can([], permission, scope)).toBe(false);
				const all = can(grants, permission, scope);
				for (let i = 0; i < grants.length; i++) {
					const fewer = grants.filter((_, j) => j !== i);
					if (can(fewer, permission, scope)) expect(all).toBe(true);
				}
			})
		);
	});
});

describe('abilitiesFor', () => {
	it('lets admins coordinate and read every member, coordinators and leaders their own, others nothing, and nothing across collaborations', () => {
		const admin = abilitiesFor([grant('collaboration_admin', 'c1')], 'c1');
		expect(admin).toMatchObject({ manage: true, audit: true, coordinates: { all: true }, readsResults: { all: true }, readsCollaborationResults: true });
		const coordinator = abilitiesFor([grant('coordinator', 'c1', 'm1'), grant('coordinator', 'c1', 'm2'), grant('coordinator', 'c2', 'm3')], 'c1');
		expect(coordinator).toMatchObject({ manage: false, coordinates: { all: false, ids: ['m1', 'm2'] }, readsResults: { all: false, ids: ['m1', 'm2'] } });
		expect([holds(coordinator.coordinates, 'm1'), holds(coordinator.coordinates, 'm3'), filterOf(coordinator.coordinates)]).toEqual([
			true,
			false,
			['m1', 'm2']
		]);
		const leader = abilitiesFor([grant('executive_viewer', 'c1', 'm1'), grant('board_viewer', 'c1')], 'c1');
		expect(leader).toMatchObject({ coordinates: { all: false, ids: [] }, readsResults: { all: false, ids: ['m1'] }, readsCollaborationResults: true });
		expect(some(leader.coordinates)).toBe(false);
		const elsewhere = abilitiesFor([grant('collaboration_admin', 'c2'), grant('platform_admin', null)], 'c1');
		expect(elsewhere).toMatchObject({
			manage: false,
			audit: false,
			coordinates: { all: false, ids: [] },
			readsResults: { all: false, ids: [] },
			readsCollaborationResults: false
		});
	});

	it('agrees with can() for every role and scope', () => {
		for (const role of roles) {
			const grants = [
				grant(role, 'c1', role === 'respondent' || role.endsWith('viewer') || role === 'coordinator' ? 'm1' : null, role === 'respondent' ? 's1' : null)
			];
			const a = abilitiesFor(grants, 'c1');
			expect(a.manage, role).toBe(can(grants, 'collaboration.manage', { collaborationId: 'c1' }));
			expect(holds(a.coordinates, 'm1'), role).toBe(can(grants, 'municipality.coordinate', { collaborationId: 'c1', municipalityId: 'm1' }));
			expect(holds(a.readsResults, 'm1'), role).toBe(can(grants, 'municipality.results', { collaborationId: 'c1', municipalityId: 'm1' }));
			expect(holds(a.readsResults, 'm9'), role).toBe(can(grants, 'municipality.results', { collaborationId: 'c1', municipalityId: 'm9' }));
		}
	});
});

describe('resultsScope', () => {
	it('gives admins and the board every member, municipality roles their own, respondents nothing', () => {
		expect(resultsScope([grant('board_viewer')], C1)).toEqual({ all: true, municipalities: [] });
		expect(resultsScope([grant('executive_viewer', C1, M1), grant('coordinator', C1, M2), grant('executive_viewer', C2, M2)], C1)).toEqual({
			all: false,
			municipalities: [M1, M2]
		});
		expect(resultsScope([grant('respondent', C1, M1, S1), grant('collaboration_admin', C2)], C1)).toEqual({ all: false, municipalities: [] });
	});
});

describe('initiatives', () => {
	const scopes: Record<string, InitiativeScope> = {
		ownSector: { scope: 'sector', municipalityId: M1, sectorId: S1 },
		otherSector: { scope: 'sector', municipalityId: M1, sectorId: S2 },
		otherMembersSector: { scope: 'sector', municipalityId: M2, sectorId: S1 },
		ownMunicipality: { scope: 'municipality', municipalityId: M1 },
		otherMunicipality: { scope: 'municipality', municipalityId: M2 },
		collaboration: { scope: 'collaboration' }
	};
	const table = (f: (g: Grant[], at: InitiativeScope) => boolean) =>
		Object.fromEntries(roles.map((role) => [role, Object.keys(scopes).filter((k) => f([byRole[role]], scopes[k]!))]));

	it('lets sector heads plan for their sector, coordinators and leadership for their municipality, admins everywhere', () => {
		expect(table((g, at) => mayPlanInitiative(g, C1, at))).toEqual({
			platform_admin: [],
			collaboration_admin: Object.keys(scopes),
			board_viewer: [],
			coordinator: ['ownSector', 'otherSector', 'ownMunicipality'],
			executive_viewer: ['ownSector', 'otherSector', 'ownMunicipality'],
			respondent: ['ownSector']
		});
	});

	it('shows each role what it shares, the board the whole portfolio, another member nothing of a member’s own', () => {
		expect(table((g, at) => initiativeAbilities(g, 'u', C1, { ...at, ownerId: null }).see)).toEqual({
			platform_admin: [],
			collaboration_admin: Object.keys(scopes),
			board_viewer: Object.keys(scopes),
			coordinator: ['ownSector', 'otherSector', 'ownMunicipality', 'collaboration'],
			executive_viewer: ['ownSector', 'otherSector', 'ownMunicipality', 'collaboration'],
			respondent: ['ownSector', 'ownMunicipality', 'collaboration']
		});
	});

	it('lets an owner see and report on their initiative, not edit it; nothing in another collaboration', () => {
		const at = { ...scopes.otherMembersSector!, ownerId: 'u' };
		expect(initiativeAbilities([byRole.respondent], 'u', C1, at)).toEqual({ see: true, edit: false, status: true });
		expect(initiativeAbilities([byRole.respondent], 'v', C1, at)).toEqual({ see: false, edit: false, status: false });
		expect(initiativeAbilities([byRole.collaboration_admin], 'u', C2, at)).toEqual({ see: false, edit: false, status: false });
		expect(mayPlanInitiative([byRole.collaboration_admin], C2, scopes.collaboration!)).toBe(false);
	});
});

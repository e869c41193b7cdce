/**
 * The one place that answers "may this person do this, here?". Every load and every
 * action asks through `can` (or the guards in guard.ts); nothing is protected only
 * by a layout or by hiding a link.
 *
 * A role is a grant on a scope (BRIEF §2): platform, collaboration, municipality, or
 * municipality + sector. Pure functions over plain data, so the rules are tested
 * without a server.
 */

export const roles = ['platform_admin', 'collaboration_admin', 'board_viewer', 'coordinator', 'executive_viewer', 'respondent'] as const;
export type Role = (typeof roles)[number];

export interface Grant {
	role: Role;
	collaborationId: string | null;
	municipalityId: string | null;
	sectorId: string | null;
}

export interface Scope {
	collaborationId?: string;
	municipalityId?: string;
	sectorId?: string;
}

/** What a person can ask to do. Each names the scope it needs. */
export type Permission =
	/** create collaborations and their first admins, and only that (scope: platform) */
	| 'platform.manage'
	/** see a collaboration's own pages at all (scope: collaboration) */
	| 'collaboration.view'
	/** settings, members, sectors, people, grants, invitations, rounds (scope: collaboration) */
	| 'collaboration.manage'
	/** the collaboration's audit trail (scope: collaboration) */
	| 'collaboration.audit'
	/** follow a municipality's assessments, assign respondents, reopen (scope: municipality) */
	| 'municipality.coordinate'
	/** a municipality's results and dashboards (scope: municipality) */
	| 'municipality.results'
	/** the collaboration's aggregate results and sector views (scope: collaboration) */
	| 'collaboration.results'
	/** answer an assessment (scope: municipality + sector) */
	| 'assessment.answer'
	/** preview questionnaires (scope: platform; every signed-in person) */
	| 'questionnaire.view';

export function can(grants: readonly Grant[], permission: Permission, scope: Scope = {}): boolean {
	return grants.some((g) => grantAllows(g, permission, scope));
}

function grantAllows(g: Grant, permission: Permission, scope: Scope): boolean {
	if (permission === 'questionnaire.view') return true;
	// The operator creates collaborations and invites their first admins (on /collaborations),
	// and nothing inside them: no pages, no people, no audit trail, no answers. There is no
	// break-glass access; the database refuses it a grant in a collaboration (migrations/007).
	if (g.role === 'platform_admin') return permission === 'platform.manage';
	if (!scope.collaborationId || g.collaborationId !== scope.collaborationId) return false;
	const inMunicipality = scope.municipalityId !== undefined && g.municipalityId === scope.municipalityId;

	switch (permission) {
		case 'platform.manage':
			return false;
		case 'collaboration.view':
			return true; // any grant in the collaboration
		case 'collaboration.manage':
		case 'collaboration.audit':
			return g.role === 'collaboration_admin';
		case 'collaboration.results':
			return g.role === 'collaboration_admin' || g.role === 'board_viewer';
		case 'municipality.coordinate':
			return scope.municipalityId !== undefined && (g.role === 'collaboration_admin' || (g.role === 'coordinator' && inMunicipality));
		case 'municipality.results':
			return (
				scope.municipalityId !== undefined &&
				(g.role === 'collaboration_admin' || ((g.role === 'coordinator' || g.role === 'executive_viewer') && inMunicipality))
			);
		case 'assessment.answer':
			return g.role === 'respondent' && inMunicipality && scope.sectorId !== undefined && g.sectorId === scope.sectorId;
	}
}

/** The collaborations a person has any grant in (platform admins: all, given by the caller). */
export function collaborationIdsOf(grants: readonly Grant[]): string[] {
	return [...new Set(grants.flatMap((g) => (g.collaborationId ? [g.collaborationId] : [])))];
}

export function isPlatformAdmin(grants: readonly Grant[]): boolean {
	return grants.some((g) => g.role === 'platform_admin');
}

/** Municipalities of a collaboration: every member, or these. */
export type Municipalities = { all: true } | { all: false; ids: string[] };

/**
 * What a person may do in one collaboration, as abilities: what routes ask instead of
 * re-deriving it from grants. Each follows from `can` and the grants in one place here.
 */
export interface Abilities {
	/** settings, members, sectors, people, API tokens; open and close rounds; the collaboration's minimum targets */
	manage: boolean;
	/** the collaboration's audit trail */
	audit: boolean;
	/** whose assessments the person follows: assign, remind, reopen, choose the team, set their own targets */
	coordinates: Municipalities;
	/** whose results the person reads (dashboards, answers, exports) */
	readsResults: Municipalities;
	/** whose results the person reads by name beside the scores, collaboration-wide (admins and the board) */
	readsCollaborationResults: boolean;
}

export function abilitiesFor(grants: readonly Grant[], collaborationId: string): Abilities {
	const here = grants.filter((g) => g.collaborationId === collaborationId);
	const ids = (roles: Role[]) => [...new Set(here.flatMap((g) => (roles.includes(g.role) && g.municipalityId ? [g.municipalityId] : [])))];
	const manage = can(grants, 'collaboration.manage', { collaborationId });
	return {
		manage,
		audit: can(grants, 'collaboration.audit', { collaborationId }),
		coordinates: manage ? { all: true } : { all: false, ids: ids(['coordinator']) },
		readsResults: manage ? { all: true } : { all: false, ids: ids(['coordinator', 'executive_viewer']) },
		readsCollaborationResults: can(grants, 'collaboration.results', { collaborationId })
	};
}

/** Does the set name any municipality at all? */
export const some = (m: Municipalities) => m.all || m.ids.length > 0;
/** Does the set hold this municipality? */
export const holds = (m: Municipalities, municipalityId: string) => m.all || m.ids.includes(municipalityId);
/** The ids to filter a query by, or null for every member. */
export const filterOf = (m: Municipalities): string[] | null => (m.all ? null : m.ids);

/**
 * Whose results the person reads in the collaboration: every member's ('all': its
 * admins and board), or their own municipalities' (coordinators, leadership teams).
 * Others by name only where the collaboration switched naming on (BRIEF §6).
 */
export function resultsScope(grants: readonly Grant[], collaborationId: string): { all: boolean; municipalities: string[] } {
	const here = grants.filter((g) => g.collaborationId === collaborationId);
	return {
		all: here.some((g) => g.role === 'collaboration_admin' || g.role === 'board_viewer'),
		municipalities: [
			...new Set(here.flatMap((g) => ((g.role === 'coordinator' || g.role === 'executive_viewer') && g.municipalityId ? [g.municipalityId] : [])))
		]
	};
}

/** Where an initiative belongs (BRIEF §3 scopes): a sector of a member, a member, or the collaboration. */
export type InitiativeScope =
	| { scope: 'sector'; municipalityId: string; sectorId: string }
	| { scope: 'municipality'; municipalityId: string; sectorId?: null }
	| { scope: 'collaboration'; municipalityId?: null; sectorId?: null };

/**
 * Who may plan (create and edit) initiatives at a scope: sector heads for their sector,
 * the municipality's coordinator and leadership for the municipality and its sectors,
 * the collaboration's admins everywhere.
 */
export function mayPlanInitiative(grants: readonly Grant[], collaborationId: string, at: InitiativeScope): boolean {
	return grants.some((g) => {
		if (g.collaborationId !== collaborationId) return false;
		if (g.role === 'collaboration_admin') return true;
		if (at.scope === 'collaboration' || g.municipalityId !== at.municipalityId) return false;
		if (g.role === 'coordinator' || g.role === 'executive_viewer') return true;
		return g.role === 'respondent' && at.scope === 'sector' && g.sectorId === at.sectorId;
	});
}

export interface InitiativeAbilities {
	see: boolean;
	/** title, description, items, owner, due date */
	edit: boolean;
	/** move the status on, with a note (those who plan it, and its owner) */
	status: boolean;
}

/**
 * What a person may do with one initiative. Seeing follows whose plans they share: a
 * sector's initiative is seen by that sector's heads and by whoever plans for its
 * municipality, a municipality's by its people, a joint one by everyone in the
 * collaboration; the collaboration's admins and board see the whole portfolio; the owner
 * always sees and reports on their own. Another member never sees a member's own
 * initiatives: they would tell what its results were.
 */
export function initiativeAbilities(
	grants: readonly Grant[],
	userId: string,
	collaborationId: string,
	initiative: InitiativeScope & { ownerId: string | null }
): InitiativeAbilities {
	const edit = mayPlanInitiative(grants, collaborationId, initiative);
	const owner = initiative.ownerId !== null && initiative.ownerId === userId && can(grants, 'collaboration.view', { collaborationId });
	const here = grants.filter((g) => g.collaborationId === collaborationId);
	const see =
		edit ||
		owner ||
		here.some((g) => {
			if (g.role === 'board_viewer' || initiative.scope === 'collaboration') return true;
			if (g.municipalityId !== initiative.municipalityId) return false;
			return initiative.scope === 'municipality' || g.sectorId === initiative.sectorId;
		});
	return { see, edit, status: edit || owner };
}

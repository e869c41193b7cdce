import { audit } from '../audit';
import type { Grant, Role } from '../auth/access';
import type { Db } from '../db/index';
import { currentMembers, isMember } from './municipalities';
import { sectorName } from './sectors';
import { type Locale } from '../../i18n';

export interface Person {
	id: string;
	email: string;
	name: string;
	/**
	 * true until the person signs in after being given their first role here. The same
	 * for an account that is new and one that already existed elsewhere, so the list
	 * tells the collaboration nothing about accounts beyond its own.
	 */
	waiting: boolean;
	grants: { id: string; role: Role; municipality: string | null; sector: string | null }[];
}

/** Everyone with a grant in the collaboration, with those grants (sector names in `locale`). */
export async function listPeople(sql: Db, collaborationId: string, locale: Locale): Promise<Person[]> {
	return sql<Person[]>`
		select u.id, u.email, u.name, coalesce(u.last_signed_in_at < min(g.created_at), true) as waiting,
			json_agg(json_build_object('id', g.id, 'role', g.role, 'municipality', m.name, 'sector', ${sectorName(sql, locale)})
				order by g.role, m.name, s.position) as grants
		from role_grant g
		join app_user u on u.id = g.user_id
		left join municipality m on m.id = g.municipality_id
		left join sector s on s.id = g.sector_id
		where g.collaboration_id = ${collaborationId}
		group by u.id
		order by lower(u.name), lower(u.email)`;
}

export interface GrantInput {
	role: Exclude<Role, 'platform_admin'>;
	municipalityId: string | null;
	sectorId: string | null;
}

export class GrantScopeError extends Error {}

/** The person is a platform administrator: the operator holds no role inside a collaboration. */
export class PlatformAdminGrantError extends Error {
	constructor() {
		super('A platform administrator cannot hold a role in a collaboration.');
	}
}

/**
 * Adds a grant in the collaboration (or finds the same one). The municipality must be a
 * member and the sector one of the collaboration's: a grant can never point into another
 * tenant. A platform administrator gets none (the database refuses it too, migrations/007).
 */
export async function addGrant(
	sql: Db,
	collaborationId: string,
	userId: string,
	input: GrantInput,
	actorId: string | null
): Promise<{ id: string; added: boolean }> {
	const needsMunicipality = ['coordinator', 'executive_viewer', 'respondent'].includes(input.role);
	const needsSector = input.role === 'respondent';
	const municipalityId = needsMunicipality ? input.municipalityId : null;
	const sectorId = needsSector ? input.sectorId : null;
	if ((needsMunicipality && !municipalityId) || (needsSector && !sectorId)) throw new GrantScopeError('missing scope');
	if (municipalityId) {
		if (!(await isMember(sql, collaborationId, municipalityId))) throw new GrantScopeError('municipality is not a member');
	}
	if (sectorId) {
		const [sector] = await sql`select 1 from sector where collaboration_id = ${collaborationId} and id = ${sectorId} and archived_at is null`;
		if (!sector) throw new GrantScopeError('unknown sector');
	}
	const [platform] = await sql`select 1 from role_grant where user_id = ${userId} and role = 'platform_admin'`;
	if (platform) throw new PlatformAdminGrantError();
	const [row] = await sql<{ id: string }[]>`
		insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id, created_by)
		values (${userId}, ${input.role}, ${collaborationId}, ${municipalityId}, ${sectorId}, ${actorId})
		on conflict do nothing returning id`;
	if (!row) {
		const [same] = await sql<{ id: string }[]>`
			select id from role_grant where user_id = ${userId} and role = ${input.role} and collaboration_id = ${collaborationId}
				and municipality_id is not distinct from ${municipalityId} and sector_id is not distinct from ${sectorId}`;
		return { id: same!.id, added: false };
	}
	await audit(sql, {
		action: 'grant.added',
		actorId,
		collaborationId,
		subjectType: 'user',
		subjectId: userId,
		detail: { grantId: row.id, ...input, municipalityId, sectorId }
	});
	return { id: row.id, added: true };
}

/** The municipality of one of the collaboration's respondent grants, or null. */
export async function respondentGrantMunicipality(sql: Db, collaborationId: string, grantId: string): Promise<string | null> {
	const [grant] = await sql<{ municipalityId: string }[]>`
		select municipality_id as "municipalityId" from role_grant where id = ${grantId} and role = 'respondent' and collaboration_id = ${collaborationId}`;
	return grant?.municipalityId ?? null;
}

export async function revokeGrant(sql: Db, collaborationId: string, grantId: string, actorId: string): Promise<boolean> {
	const [row] = await sql<{ user_id: string; role: string }[]>`
		delete from role_grant where id = ${grantId} and collaboration_id = ${collaborationId} returning user_id, role`;
	if (!row) return false;
	await audit(sql, { action: 'grant.revoked', actorId, collaborationId, subjectType: 'user', subjectId: row.user_id, detail: { grantId, role: row.role } });
	return true;
}

/** A person's own grants with readable scope names, for their account page. */
export async function describeGrants(sql: Db, grants: readonly Grant[], locale: Locale): Promise<{ id: string; role: Role; scope: string }[]> {
	if (grants.length === 0) return [];
	const ids = (pick: (g: Grant) => string | null) => [...new Set(grants.map(pick).filter((x): x is string => x !== null))];
	const names = new Map(
		(
			await sql<{ id: string; name: string }[]>`
				select id, name from collaboration where id = any(${ids((g) => g.collaborationId)}::uuid[])
				union all select id, name from municipality where id = any(${ids((g) => g.municipalityId)}::uuid[])
				union all select s.id, ${sectorName(sql, locale)} from sector s where s.id = any(${ids((g) => g.sectorId)}::uuid[])`
		).map((r) => [r.id, r.name])
	);
	return grants.map((g, i) => ({
		id: String(i),
		role: g.role,
		scope: [g.collaborationId, g.municipalityId, g.sectorId].flatMap((id) => (id ? [names.get(id) ?? '?'] : [])).join(' · ') || 'Moden'
	}));
}

/** What a grant in the collaboration can point at: its current members and active sectors. */
export async function grantScopes(sql: Db, collaborationId: string) {
	const municipalities = await currentMembers(sql, collaborationId);
	// name_nn: the nynorsk name, or the bokmål one where none is given (sectors.ts)
	const sectors = await sql<{ id: string; name_nb: string; name_nn: string; name_sv: string; name_en: string }[]>`
		select id, name_nb, coalesce(name_nn, name_nb) as name_nn, name_sv, name_en from sector
		where collaboration_id = ${collaborationId} and archived_at is null order by position, name_nb`;
	return { municipalities, sectors };
}

import type { Sql } from 'postgres';
import { collator } from '../../i18n';
import { audit } from '../audit';
import { todayFor } from '../calendar';
import type { Db } from '../db/index';
import type { Country } from './collaborations';

export interface Member {
	membershipId: string;
	municipalityId: string;
	nationalNumber: string;
	name: string;
	country: Country;
	/** yyyy-mm-dd; valid_to is the last day of the membership, null while open-ended */
	validFrom: string;
	validTo: string | null;
	status: 'upcoming' | 'current' | 'ended';
	population: number | null;
	populationYear: number | null;
}

/** A rule of memberships that the person's input broke; the route turns it into a message. */
export class MembershipError extends Error {
	constructor(readonly reason: 'already_member' | 'ends_before_start' | 'overlaps_later') {
		super(reason);
	}
}

/**
 * The collaboration's municipalities, each with its latest membership (a member that
 * left and came back shows the new period) and its latest known population.
 */
export async function listMembers(sql: Db, collaborationId: string): Promise<Member[]> {
	const rows = await sql<(Member & { collaborationCountry: Country })[]>`
		select distinct on (m.id)
			ms.id as "membershipId", m.id as "municipalityId", m.national_number as "nationalNumber", m.name, m.country,
			ms.valid_from::text as "validFrom", ms.valid_to::text as "validTo",
			case when ms.valid_from > ${todayFor(sql, sql`ms.collaboration_id`)} then 'upcoming'
				when ms.valid_to < ${todayFor(sql, sql`ms.collaboration_id`)} then 'ended' else 'current' end as status,
			p.population, p.year as "populationYear", c.country as "collaborationCountry"
		from membership ms
		join municipality m on m.id = ms.municipality_id
		join collaboration c on c.id = ms.collaboration_id
		left join lateral (
			select year, population from municipality_population where municipality_id = m.id order by year desc limit 1
		) p on true
		where ms.collaboration_id = ${collaborationId}
		order by m.id, ms.valid_from desc`;
	// Sorted in the collaboration's language, so æøå and åäö come after z.
	const compare = collator(rows[0]?.collaborationCountry === 'SE' ? 'sv' : 'nb').compare;
	return rows
		.map(({ collaborationCountry: _, ...member }) => member)
		.sort((a, b) => compare(a.name, b.name) || a.nationalNumber.localeCompare(b.nationalNumber));
}

export interface MemberInput {
	country: Country;
	nationalNumber: string;
	name: string;
	validFrom: string;
	population?: number | null;
	populationYear?: number | null;
}

/**
 * Adds a municipality as a member from `validFrom`. The municipality is found by its
 * national number, or registered: names repeat across the country (Nes, Herøy), so a
 * name never identifies one, and an existing one keeps its registered name.
 */
export async function addMember(
	sql: Sql,
	collaborationId: string,
	input: MemberInput,
	actorId: string | null
): Promise<{ membershipId: string; municipalityId: string; name: string; created: boolean }> {
	return sql.begin(async (tx) => {
		const [inserted] = await tx<{ id: string }[]>`
			insert into municipality (country, national_number, name) values (${input.country}, ${input.nationalNumber}, ${input.name})
			on conflict (country, national_number) do nothing returning id`;
		// Locking the municipality serialises two admins adding it at the same moment.
		const [municipality] = await tx<{ id: string; name: string }[]>`
			select id, name from municipality where country = ${input.country} and national_number = ${input.nationalNumber} for update`;
		const municipalityId = municipality!.id;
		const [overlap] = await tx`
			select 1 from membership
			where collaboration_id = ${collaborationId} and municipality_id = ${municipalityId}
				and (valid_to is null or valid_to >= ${input.validFrom}::date)`;
		if (overlap) throw new MembershipError('already_member');
		const [membership] = await tx<{ id: string }[]>`
			insert into membership (collaboration_id, municipality_id, valid_from)
			values (${collaborationId}, ${municipalityId}, ${input.validFrom}) returning id`;
		if (input.population != null && input.populationYear != null) {
			await upsertPopulation(tx, municipalityId, input.populationYear, input.population);
		}
		await audit(tx, {
			action: 'membership.added',
			actorId,
			collaborationId,
			subjectType: 'municipality',
			subjectId: municipalityId,
			detail: { membershipId: membership!.id, ...input, registeredName: municipality!.name, newMunicipality: Boolean(inserted) }
		});
		return { membershipId: membership!.id, municipalityId, name: municipality!.name, created: Boolean(inserted) };
	});
}

/**
 * Ends a membership on `validTo`, its last day (also to correct an earlier end).
 * False when the membership is not one of this collaboration's.
 */
export async function endMembership(sql: Sql, collaborationId: string, membershipId: string, validTo: string, actorId: string | null): Promise<boolean> {
	return sql.begin(async (tx) => {
		const [before] = await tx<{ municipalityId: string; validFrom: string; validTo: string | null; endsBeforeStart: boolean }[]>`
			select municipality_id as "municipalityId", valid_from::text as "validFrom", valid_to::text as "validTo",
				${validTo}::date < valid_from as "endsBeforeStart"
			from membership where id = ${membershipId} and collaboration_id = ${collaborationId} for update`;
		if (!before) return false;
		if (before.endsBeforeStart) throw new MembershipError('ends_before_start');
		const [later] = await tx`
			select 1 from membership
			where collaboration_id = ${collaborationId} and municipality_id = ${before.municipalityId} and id <> ${membershipId}
				and valid_from > ${before.validFrom}::date and valid_from <= ${validTo}::date`;
		if (later) throw new MembershipError('overlaps_later');
		await tx`update membership set valid_to = ${validTo} where id = ${membershipId}`;
		await audit(tx, {
			action: 'membership.ended',
			actorId,
			collaborationId,
			subjectType: 'municipality',
			subjectId: before.municipalityId,
			detail: { membershipId, validFrom: before.validFrom, before: before.validTo, validTo }
		});
		return true;
	});
}

/**
 * Records a municipality's population for a year. Populations are shared by the whole
 * platform, so only a collaboration the municipality is (or was) a member of may set
 * them; false otherwise.
 */
export async function setPopulation(
	sql: Sql,
	collaborationId: string,
	municipalityId: string,
	year: number,
	population: number,
	actorId: string | null
): Promise<boolean> {
	return sql.begin(async (tx) => {
		if (!(await isMember(tx, collaborationId, municipalityId))) return false;
		const before = await upsertPopulation(tx, municipalityId, year, population);
		await audit(tx, {
			action: 'population.set',
			actorId,
			collaborationId,
			subjectType: 'municipality',
			subjectId: municipalityId,
			detail: { year, population, before }
		});
		return true;
	});
}

/** Sets the population of a year; returns the value it replaced, if any. */
async function upsertPopulation(sql: Db, municipalityId: string, year: number, population: number): Promise<number | null> {
	const [previous] = await sql<{ population: number }[]>`
		select population from municipality_population where municipality_id = ${municipalityId} and year = ${year} for update`;
	await sql`
		insert into municipality_population (municipality_id, year, population) values (${municipalityId}, ${year}, ${population})
		on conflict (municipality_id, year) do update set population = excluded.population`;
	return previous?.population ?? null;
}

/** Is the municipality a member of the collaboration (now or once)? The one member check. */
export async function isMember(sql: Db, collaborationId: string, municipalityId: string): Promise<boolean> {
	const [member] = await sql`select 1 from membership where collaboration_id = ${collaborationId} and municipality_id = ${municipalityId} limit 1`;
	return Boolean(member);
}

/** The collaboration's current members by name, all or only those given. */
export async function currentMembers(sql: Db, collaborationId: string, only: string[] | null = null): Promise<{ id: string; name: string }[]> {
	return sql<{ id: string; name: string }[]>`
		select distinct m.id, m.name from membership ms join municipality m on m.id = ms.municipality_id
		where ms.collaboration_id = ${collaborationId} and (ms.valid_to is null or ms.valid_to >= ${todayFor(sql, sql`ms.collaboration_id`)})
			${only === null ? sql`` : sql`and m.id = any(${only}::uuid[])`}
		order by m.name`;
}

/** The collaboration's current members that nobody coordinates yet (no coordinator grant). */
export async function membersWithoutCoordinator(sql: Db, collaborationId: string): Promise<{ id: string; name: string }[]> {
	const members = await currentMembers(sql, collaborationId);
	const coordinated = await sql<{ id: string }[]>`
		select distinct municipality_id as id from role_grant where collaboration_id = ${collaborationId} and role = 'coordinator'`;
	const ids = new Set(coordinated.map((r) => r.id));
	return members.filter((m) => !ids.has(m.id));
}

/** A member's name, or null where the municipality is no member of the collaboration. */
export async function memberName(sql: Db, collaborationId: string, municipalityId: string): Promise<string | null> {
	const [row] = await sql<{ name: string }[]>`
		select m.name from municipality m join membership ms on ms.municipality_id = m.id
		where m.id = ${municipalityId} and ms.collaboration_id = ${collaborationId} limit 1`;
	return row?.name ?? null;
}

import type { Sql } from 'postgres';
import { audit } from '../audit';
import type { Db } from '../db/index';

/**
 * A person's own data (GDPR art. 15/17): everything Moden holds about them, as one
 * document, and deletion. Deleting removes the account, its sessions, links, identities
 * at providers and roles; the answers they gave stay, as anonymous answers of their
 * assessments (response.respondent_id becomes null), so the municipality's results do not
 * change.
 */
export async function personalData(sql: Db, userId: string) {
	const [account] =
		await sql`select id, email, name, locale, created_at, disabled_at, password_hash is not null as has_password from app_user where id = ${userId}`;
	const roles = await sql`
		select g.role, c.name as collaboration, m.name as municipality, s.name_nb as sector, g.created_at
		from role_grant g left join collaboration c on c.id = g.collaboration_id
		left join municipality m on m.id = g.municipality_id left join sector s on s.id = g.sector_id
		where g.user_id = ${userId} order by g.created_at`;
	const responses = await sql`
		select r.id, c.name as collaboration, m.name as municipality, s.name_nb as sector, ro.year, r.status, r.started_at, r.submitted_at,
			coalesce((select json_agg(json_build_object('item', x.item_key, 'kind', x.kind, 'level', x.level, 'ticked', x.ticked, 'amount', x.amount, 'naReason', x.na_reason,
				'comment', x.comment, 'evidenceUrl', x.evidence_url, 'updatedAt', x.updated_at) order by x.item_key)
				from answer x where x.response_id = r.id), '[]') as answers
		from response r join assessment a on a.id = r.assessment_id join round ro on ro.id = a.round_id
		join collaboration c on c.id = a.collaboration_id join municipality m on m.id = a.municipality_id join sector s on s.id = a.sector_id
		where r.respondent_id = ${userId} order by ro.year, r.started_at`;
	const sessions = await sql`select created_at, last_verified_at from user_session where user_id = ${userId}`;
	// the identities at providers that sign the person in (docs/sso.md)
	const identities = await sql`select issuer, subject, linked_at, last_used_at from user_identity where user_id = ${userId} order by linked_at`;
	const activity = await sql`select at, action, subject_type, subject_id, host(ip) as ip from audit_event where actor_id = ${userId} order by at`;
	// the initiatives they own or made, and what they wrote in them (issue 20) and in sign-offs (issue 24)
	const initiatives = await sql`
		select i.id, c.name as collaboration, i.scope, i.title, i.description, i.status, i.due_on,
			i.owner_id is not distinct from ${userId}::uuid as owner, i.created_by is not distinct from ${userId}::uuid as creator, i.created_at
		from initiative i join collaboration c on c.id = i.collaboration_id
		where i.owner_id = ${userId} or i.created_by = ${userId} order by i.created_at`;
	const initiativeNotes = await sql`
		select i.title as initiative, e.status, e.note, e.at from initiative_event e join initiative i on i.id = e.initiative_id
		where e.actor_id = ${userId} order by e.at`;
	const signoffs = await sql`
		select c.name as collaboration, m.name as municipality, s.name_nb as sector, ro.year, a.signoff, a.signoff_note as note, a.signoff_at as at
		from assessment a join round ro on ro.id = a.round_id
		join collaboration c on c.id = a.collaboration_id join municipality m on m.id = a.municipality_id join sector s on s.id = a.sector_id
		where a.signoff_by = ${userId} order by a.signoff_at`;
	return { exportedAt: new Date().toISOString(), account, roles, responses, sessions, identities, activity, initiatives, initiativeNotes, signoffs };
}

export class LastPlatformAdminError extends Error {
	constructor() {
		super('The last platform administrator cannot be deleted.');
	}
}

export async function deletePerson(sql: Sql, userId: string, ip: string | null): Promise<void> {
	await sql.begin(async (tx) => {
		const [admins] = await tx<{ others: number; self: boolean }[]>`
			select count(*) filter (where user_id <> ${userId})::int as others, bool_or(user_id = ${userId}) as self
			from role_grant where role = 'platform_admin'`;
		if (admins?.self && admins.others === 0) throw new LastPlatformAdminError();
		// The trail keeps that an account was deleted, not whose: no e-mail, no name.
		await audit(tx, { action: 'user.deleted', subjectType: 'user', subjectId: userId, ip });
		await tx`delete from app_user where id = ${userId}`;
	});
}

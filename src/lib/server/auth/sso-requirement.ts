import type { Sql } from 'postgres';
import { audit } from '../audit';
import type { Db } from '../db/index';

/**
 * A collaboration's requirement that its people sign in through one of its identity
 * providers: password sign-in is then refused to everyone with a role in it (sign-in.ts),
 * also to people with roles in other collaborations. Switched on only from a session that
 * came through one of the collaboration's providers, and off when the last one is removed.
 */
export async function ssoRequired(sql: Db, collaborationId: string): Promise<boolean> {
	const [row] = await sql<{ required: boolean }[]>`select sso_required as required from collaboration where id = ${collaborationId}`;
	return row?.required ?? false;
}

export async function setSsoRequired(sql: Sql, collaborationId: string, required: boolean, actorId: string): Promise<void> {
	await sql.begin(async (tx) => {
		await tx`update collaboration set sso_required = ${required} where id = ${collaborationId}`;
		await audit(tx, {
			action: 'collaboration.sso_required',
			actorId,
			collaborationId,
			subjectType: 'collaboration',
			subjectId: collaborationId,
			detail: { required }
		});
	});
}

/** The collaborations, among the person's, that refuse passwords. */
export async function collaborationsRequiringSso(sql: Db, userId: string): Promise<{ id: string; name: string }[]> {
	return sql<{ id: string; name: string }[]>`
		select c.id, c.name from collaboration c
		where c.sso_required and exists (select 1 from role_grant g where g.user_id = ${userId} and g.collaboration_id = c.id)
		order by c.name`;
}

/** The providers of these collaborations, for the buttons shown when a password is refused. */
export async function providersOf(sql: Db, collaborationIds: string[]): Promise<{ id: string; displayName: string }[]> {
	return sql<{ id: string; displayName: string }[]>`
		select id, display_name as "displayName" from identity_provider where collaboration_id = any(${collaborationIds}) order by display_name, id`;
}

/** Whether the session began through one of the collaboration's providers (the requirement is switched on only then). */
export async function sessionThroughCollaboration(sql: Db, sessionId: string, collaborationId: string): Promise<boolean> {
	const [row] = await sql<{ ok: boolean }[]>`
		select exists (
			select 1 from user_session s join identity_provider p
				on p.id = s.provider_id or (s.provider_id is null and p.installation_key = s.installation_key)
			where s.id = ${sessionId} and p.collaboration_id = ${collaborationId}) as ok`;
	return row!.ok;
}

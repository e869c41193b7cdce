import type { Sql } from 'postgres';
import { audit } from '../audit';
import { issueLink } from './links';
import { ensureUser } from './users';

/**
 * Platform administrators, made from the command line (scripts/admin.ts). The operator
 * holds no role inside a collaboration (access.ts; the database refuses the mix), and the
 * command prints a link to set a password only for an account that is the platform's
 * alone and has none yet: never one for a person collaborations know.
 */
export class PlatformAdminRefusedError extends Error {}

export async function makePlatformAdmin(sql: Sql, email: string): Promise<{ token: string | null }> {
	return sql.begin(async (tx) => {
		const user = await ensureUser(tx, email);
		const [account] = await tx<{ collaborations: number; pending: boolean }[]>`
			select (select count(distinct collaboration_id)::int from role_grant where user_id = u.id and collaboration_id is not null) as collaborations,
				u.password_hash is null as pending
			from app_user u where u.id = ${user.id}`;
		if (account!.collaborations > 0) {
			throw new PlatformAdminRefusedError(
				`${email} has roles in ${account!.collaborations} collaboration(s); a platform administrator holds none. Use another e-mail address for operating the platform.`
			);
		}
		const [added] = await tx<
			{ id: string }[]
		>`insert into role_grant (user_id, role) values (${user.id}, 'platform_admin') on conflict do nothing returning id`;
		const [grant] = added ? [added] : await tx<{ id: string }[]>`select id from role_grant where user_id = ${user.id} and role = 'platform_admin'`;
		if (added)
			await audit(tx, {
				action: 'grant.added',
				subjectType: 'user',
				subjectId: user.id,
				detail: { grantId: grant!.id, role: 'platform_admin', via: 'command line' }
			});
		if (!account!.pending) return { token: null };
		const { token } = await issueLink(tx, user.id, 'invitation', { delivery: 'shown', grantId: grant!.id });
		return { token };
	});
}

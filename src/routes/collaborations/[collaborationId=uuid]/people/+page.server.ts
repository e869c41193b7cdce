import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requirePermission } from '$lib/server/auth/guard';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { invite } from '$lib/server/collaborations/invitations';
import { GrantScopeError, grantScopes, listPeople, PlatformAdminGrantError, revokeGrant } from '$lib/server/collaborations/people';
import { db } from '$lib/server/db';
import { emailField, fieldError, fieldErrors, postedFields, lineField, uuidField } from '$lib/server/forms';
import { mailConfigured } from '$lib/server/mail';
import { filterPeople, parsePeopleFilter } from '$lib/server/collaborations/people-filter';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	requirePermission(event, 'collaboration.manage', { collaborationId });
	const sql = db();
	const filter = parsePeopleFilter(event.url.searchParams, grantableRoles);
	const [people, scopes] = await Promise.all([listPeople(sql, collaborationId, event.locals.locale), grantScopes(sql, collaborationId)]);
	return { people: filterPeople(people, filter), total: people.length, filter, scopes, mailed: mailConfigured() };
};

const grantableRoles = ['collaboration_admin', 'board_viewer', 'coordinator', 'executive_viewer', 'respondent'] as const;
const optionalId = z.union([z.literal('').transform(() => null), uuidField]);
const inviteSchema = z.object({
	email: emailField,
	name: lineField({ max: 200 }).default(''),
	role: z.enum(grantableRoles, { error: 'form.invalid' }),
	municipalityId: optionalId.default(null),
	sectorId: optionalId.default(null)
});

export const actions: Actions = {
	/** Invites a new person, or gives an existing one another role: the same form. */
	invite: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const parsed = inviteSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'invite', values: fields, errors: fieldErrors(parsed.error) });
		const sql = db();
		try {
			const collaboration = await getCollaboration(sql, collaborationId);
			const invitation = await invite(
				sql,
				collaborationId,
				parsed.data,
				{ id: user.id, ip: event.getClientAddress() },
				{ origin: event.url.origin, locale: event.locals.locale, collaboration: collaboration?.name ?? '' }
			);
			return { action: 'invite', invitation };
		} catch (e) {
			if (e instanceof PlatformAdminGrantError)
				return fail(400, { action: 'invite', values: fields, errors: fieldError('email', 'people.platform_admin_refused') });
			if (!(e instanceof GrantScopeError)) throw e;
			const field = parsed.data.role === 'respondent' && !parsed.data.sectorId ? 'sectorId' : 'municipalityId';
			return fail(400, { action: 'invite', values: fields, errors: fieldError(field, 'people.scope_required') });
		}
	},
	revoke: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const parsed = z.object({ grantId: uuidField }).safeParse(await postedFields(event.request));
		if (!parsed.success) return fail(400, { action: 'revoke', message: 'form.unknown_id' as const });
		if (!(await revokeGrant(db(), collaborationId, parsed.data.grantId, user.id))) {
			return fail(404, { action: 'revoke', message: 'form.unknown_id' as const });
		}
		return { action: 'revoke', revoked: true };
	}
};

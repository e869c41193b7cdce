import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { openApiDocument } from '$lib/server/api/openapi';
import { createToken, listTokens, revokeToken, TokenScopeError } from '$lib/server/api/tokens';
import { requirePermission } from '$lib/server/auth/guard';
import { grantScopes } from '$lib/server/collaborations/people';
import { dayIn, timeZoneOf } from '$lib/server/calendar';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { db } from '$lib/server/db';
import { fieldError, fieldErrors, postedFields, lineField, msg, uuidField } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The read API for the collaboration's own systems: its tokens (admins only) and the reference. */
export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	requirePermission(event, 'collaboration.manage', { collaborationId });
	const sql = db();
	const [tokens, scopes] = await Promise.all([listTokens(sql, collaborationId), grantScopes(sql, collaborationId)]);
	return { tokens, municipalities: scopes.municipalities, reference: openApiDocument(event.url.origin) };
};

const createSchema = z.object({
	name: lineField({ min: 1, max: 200 }),
	municipalityId: z.union([z.literal('').transform(() => null), uuidField]).default(null),
	expiresOn: z.union([z.literal('').transform(() => null), z.iso.date(msg('form.invalid'))]).default(null)
});

export const actions: Actions = {
	create: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const parsed = createSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'create' as const, values: fields, errors: fieldErrors(parsed.error) });
		const { country } = (await getCollaboration(db(), collaborationId))!;
		if (parsed.data.expiresOn && parsed.data.expiresOn < dayIn(timeZoneOf(country))) {
			return fail(400, { action: 'create' as const, values: fields, errors: fieldError('expiresOn', 'api.expires_past') });
		}
		try {
			const token = await createToken(db(), collaborationId, parsed.data, user.id);
			return { action: 'create' as const, token, name: parsed.data.name };
		} catch (e) {
			if (!(e instanceof TokenScopeError)) throw e;
			return fail(400, { action: 'create' as const, values: fields, errors: fieldError('municipalityId', 'form.unknown_id') });
		}
	},
	revoke: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const parsed = z.object({ tokenId: z.string().regex(/^[a-z2-7]{24}$/) }).safeParse(await postedFields(event.request));
		if (!parsed.success || !(await revokeToken(db(), collaborationId, parsed.data.tokenId, user.id))) {
			return fail(404, { action: 'revoke' as const, message: 'form.unknown_id' as const });
		}
		return { action: 'revoke' as const, done: true };
	}
};

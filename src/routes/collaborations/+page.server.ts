import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { can, collaborationIdsOf } from '$lib/server/auth/access';
import { requirePermission, requireUser } from '$lib/server/auth/guard';
import { legalForms, listCollaborations, nameTaken, setUpCollaboration } from '$lib/server/collaborations/collaborations';
import { PlatformAdminGrantError } from '$lib/server/collaborations/people';
import { db } from '$lib/server/db';
import { emailField, fieldError, fieldErrors, postedFields, nameField } from '$lib/server/forms';
import { mailConfigured } from '$lib/server/mail';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	// The operator sees every collaboration's name (to set new ones up), and opens none.
	const operator = can(user.grants, 'platform.manage');
	const collaborations = await listCollaborations(db(), operator ? 'all' : collaborationIdsOf(user.grants));
	return {
		collaborations: collaborations.map((c) => ({ ...c, open: can(user.grants, 'collaboration.view', { collaborationId: c.id }) })),
		canCreate: operator,
		mailed: mailConfigured(),
		legalForms
	};
};

const create = z.object({
	name: nameField,
	legalForm: z.enum(legalForms, { error: 'form.invalid' }),
	country: z.enum(['NO', 'SE'], { error: 'form.invalid' }),
	adminEmail: emailField
});

export const actions: Actions = {
	/** The operator creates a collaboration and invites its first administrator. */
	create: async (event) => {
		const user = requirePermission(event, 'platform.manage');
		const fields = await postedFields(event.request);
		const parsed = create.safeParse(fields);
		if (!parsed.success) return fail(400, { values: fields, errors: fieldErrors(parsed.error) });
		const sql = db();
		if (await nameTaken(sql, parsed.data.name)) return fail(400, { values: fields, errors: fieldError('name', 'collaboration.name_taken') });
		try {
			const { collaboration, invitation } = await setUpCollaboration(
				sql,
				parsed.data,
				{ id: user.id, ip: event.getClientAddress() },
				{ origin: event.url.origin, locale: event.locals.locale }
			);
			return { created: { id: collaboration.id, name: collaboration.name }, invitation };
		} catch (e) {
			if (!(e instanceof PlatformAdminGrantError)) throw e;
			return fail(400, { values: fields, errors: fieldError('adminEmail', 'people.platform_admin_refused') });
		}
	}
};

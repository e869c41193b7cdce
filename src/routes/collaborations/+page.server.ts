import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { collaborationIdsOf, isPlatformAdmin } from '$lib/server/auth/access';
import { requirePermission, requireUser } from '$lib/server/auth/guard';
import { createCollaboration, legalForms, listCollaborations } from '$lib/server/collaborations/collaborations';
import { invite, mailInvitation } from '$lib/server/collaborations/people';
import { db } from '$lib/server/db';
import { emailField, fieldError, fieldErrors, formFields, nameField } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const all = isPlatformAdmin(user.grants);
	return { collaborations: await listCollaborations(db(), all ? 'all' : collaborationIdsOf(user.grants)), canCreate: all, legalForms };
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
		const fields = formFields(await event.request.formData());
		const parsed = create.safeParse(fields);
		if (!parsed.success) return fail(400, { values: fields, errors: fieldErrors(parsed.error) });
		const sql = db();
		const existing = await sql`select 1 from collaboration where lower(name) = lower(${parsed.data.name})`;
		if (existing.length > 0) return fail(400, { values: fields, errors: fieldError('name', 'collaboration.name_taken') });
		const collaboration = await createCollaboration(sql, parsed.data, user.id);
		const { link } = await invite(
			sql,
			collaboration.id,
			{ email: parsed.data.adminEmail, name: '', role: 'collaboration_admin', municipalityId: null, sectorId: null },
			user.id,
			event.url.origin
		);
		// Without SMTP the link is shown once, here, for the operator to pass on.
		const shown = link ? await mailInvitation(event.locals.locale, parsed.data.adminEmail, link, collaboration.name) : null;
		return { created: { id: collaboration.id, name: collaboration.name }, invited: parsed.data.adminEmail, link: shown };
	}
};

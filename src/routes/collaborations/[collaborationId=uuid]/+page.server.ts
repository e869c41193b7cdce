import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { can } from '$lib/server/auth/access';
import { requirePermission } from '$lib/server/auth/guard';
import { legalForms, nameTaken, overviewCounts, updateCollaboration } from '$lib/server/collaborations/collaborations';
import { db } from '$lib/server/db';
import { openRoundProgress } from '$lib/server/home/home';
import { fieldError, fieldErrors, postedFields, nameField } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const sql = db();
	const [counts, openRound] = await Promise.all([
		overviewCounts(sql, collaborationId),
		openRoundProgress(sql, user.grants, collaborationId, event.locals.locale)
	]);
	return { counts, openRound, canManage: can(user.grants, 'collaboration.manage', { collaborationId }), legalForms };
};

const settings = z.object({
	name: nameField,
	legalForm: z.enum(legalForms, { error: 'form.invalid' }),
	country: z.enum(['NO', 'SE'], { error: 'form.invalid' }),
	membersSeeNames: z.enum(['on']).optional(),
	resultsOnlyApproved: z.enum(['on']).optional()
});

export const actions: Actions = {
	settings: async (event) => {
		const collaborationId = event.params.collaborationId;
		const user = requirePermission(event, 'collaboration.manage', { collaborationId });
		const fields = await postedFields(event.request);
		const parsed = settings.safeParse(fields);
		if (!parsed.success) return fail(400, { values: fields, errors: fieldErrors(parsed.error) });
		const sql = db();
		if (await nameTaken(sql, parsed.data.name, collaborationId)) return fail(400, { values: fields, errors: fieldError('name', 'collaboration.name_taken') });
		await updateCollaboration(
			sql,
			collaborationId,
			{ ...parsed.data, membersSeeNames: parsed.data.membersSeeNames === 'on', resultsOnlyApproved: parsed.data.resultsOnlyApproved === 'on' },
			user.id
		);
		return { saved: true };
	}
};

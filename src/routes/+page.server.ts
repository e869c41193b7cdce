import { db } from '$lib/server/db';
import { overdueInitiativesFor } from '$lib/server/initiatives/initiatives';
import type { PageServerLoad } from './$types';

/** The front page; for a signed-in person, the initiatives they own or follow that are overdue. */
export const load: PageServerLoad = async ({ locals }) => ({
	overdue: locals.user
		? (await overdueInitiativesFor(db(), locals.user)).map((i) => ({ id: i.id, collaborationId: i.collaborationId, collaboration: i.collaborationName, title: i.title, dueOn: i.dueOn!, status: i.status }))
		: []
});

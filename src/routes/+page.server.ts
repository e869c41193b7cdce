import { db } from '$lib/server/db';
import { homeFor } from '$lib/server/home/home';
import { overdueInitiativesFor } from '$lib/server/initiatives/initiatives';
import type { PageServerLoad } from './$types';

// Everyone may read the front page; a signed-in person finds their own next tasks on it,
// and the initiatives they own or follow that are overdue.
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) return { home: null, overdue: [] };
	const [home, overdue] = await Promise.all([homeFor(db(), locals.user, locals.locale), overdueInitiativesFor(db(), locals.user)]);
	return {
		home,
		overdue: overdue.map((i) => ({
			id: i.id,
			collaborationId: i.collaborationId,
			collaboration: i.collaborationName,
			title: i.title,
			dueOn: i.dueOn!,
			status: i.status
		}))
	};
};

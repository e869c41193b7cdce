import { db } from '$lib/server/db';
import { homeFor } from '$lib/server/home/home';
import type { PageServerLoad } from './$types';

// Everyone may read the front page; a signed-in person finds their own next tasks on it.
export const load: PageServerLoad = async ({ locals }) => ({
	home: locals.user ? await homeFor(db(), locals.user, locals.locale) : null
});

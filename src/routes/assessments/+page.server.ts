import { myAssessments } from '$lib/server/assessments/listing';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { assessments: await myAssessments(db(), user.id, event.locals.locale) };
};

import { requirePermission } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { listVersions } from '$lib/server/questionnaires/versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'questionnaire.view');
	return { versions: await listVersions(db()) };
};

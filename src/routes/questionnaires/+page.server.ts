import { db } from '$lib/server/db';
import { listVersions } from '$lib/server/questionnaires/versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ versions: await listVersions(db()) });

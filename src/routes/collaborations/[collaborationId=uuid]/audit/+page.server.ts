import { listAudit } from '$lib/server/audit';
import { requirePermission } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	requirePermission(event, 'collaboration.audit', { collaborationId });
	return { events: await listAudit(db(), collaborationId) };
};

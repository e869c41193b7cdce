import { error } from '@sveltejs/kit';
import { can, coordinatedMunicipalities, resultsScope } from '$lib/server/auth/access';
import { requirePermission } from '$lib/server/auth/guard';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { db } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

// The frame of a collaboration's pages (name, tabs). Each page and action below checks
// its own permission too: a layout load does not re-run on every navigation.
const readsResults = (scope: ReturnType<typeof resultsScope>) => scope.all || scope.municipalities.length > 0;

export const load: LayoutServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const collaboration = await getCollaboration(db(), collaborationId);
	if (!collaboration) error(404);
	return {
		collaboration,
		tabs: {
			manage: can(user.grants, 'collaboration.manage', { collaborationId }),
			rounds: coordinatedMunicipalities(user.grants, collaborationId).length > 0,
			results: readsResults(resultsScope(user.grants, collaborationId)),
			audit: can(user.grants, 'collaboration.audit', { collaborationId })
		}
	};
};

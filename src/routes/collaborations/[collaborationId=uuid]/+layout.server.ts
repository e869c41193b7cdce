import { error } from '@sveltejs/kit';
import { abilitiesFor, some } from '$lib/server/auth/access';
import { requirePermission } from '$lib/server/auth/guard';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { db } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

// The frame of a collaboration's pages (name, tabs). Each page and action below checks
// its own permission too: a layout load does not re-run on every navigation.

export const load: LayoutServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const collaboration = await getCollaboration(db(), collaborationId);
	const abilities = abilitiesFor(user.grants, collaborationId);
	if (!collaboration) error(404);
	return {
		collaboration,
		tabs: {
			manage: abilities.manage,
			rounds: some(abilities.coordinates),
			results: abilities.readsCollaborationResults || some(abilities.readsResults),
			audit: abilities.audit
		}
	};
};

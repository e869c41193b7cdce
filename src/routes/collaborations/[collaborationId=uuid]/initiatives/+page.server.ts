import { requirePermission } from '$lib/server/auth/guard';
import { memberName } from '$lib/server/collaborations/municipalities';
import { activeSectors } from '$lib/server/collaborations/sectors';
import { db } from '$lib/server/db';
import { sectorSuggestions } from '$lib/server/initiatives/follow-up';
import { listInitiatives } from '$lib/server/initiatives/initiatives';
import { latestDefinition } from '$lib/server/initiatives/instrument';
import { portfolio, showInitiatives } from '$lib/server/initiatives/view';
import type { PageServerLoad } from './$types';

/** The initiatives a person shares in the collaboration, the portfolio by dimension and status, and where their sector could begin. */
export const load: PageServerLoad = async (event) => {
	const collaborationId = event.params.collaborationId;
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const sql = db();
	const locale = event.locals.locale;
	const [list, suggestions, definition, sectors] = await Promise.all([
		listInitiatives(sql, collaborationId, user),
		sectorSuggestions(sql, user, collaborationId, locale),
		latestDefinition(sql, collaborationId),
		activeSectors(sql, collaborationId, locale)
	]);
	const municipalityIds = [...new Set(suggestions.map((s) => s.municipalityId))];
	const names = await Promise.all(municipalityIds.map(async (id) => [id, await memberName(sql, collaborationId, id)] as const));
	return {
		dimensionTitles: Object.fromEntries(definition?.dimensions.map((d) => [d.key, d.title[locale]]) ?? []),
		sectorNames: Object.fromEntries(sectors.map((s) => [s.id, s.name])),
		municipalityNames: Object.fromEntries(names),
		initiatives: await showInitiatives(sql, collaborationId, user, list, event.locals.locale),
		portfolio: portfolio(list),
		suggestions
	};
};

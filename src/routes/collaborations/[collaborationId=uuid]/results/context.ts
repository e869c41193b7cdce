import { error, type RequestEvent } from '@sveltejs/kit';
import { translate } from '$lib/server/i18n';
import { resultsScope } from '$lib/server/auth/access';
import { requirePermission } from '$lib/server/auth/guard';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { serverConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { frameOf, pickRound, resultRounds } from '$lib/server/results/dashboards';
import type { Context, Viewer } from '$lib/server/results/views';

/**
 * What every results page starts from: who reads (all members, or their own
 * municipalities), which round (?year=, else the newest with scores), and its frame.
 * 403 for people of the collaboration who read no results (respondents).
 */
export async function resultsContext(event: Pick<RequestEvent, 'locals' | 'url' | 'params'>) {
	const collaborationId = event.params.collaborationId!;
	const user = requirePermission(event, 'collaboration.view', { collaborationId });
	const scope = resultsScope(user.grants, collaborationId);
	if (!scope.all && scope.municipalities.length === 0) error(403, translate(event.locals.locale, 'results.forbidden'));
	const sql = db();
	const [collaboration, rounds] = await Promise.all([getCollaboration(sql, collaborationId).then((c) => c!), resultRounds(sql, collaborationId)]);
	const year = Number(event.url.searchParams.get('year')) || null;
	const round = pickRound(rounds, year);
	const viewer: Viewer = {
		namesVisible: scope.all || collaboration.membersSeeNames,
		ownMunicipalities: scope.municipalities,
		k: serverConfig().MODEN_MIN_GROUP_SIZE
	};
	const context: Context | null = round
		? { collaborationId, country: collaboration.country, round, frame: await frameOf(sql, round, event.locals.locale), locale: event.locals.locale }
		: null;
	return { user, scope, collaboration, rounds, round, viewer, context };
}

/** The frame's public part for the page: dimensions and bands, not the whole definition. */
export function pageFrame(context: Context) {
	return { dimensions: context.frame.dimensions, bands: context.frame.bands, year: context.round.year };
}

import { error, type RequestEvent } from '@sveltejs/kit';
import { translate } from '$lib/server/i18n';
import { collaborationIdsOf, resultsScope } from '$lib/server/auth/access';
import { requirePermission } from '$lib/server/auth/guard';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { serverConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { policyOf } from '$lib/server/disclosure/policy';
import { frameOf, pickRound, resultRounds } from '$lib/server/results/queries';
import { currentSnapshot } from '$lib/server/results/snapshots';
import type { Context, Viewer } from '$lib/server/results/pages';

/**
 * What every results page starts from: who reads (all members, or their own
 * municipalities), which round (?year=, else the newest closed one with scores), its frame
 * and the snapshot its numbers are read from.
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
	const config = serverConfig();
	const viewer: Viewer = {
		namesVisible: scope.all || collaboration.membersSeeNames,
		ownMunicipalities: scope.municipalities,
		collaborationIds: collaborationIdsOf(user.grants),
		policy: policyOf({ k: config.MODEN_MIN_GROUP_SIZE, width: config.MODEN_PROTECTION_WIDTH })
	};
	const [frame, snapshot] = round ? await Promise.all([frameOf(sql, round, event.locals.locale), currentSnapshot(sql, round.id)]) : [null, null];
	const context: Context | null =
		round && frame && snapshot ? { collaborationId, country: collaboration.country, round, frame, locale: event.locals.locale, snapshot } : null;
	return { user, scope, collaboration, rounds, round, viewer, context };
}

/** The frame's public part for the page: dimensions and bands, not the whole definition. */
export function pageFrame(context: Context) {
	return {
		dimensions: context.frame.dimensions,
		bands: context.frame.bands,
		year: context.round.year,
		state: context.round.state,
		snapshot: { takenAt: context.snapshot.takenAt, final: context.snapshot.final, submitted: context.snapshot.submitted, assessments: context.snapshot.assessments }
	};
}

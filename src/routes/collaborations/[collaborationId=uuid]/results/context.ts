import { error, type RequestEvent } from '@sveltejs/kit';
import { translate } from '$lib/server/i18n';
import { resultsScope } from '$lib/server/auth/access';
import { requirePermission } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { resultsReader } from '$lib/server/results/reader';
import type { Context } from '$lib/server/results/pages';

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
	const year = Number(event.url.searchParams.get('year')) || null;
	const reader = await resultsReader(db(), user.grants, collaborationId, year, event.locals.locale);
	return { user, ...reader };
}

/** The frame's public part for the page: dimensions and bands, not the whole definition. */
export function pageFrame(context: Context) {
	return {
		dimensions: context.frame.dimensions,
		bands: context.frame.bands,
		year: context.round.year,
		state: context.round.state,
		snapshot: {
			takenAt: context.snapshot.takenAt,
			final: context.snapshot.final,
			submitted: context.snapshot.submitted,
			assessments: context.snapshot.assessments
		}
	};
}

import { error } from '@sveltejs/kit';
import { assessmentContext } from '$lib/server/assessments/response-lifecycle';
import { aboutAssessment, pooledResult, resultView, submittedComments } from '$lib/server/assessments/result';
import { requirePermission } from '$lib/server/auth/guard';
import { discloseComments, disclosePooled } from '$lib/server/disclosure/respondents';
import { db } from '$lib/server/db';
import { getVersionById } from '$lib/server/questionnaires/versions';
import type { PageServerLoad } from './$types';

/** One assessment's pooled result, for those who read its municipality's results. */
export const load: PageServerLoad = async (event) => {
	const { collaborationId, assessmentId } = event.params;
	const sql = db();
	const context = await assessmentContext(sql, assessmentId);
	if (!context || context.collaborationId !== collaborationId) error(404);
	requirePermission(event, 'municipality.results', context);
	const about = await aboutAssessment(sql, assessmentId, event.locals.locale);
	const definition = (await getVersionById(sql, context.versionId))!;
	// Those who read the municipality's results are accountable for the sector: its pooled result is its answer.
	const reader = { accountable: true, team: context.team, userId: null };
	const pooled = disclosePooled(await pooledResult(sql, assessmentId, definition), definition, reader);
	return {
		about,
		result: resultView(definition, pooled, event.locals.locale),
		comments: discloseComments(await submittedComments(sql, assessmentId), reader)
	};
};

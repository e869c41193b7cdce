import { redirect } from '@sveltejs/kit';
import { assessmentContext, loadOwnResponse } from '$lib/server/assessments/response-lifecycle';
import { pooledResult, resultView, submittedComments } from '$lib/server/assessments/result';
import { resumeAt } from '$lib/server/assessments/steps';
import { can, mayPlanInitiative } from '$lib/server/auth/access';
import { requireUser } from '$lib/server/auth/guard';
import { discloseComments, disclosePooled } from '$lib/server/disclosure/respondents';
import { db } from '$lib/server/db';
import { answerText } from '$lib/server/questionnaires/answer-text';
import { followUp } from '$lib/server/initiatives/follow-up';
import { getVersionById } from '$lib/server/questionnaires/versions';
import { storedAnswer } from '$lib/server/scoring/items';
import type { PageServerLoad } from './$types';

/**
 * Opening an assessment: while the person can answer, go to their first unanswered item
 * (or to the review once all are answered). Once they have submitted, show the pooled
 * result of everyone who has submitted, as far as the team's confidentiality lets them
 * see it (disclosure/respondents.ts), beside their own answers.
 */
export const load: PageServerLoad = async (event) => {
	const frame = await event.parent();
	const { assessmentId } = event.params;
	if (frame.editable) {
		const at = resumeAt(frame.steps, new Set(frame.answeredKeys));
		redirect(303, at === 'review' ? `/assessments/${assessmentId}/review` : `/assessments/${assessmentId}/${at.dimension}#item-${at.itemKey}`);
	}
	const user = requireUser(event);
	const sql = db();
	const definition = (await getVersionById(sql, frame.summary.versionId))!;
	const locale = event.locals.locale;
	const [own, context] = await Promise.all([loadOwnResponse(sql, user.id, assessmentId), assessmentContext(sql, assessmentId)]);
	const reader = { accountable: can(user.grants, 'municipality.results', context!), team: context!.team, userId: user.id };
	const pooled = frame.responseStatus === 'submitted' ? disclosePooled(await pooledResult(sql, assessmentId, definition), definition, reader) : null;
	// Beside each item: the change since last year (both years as disclosed to this reader) and the initiatives on it.
	const follow = pooled ? await followUp(sql, user, context!, definition) : {};
	const change = (key: string) => {
		const now = pooled?.items[key]?.mean ?? null;
		const before = follow[key]?.lastYear?.mean ?? null;
		return now !== null && before !== null ? now - before : null;
	};
	return {
		result: pooled ? resultView(definition, pooled, locale) : null,
		// the team's comments as the team's confidentiality lets this reader see them
		comments: pooled ? discloseComments(await submittedComments(sql, assessmentId), reader) : null,
		followUp: {
			collaborationId: context!.collaborationId,
			items: Object.fromEntries(Object.entries(follow).map(([key, f]) => [key, { change: change(key), initiatives: f.initiatives }]))
		},
		plan: mayPlanInitiative(user.grants, context!.collaborationId, { scope: 'sector', municipalityId: context!.municipalityId, sectorId: context!.sectorId })
			? { collaborationId: context!.collaborationId, municipalityId: context!.municipalityId, sectorId: context!.sectorId }
			: null,
		// the person's own answers as text: a point, yes/partly/no, the options ticked, an amount
		own: Object.fromEntries(
			Object.values(own?.answers ?? {}).flatMap((a) => {
				const answer = storedAnswer(a);
				const item = definition.items.find((i) => i.key === a.itemKey);
				return answer && item ? [[a.itemKey, answerText(item, answer, locale, definition.scoring)]] : [];
			})
		) as Record<string, string>
	};
};

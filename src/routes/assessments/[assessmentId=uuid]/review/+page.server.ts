import { loadOwnResponse } from '$lib/server/assessments/response-lifecycle';
import { reviewAnswers } from '$lib/server/assessments/review';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { getVersionById } from '$lib/server/questionnaires/versions';
import { save, submit } from '../answer-actions';
import type { Actions, PageServerLoad } from './$types';

/** The review step: every item with what the person answered (check your answers), and the submit action. */
export const load: PageServerLoad = async (event) => {
	const frame = await event.parent();
	const user = requireUser(event);
	const sql = db();
	const definition = (await getVersionById(sql, frame.summary.versionId))!;
	const own = await loadOwnResponse(sql, user.id, event.params.assessmentId);
	const review = reviewAnswers(definition, own?.answers ?? {}, event.locals.locale);
	return {
		review,
		texts: Object.fromEntries(review.flatMap((d) => d.items.map((i) => [i.key, i.text]))),
		dontKnow: review.flatMap((d) => d.items.flatMap((i) => (i.kind === 'dont_know' ? [i.key] : []))),
		minimumCoverage: Math.round(definition.scoring.coverage * 100)
	};
};

export const actions: Actions = { save, submit };

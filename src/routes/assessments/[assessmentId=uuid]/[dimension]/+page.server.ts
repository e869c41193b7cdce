import { error } from '@sveltejs/kit';
import { assessmentContext, loadOwnResponse } from '$lib/server/assessments/response-lifecycle';
import { stepItems } from '$lib/server/assessments/steps';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { followUp } from '$lib/server/initiatives/follow-up';
import { getVersionById } from '$lib/server/questionnaires/versions';
import { save } from '../answer-actions';
import type { Actions, PageServerLoad } from './$types';

/** One step of the answering page: the items of one dimension with the person's answers. */
export const load: PageServerLoad = async (event) => {
	const frame = await event.parent();
	const user = requireUser(event);
	const index = frame.steps.findIndex((s) => s.dimension === event.params.dimension);
	if (index < 0) error(404);
	const sql = db();
	const definition = (await getVersionById(sql, frame.summary.versionId))!;
	const items = stepItems(definition, event.params.dimension, event.locals.locale);
	const [own, context] = await Promise.all([loadOwnResponse(sql, user.id, event.params.assessmentId), assessmentContext(sql, event.params.assessmentId)]);
	const answers = Object.fromEntries(items.flatMap((i) => (own?.answers[i.key] ? [[i.key, own.answers[i.key]!]] : [])));
	// Last year and the initiatives on each item (issue 20), as this respondent may see them.
	const follow = await followUp(sql, user, context!, definition);
	const bands = Object.fromEntries(definition.scoring.bands.map((b) => [b.level, b.label[event.locals.locale]]));
	return {
		index,
		items,
		answers,
		collaborationId: context!.collaborationId,
		followUp: Object.fromEntries(items.flatMap((i) => (follow[i.key] ? [[i.key, follow[i.key]!]] : []))),
		bands
	};
};

export const actions: Actions = {
	save: (event) => save(event)
};

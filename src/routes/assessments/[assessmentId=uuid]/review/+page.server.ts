import { loadOwnResponse } from '$lib/server/assessments/response-lifecycle';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { getVersionById } from '$lib/server/questionnaires/versions';
import { save, submit } from '../answer-actions';
import type { Actions, PageServerLoad } from './$types';

/** The review step: every item's text and what the person answered, and the submit action. */
export const load: PageServerLoad = async (event) => {
	const frame = await event.parent();
	const user = requireUser(event);
	const sql = db();
	const definition = (await getVersionById(sql, frame.summary.versionId))!;
	const own = await loadOwnResponse(sql, user.id, event.params.assessmentId);
	return {
		texts: Object.fromEntries(definition.items.map((i) => [i.key, i.text[event.locals.locale]])),
		dontKnow: Object.values(own?.answers ?? {}).flatMap((a) => (a.kind === 'dont_know' ? [a.itemKey] : []))
	};
};

export const actions: Actions = { save, submit };

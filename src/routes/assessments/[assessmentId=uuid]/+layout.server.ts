import { error } from '@sveltejs/kit';
import { translate } from '$lib/server/i18n';
import { assessmentContext, loadOwnResponse, mayAnswer } from '$lib/server/assessments/response-lifecycle';
import { assessmentSummary } from '$lib/server/assessments/listing';
import { reopenReasons } from '$lib/server/assessments/signoff';
import { answeredKeys, steps } from '$lib/server/assessments/steps';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { readingLanguage } from '$lib/server/questionnaires/languages';
import { getVersionById } from '$lib/server/questionnaires/versions';
import type { LayoutServerLoad } from './$types';

/** The frame of an assessment's answering pages: what it is, its steps and the person's progress. */
export const load: LayoutServerLoad = async (event) => {
	const user = requireUser(event);
	const sql = db();
	const assessmentId = event.params.assessmentId;
	const context = await assessmentContext(sql, assessmentId);
	if (!context) error(404, translate(event.locals.locale, 'answer.refused.not_found'));
	if (!mayAnswer(user, context)) error(403, translate(event.locals.locale, 'answer.refused.forbidden'));
	const [summary, definition, own] = await Promise.all([
		assessmentSummary(sql, user.id, assessmentId, event.locals.locale),
		getVersionById(sql, context.versionId),
		loadOwnResponse(sql, user.id, assessmentId)
	]);
	// Opened again by the coordinator: the reason they gave, as on the person's home page.
	const reopenReason = own?.status === 'reopened' ? ((await reopenReasons(sql, user.id, [assessmentId])).get(assessmentId) ?? null) : null;
	// A questionnaire without the reader's language is shown in its fallback, and says so.
	const reading = readingLanguage(definition!, event.locals.locale);
	return {
		summary: summary!,
		shownIn: reading.fallback ? reading.language : null,
		steps: steps(definition!, event.locals.locale),
		answeredKeys: answeredKeys(own?.answers ?? {}),
		responseStatus: own?.status ?? null,
		submittedAt: own?.submittedAt ?? null,
		reopenReason,
		editable: context.state === 'open' && own?.status !== 'submitted',
		team: context.team,
		// whose unsent answers the page may keep in the browser and send (AssessmentFrame)
		respondentId: user.id
	};
};

import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { translate } from '$lib/server/i18n';
import { AnsweringError, submitResponse, type Refusal } from '$lib/server/assessments/response-lifecycle';
import { saveAnswers } from '$lib/server/assessments/save-protocol';
import { parseAnswerForm } from '$lib/server/assessments/form';
import { requireUser } from '$lib/server/auth/guard';
import { db } from '$lib/server/db';
import { postedFields, safeReturnPath } from '$lib/server/forms';

/**
 * The form actions of the answering pages, shared by every step and the review: the page
 * with JavaScript posts changed items as they change; without it, a step posts all its
 * items with its save button. Both land here.
 */
const refusalStatus: Record<Refusal, number> = {
	not_found: 404,
	forbidden: 403,
	round_closed: 409,
	round_not_open: 409,
	submitted: 409,
	unknown_item: 400,
	unknown_level: 400,
	na_not_allowed: 400,
	na_reason_required: 400,
	evidence_invalid: 400,
	too_long: 400,
	nothing_answered: 400,
	not_submitted: 409
};

/** A refused save comes back with what was posted, so the page without JavaScript shows it again and nothing typed is lost. */
function refused(event: RequestEvent, e: unknown, values?: Record<string, string>) {
	if (!(e instanceof AnsweringError)) throw e;
	if (e.reason === 'not_found') error(404, translate(event.locals.locale, 'answer.refused.not_found'));
	if (e.reason === 'forbidden') error(403, translate(event.locals.locale, 'answer.refused.forbidden'));
	return fail(refusalStatus[e.reason], { refusal: `answer.refused.${e.reason}` as const, ...(values ? { values } : {}) });
}

export async function save(event: RequestEvent) {
	const user = requireUser(event);
	const fields = await postedFields(event.request);
	const { answers, errors, writer } = parseAnswerForm(fields);
	let results;
	try {
		results = await saveAnswers(db(), user, event.params.assessmentId!, answers, writer);
	} catch (e) {
		return refused(event, e, fields);
	}
	const conflicts = results.some((r) => r.outcome === 'conflict');
	if (Object.keys(errors).length > 0 || conflicts) return fail(Object.keys(errors).length > 0 ? 400 : 409, { results, errors, values: fields });
	if (fields.next) redirect(303, safeReturnPath(fields.next, event.url, event.url.pathname));
	return { results, errors, saved: true };
}

export async function submit(event: RequestEvent) {
	const user = requireUser(event);
	try {
		await submitResponse(db(), user, event.params.assessmentId!);
	} catch (e) {
		return refused(event, e);
	}
	redirect(303, `/assessments/${event.params.assessmentId}?submitted=1`);
}

import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/server/i18n';
import { AnsweringError, assessmentContext, reopenResponse } from '$lib/server/assessments/response-lifecycle';
import { can, filterOf, holds } from '$lib/server/auth/access';
import { requireCoordination } from '$lib/server/auth/guard';
import type { SessionUser } from '$lib/server/auth/session';
import { getCollaboration } from '$lib/server/collaborations/collaborations';
import { invite } from '$lib/server/collaborations/invitations';
import { GrantScopeError, PlatformAdminGrantError, respondentGrantMunicipality, revokeGrant } from '$lib/server/collaborations/people';
import { db } from '$lib/server/db';
import { emailField, fieldError, fieldErrors, postedFields, lineField, msg, uuidField } from '$lib/server/forms';
import { narrowForReminder, roundCompletion, sendReminders } from '$lib/server/assessments/completion';
import { listReminders, reminderDaysField, setReminderDays } from '$lib/server/assessments/reminders';
import { closeRound, getRound } from '$lib/server/assessments/rounds';
import { decideSignoff, SignoffError } from '$lib/server/assessments/signoff';
import { setTeam, TeamError } from '$lib/server/assessments/team';
import { teams } from '$lib/server/disclosure/respondents';
import { mailConfigured } from '$lib/server/mail';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The round, and the municipalities the person follows in it; 403 for everyone else. */
async function roundInScope(event: RequestEvent | Parameters<PageServerLoad>[0]) {
	const { collaborationId, roundId } = event.params;
	const { user, abilities } = requireCoordination(event, collaborationId, 'completion.only_admin_or_coordinator');
	const round = await getRound(db(), collaborationId, roundId);
	if (!round) error(404);
	return { user, abilities, collaborationId, round, municipalityIds: filterOf(abilities.coordinates) };
}

export const load: PageServerLoad = async (event) => {
	const { round, collaborationId, municipalityIds } = await roundInScope(event);
	const rows = await roundCompletion(db(), collaborationId, round.id, municipalityIds, event.locals.locale);
	const reminders = await listReminders(db(), collaborationId, round.id, municipalityIds);
	return { round, rows, reminders, mailed: mailConfigured(), manage: municipalityIds === null };
};

/** The assessment of this round that the person coordinates, or a 403/404. */
async function coordinatedAssessment(event: RequestEvent, user: SessionUser, assessmentId: string) {
	const context = await assessmentContext(db(), assessmentId);
	if (!context || context.roundId !== event.params.roundId || context.collaborationId !== event.params.collaborationId) error(404);
	if (!can(user.grants, 'municipality.coordinate', context)) error(403, translate(event.locals.locale, 'completion.only_admin_or_coordinator'));
	return context;
}

/** "all", "not_started", "in_progress" or "sector:<id>": whom a reminder is for. */
const reminderTargetSchema = z.union([
	z.enum(['all', 'not_started', 'in_progress']).transform((kind) => ({ kind })),
	z
		.string()
		.regex(/^sector:[0-9a-f-]{36}$/, msg('form.invalid'))
		.transform((value) => ({ kind: 'sector' as const, sectorId: value.slice('sector:'.length) }))
]);

const assignSchema = z.object({
	assessmentId: uuidField,
	email: emailField,
	name: lineField({ max: 200 }).default('')
});

export const actions: Actions = {
	/** Assigns a respondent to an assessment's municipality and sector, inviting them if new. */
	assign: async (event) => {
		const { user } = await roundInScope(event);
		const fields = await postedFields(event.request);
		const parsed = assignSchema.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'assign' as const, assessmentId: fields.assessmentId, values: fields, errors: fieldErrors(parsed.error) });
		const context = await coordinatedAssessment(event, user, parsed.data.assessmentId);
		const sql = db();
		try {
			const collaboration = await getCollaboration(sql, context.collaborationId);
			const invitation = await invite(
				sql,
				context.collaborationId,
				{ email: parsed.data.email, name: parsed.data.name, role: 'respondent', municipalityId: context.municipalityId, sectorId: context.sectorId },
				{ id: user.id, ip: event.getClientAddress() },
				{ origin: event.url.origin, locale: event.locals.locale, collaboration: collaboration?.name ?? '' }
			);
			return { action: 'assign' as const, assessmentId: context.id, invitation };
		} catch (e) {
			if (e instanceof PlatformAdminGrantError) {
				return fail(400, { action: 'assign' as const, assessmentId: context.id, values: fields, errors: fieldError('email', 'people.platform_admin_refused') });
			}
			if (!(e instanceof GrantScopeError)) throw e;
			return fail(400, { action: 'assign' as const, assessmentId: context.id, values: fields, errors: fieldError('email', 'form.unknown_id') });
		}
	},

	/** Removes a respondent grant of a municipality the person coordinates; answers stay. */
	unassign: async (event) => {
		const { user, abilities } = await roundInScope(event);
		const parsed = z.object({ grantId: uuidField }).safeParse(await postedFields(event.request));
		if (!parsed.success) return fail(400, { action: 'unassign' as const, message: 'form.unknown_id' as const });
		const sql = db();
		const municipalityId = await respondentGrantMunicipality(sql, event.params.collaborationId, parsed.data.grantId);
		if (!municipalityId) return fail(404, { action: 'unassign' as const, message: 'form.unknown_id' as const });
		if (!holds(abilities.coordinates, municipalityId)) error(403, translate(event.locals.locale, 'completion.only_admin_or_coordinator'));
		await revokeGrant(sql, event.params.collaborationId, parsed.data.grantId, user.id);
		return { action: 'unassign' as const, done: true };
	},

	/** Reopens a submitted response, with the reason kept in the audit trail. */
	reopen: async (event) => {
		const { user } = await roundInScope(event);
		const fields = await postedFields(event.request);
		const parsed = z.object({ responseId: uuidField, reason: lineField({ min: 1, max: 2000 }) }).safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'reopen' as const, responseId: fields.responseId, errors: fieldErrors(parsed.error) });
		try {
			await reopenResponse(db(), user, event.params.collaborationId, parsed.data.responseId, parsed.data.reason);
		} catch (e) {
			if (!(e instanceof AnsweringError)) throw e;
			if (e.reason === 'forbidden') error(403, translate(event.locals.locale, 'completion.only_admin_or_coordinator'));
			return fail(e.reason === 'not_found' ? 404 : 409, {
				action: 'reopen' as const,
				responseId: parsed.data.responseId,
				errors: { reason: `answer.refused.${e.reason}` as const }
			});
		}
		return { action: 'reopen' as const, responseId: parsed.data.responseId, done: true };
	},

	/** Reminds those in the person's view of the round who have not submitted. */
	remind: async (event) => {
		const { round, collaborationId, municipalityIds, user } = await roundInScope(event);
		const target = reminderTargetSchema.safeParse((await postedFields(event.request)).target ?? 'all');
		if (!target.success) return fail(400, { action: 'remind' as const, message: 'form.invalid' as const });
		const sql = db();
		const rows = narrowForReminder(await roundCompletion(sql, collaborationId, round.id, municipalityIds, event.locals.locale), target.data);
		const collaboration = await getCollaboration(sql, collaborationId);
		const result = await sendReminders(
			sql,
			{
				collaborationId,
				collaboration: collaboration?.name ?? '',
				roundId: round.id,
				year: round.year,
				closesOn: round.closesOn,
				origin: event.url.origin,
				actorId: user.id,
				locale: event.locals.locale
			},
			rows
		);
		return { action: 'remind' as const, ...result };
	},

	/** Whether the assessment's respondents see each other's answers. */
	team: async (event) => {
		const { user } = await roundInScope(event);
		const parsed = z.object({ assessmentId: uuidField, team: z.enum(teams, msg('form.invalid')) }).safeParse(await postedFields(event.request));
		if (!parsed.success) return fail(400, { action: 'team' as const, message: 'form.invalid' as const });
		try {
			await setTeam(db(), user, event.params.collaborationId, parsed.data.assessmentId, parsed.data.team);
		} catch (e) {
			if (!(e instanceof TeamError)) throw e;
			if (e.reason === 'forbidden') error(403, translate(event.locals.locale, 'completion.only_admin_or_coordinator'));
			if (e.reason === 'not_found') error(404);
			return fail(409, { action: 'team' as const, assessmentId: parsed.data.assessmentId, message: `privacy.team.refused.${e.reason}` as const });
		}
		return { action: 'team' as const, assessmentId: parsed.data.assessmentId, done: true };
	},

	/** Approves a submitted assessment, or returns it to its respondents with a note (assessments/signoff.ts). */
	signoff: async (event) => {
		const { user } = await roundInScope(event);
		const fields = await postedFields(event.request);
		const parsed = z
			.object({ assessmentId: uuidField, decision: z.enum(['approved', 'returned'], msg('form.invalid')), note: lineField({ max: 2000 }).default('') })
			.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'signoff' as const, assessmentId: fields.assessmentId, values: fields, errors: fieldErrors(parsed.error) });
		const { assessmentId, decision, note } = parsed.data;
		try {
			await decideSignoff(db(), user, event.params.collaborationId, assessmentId, decision, note);
		} catch (e) {
			if (!(e instanceof SignoffError)) throw e;
			if (e.reason === 'forbidden') error(403, translate(event.locals.locale, 'completion.only_admin_or_coordinator'));
			const status = e.reason === 'not_found' ? 404 : e.reason === 'note_required' ? 400 : 409;
			return fail(status, { action: 'signoff' as const, assessmentId, values: fields, errors: { note: `signoff.refused.${e.reason}` as const } });
		}
		return { action: 'signoff' as const, assessmentId, decision, done: true };
	},

	/** The days before closing on which reminders go out by themselves (admins only). */
	reminderDays: async (event) => {
		const { user, collaborationId, round, municipalityIds } = await roundInScope(event);
		if (municipalityIds !== null) error(403, translate(event.locals.locale, 'error.forbidden'));
		const fields = await postedFields(event.request);
		const parsed = z.object({ days: reminderDaysField }).safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'reminderDays' as const, values: fields, errors: fieldErrors(parsed.error) });
		await setReminderDays(db(), collaborationId, round.id, parsed.data.days, user.id);
		return { action: 'reminderDays' as const, done: true };
	},

	close: async (event) => {
		const { user, collaborationId, round, municipalityIds } = await roundInScope(event);
		if (municipalityIds !== null) error(403, translate(event.locals.locale, 'error.forbidden'));
		await closeRound(db(), collaborationId, round.id, user.id);
		return { action: 'close' as const, done: true };
	}
};

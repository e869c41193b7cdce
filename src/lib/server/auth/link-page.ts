import { fail, redirect, type Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import { audit } from '$lib/server/audit';
import { checkLink, setPasswordWithLink, type LinkPurpose } from '$lib/server/auth/links';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { fieldErrors, postedFields, lineField, nameField, passwordField, passwordInput } from '$lib/server/forms';

/**
 * The two one-time-link pages (accept an invitation, reset a password) work alike:
 * show the link's state, then set a password, end the person's other sessions and
 * sign them in here. Kept in one place so both stay the same.
 */
export async function loadLink(token: string, purpose: LinkPurpose) {
	const state = await checkLink(db(), token, purpose);
	return state.ok ? { valid: true as const, email: state.email, name: state.name } : { valid: false as const, reason: state.reason };
}

const schema = (withName: boolean) =>
	z
		.object({ name: withName ? nameField : lineField({ max: 200 }).optional(), password: passwordField, repeat: passwordInput })
		.refine((v) => v.password === v.repeat, { path: ['repeat'], error: 'form.password_mismatch' });

interface LinkEvent {
	request: Request;
	params: { token: string };
	cookies: Cookies;
	url: URL;
	getClientAddress(): string;
}

export async function useLinkAction(event: LinkEvent, purpose: LinkPurpose) {
	const fields = await postedFields(event.request);
	const parsed = schema(purpose === 'invitation').safeParse(fields);
	if (!parsed.success) return fail(400, { values: { name: fields.name ?? '' }, errors: fieldErrors(parsed.error) });
	const sql = db();
	const state = await setPasswordWithLink(sql, event.params.token, purpose, parsed.data.password, parsed.data.name);
	if (!state.ok) return fail(400, { values: { name: fields.name ?? '' }, message: `link.${state.reason}` as const });
	await audit(sql, {
		action: purpose === 'invitation' ? 'invitation.accepted' : 'password_reset.completed',
		actorId: state.userId,
		collaborationId: state.collaborationId,
		subjectType: 'user',
		subjectId: state.userId,
		ip: event.getClientAddress()
	});
	const { session, token } = await createSession(sql, state.userId);
	setSessionCookie(event.cookies, token, session.lastVerifiedAt, event.url);
	redirect(303, '/');
}

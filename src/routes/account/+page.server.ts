import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { audit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guard';
import { createSession, deleteSessionCookie, invalidateUserSessions, setSessionCookie } from '$lib/server/auth/session';
import { deletePerson, LastPlatformAdminError } from '$lib/server/auth/personal-data';
import { changePassword } from '$lib/server/auth/users';
import { describeGrants } from '$lib/server/collaborations/people';
import { db } from '$lib/server/db';
import { fieldError, fieldErrors, postedFields, lineField, nameField, passwordField, passwordInput } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { account: { email: user.email, name: user.name, locale: user.locale }, grants: await describeGrants(db(), user.grants, event.locals.locale) };
};

const profile = z.object({ name: nameField, locale: z.enum(['nb', 'nn', 'sv', 'en', ''], { error: 'form.invalid' }) });
const password = z
	.object({ current: passwordInput, next: passwordField, repeat: passwordInput })
	.refine((v) => v.next === v.repeat, { path: ['repeat'], error: 'form.password_mismatch' });
const confirmation = z.object({ confirm: lineField({ max: 254 }) });

export const actions: Actions = {
	profile: async (event) => {
		const user = requireUser(event);
		const fields = await postedFields(event.request);
		const parsed = profile.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'profile', values: fields, errors: fieldErrors(parsed.error) });
		await db()`update app_user set name = ${parsed.data.name}, locale = ${parsed.data.locale || null} where id = ${user.id}`;
		return { action: 'profile', message: 'account.saved' as const };
	},
	password: async (event) => {
		const user = requireUser(event);
		const fields = await postedFields(event.request);
		const parsed = password.safeParse(fields);
		if (!parsed.success) return fail(400, { action: 'password', errors: fieldErrors(parsed.error) });
		const sql = db();
		if (!(await changePassword(sql, user.id, parsed.data.current, parsed.data.next))) {
			return fail(400, { action: 'password', errors: fieldError('current', 'account.wrong_password') });
		}
		await audit(sql, { action: 'password.changed', actorId: user.id, ip: event.getClientAddress() });
		// Every session ended with the change; this browser gets a fresh one.
		const { session, token } = await createSession(sql, user.id);
		setSessionCookie(event.cookies, token, session.lastVerifiedAt, event.url);
		return { action: 'password', message: 'account.password_changed' as const };
	},
	/** Deletes the account after the person typed their e-mail address; their answers stay, anonymous. */
	deleteAccount: async (event) => {
		const user = requireUser(event);
		const parsed = confirmation.safeParse(await postedFields(event.request));
		if (!parsed.success) return fail(400, { action: 'deleteAccount', errors: fieldErrors(parsed.error) });
		if (parsed.data.confirm.toLowerCase() !== user.email.toLowerCase()) {
			return fail(400, { action: 'deleteAccount', errors: fieldError('confirm', 'account.delete_confirm_mismatch') });
		}
		try {
			await deletePerson(db(), user.id, event.getClientAddress());
		} catch (e) {
			if (!(e instanceof LastPlatformAdminError)) throw e;
			return fail(409, { action: 'deleteAccount', errors: fieldError('confirm', 'account.delete_last_admin') });
		}
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/?deleted=1');
	},
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		await invalidateUserSessions(db(), user.id);
		await audit(db(), { action: 'sign_out.everywhere', actorId: user.id, ip: event.getClientAddress() });
		deleteSessionCookie(event.cookies, event.url);
		redirect(303, '/sign-in');
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formatList, formatTime } from '$lib/i18n';
import { installationButtons, ssoSettings } from '$lib/server/auth/providers';
import { providersOf } from '$lib/server/auth/sso-requirement';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { signIn } from '$lib/server/auth/sign-in';
import { retryAfterSeconds } from '$lib/server/auth/throttle';
import { db } from '$lib/server/db';
import { emailField, fieldErrors, postedFields, passwordInput, safeReturnPath } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const target = safeReturnPath(url.searchParams.get('redirect'), url);
	if (locals.user) redirect(303, target);
	return { redirect: target, buttons: await installationButtons(db(), ssoSettings()) };
};

const schema = z.object({ email: emailField, password: passwordInput });

export const actions: Actions = {
	default: async ({ request, cookies, url, locals, getClientAddress, setHeaders }) => {
		const fields = await postedFields(request);
		const values = { email: fields.email ?? '' };
		const parsed = schema.safeParse(fields);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });

		const sql = db();
		const result = await signIn(sql, { ...parsed.data, ip: getClientAddress() });
		if (!result.ok && result.reason === 'throttled') {
			setHeaders({ 'retry-after': String(retryAfterSeconds(result.retryAt)) });
			return fail(429, { values, message: 'auth.try_again_at' as const, params: { time: formatTime(locals.locale, result.retryAt) } });
		}
		if (!result.ok && result.reason === 'sso_required') {
			const names = formatList(
				locals.locale,
				result.collaborations.map((c) => c.name)
			);
			const providers = await providersOf(
				sql,
				result.collaborations.map((c) => c.id)
			);
			return fail(403, { values, message: 'sso.password_refused' as const, params: { collaborations: names }, providers });
		}
		if (!result.ok) return fail(400, { values, message: 'auth.wrong_credentials' as const });
		const { session, token } = await createSession(sql, result.user.id);
		setSessionCookie(cookies, token, session.lastVerifiedAt, url);
		redirect(303, safeReturnPath(fields.redirect, url));
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { audit } from '$lib/server/audit';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { clear, hit, isBlocked, limits } from '$lib/server/auth/throttle';
import { checkCredentials, normaliseEmail } from '$lib/server/auth/users';
import { db } from '$lib/server/db';
import { emailField, fieldErrors, formFields, passwordInput, safeReturnPath } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const target = safeReturnPath(url.searchParams.get('redirect'), url);
	if (locals.user) redirect(303, target);
	return { redirect: target };
};

const signIn = z.object({
	email: emailField,
	password: passwordInput
});

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const fields = formFields(await request.formData());
		const values = { email: fields.email ?? '' };
		const parsed = signIn.safeParse(fields);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });

		const sql = db();
		const ip = getClientAddress();
		const accountKey = `sign-in:account:${normaliseEmail(parsed.data.email)}`;
		// Only failures count, per address too: a town hall signs in from one NAT address.
		const ipKey = `sign-in:ip:${ip}`;
		if ((await isBlocked(sql, ipKey, limits.signInPerIp)) || (await isBlocked(sql, accountKey, limits.signInPerAccount))) {
			await audit(sql, { action: 'sign_in.throttled', detail: { email: parsed.data.email }, ip });
			return fail(429, { values, message: 'auth.too_many_attempts' as const });
		}
		const user = await checkCredentials(sql, parsed.data.email, parsed.data.password);
		if (!user) {
			await hit(sql, accountKey, limits.signInPerAccount);
			await hit(sql, ipKey, limits.signInPerIp);
			await audit(sql, { action: 'sign_in.failed', detail: { email: parsed.data.email }, ip });
			return fail(400, { values, message: 'auth.wrong_credentials' as const });
		}
		await clear(sql, accountKey);
		const { session, token } = await createSession(sql, user.id);
		setSessionCookie(cookies, token, session.lastVerifiedAt, url);
		await audit(sql, { action: 'sign_in.succeeded', actorId: user.id, ip });
		redirect(303, safeReturnPath(fields.redirect, url));
	}
};

import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formatTime } from '$lib/i18n';
import { requestPasswordReset } from '$lib/server/auth/reset';
import { retryAfterSeconds } from '$lib/server/auth/throttle';
import { normaliseEmail } from '$lib/server/auth/users';
import { db } from '$lib/server/db';
import { emailField, fieldErrors, postedFields } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
	/** The answer is the same, and as quick, whether or not the address has an account. */
	default: async ({ request, url, locals, getClientAddress, setHeaders }) => {
		const fields = await postedFields(request);
		const parsed = z.object({ email: emailField }).safeParse(fields);
		if (!parsed.success) return fail(400, { values: { email: fields.email ?? '' }, errors: fieldErrors(parsed.error) });
		const email = normaliseEmail(parsed.data.email);
		const verdict = await requestPasswordReset(db(), { email, ip: getClientAddress(), origin: url.origin, locale: locals.locale });
		if (!verdict.allowed) {
			setHeaders({ 'retry-after': String(retryAfterSeconds(verdict.retryAt)) });
			return fail(429, { values: { email }, message: 'auth.try_again_at' as const, params: { time: formatTime(locals.locale, verdict.retryAt) } });
		}
		return { sent: true, values: { email } };
	}
};

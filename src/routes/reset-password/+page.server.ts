import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/server/i18n';
import { audit } from '$lib/server/audit';
import { issueLink, linkPath } from '$lib/server/auth/links';
import { hit, limits } from '$lib/server/auth/throttle';
import { findUserByEmail, normaliseEmail } from '$lib/server/auth/users';
import { db } from '$lib/server/db';
import { emailField, fieldErrors, formFields } from '$lib/server/forms';
import { mailConfigured, sendMail } from '$lib/server/mail';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, url, locals, getClientAddress }) => {
		const fields = formFields(await request.formData());
		const parsed = z.object({ email: emailField }).safeParse(fields);
		if (!parsed.success) return fail(400, { values: { email: fields.email ?? '' }, errors: fieldErrors(parsed.error) });
		const sql = db();
		const ip = getClientAddress();
		const email = normaliseEmail(parsed.data.email);
		if (!(await hit(sql, `reset:ip:${ip}`, limits.resetPerIp)) || !(await hit(sql, `reset:account:${email}`, limits.resetPerAccount))) {
			return fail(429, { values: { email }, message: 'auth.too_many_attempts' as const });
		}
		const user = await findUserByEmail(sql, email);
		// The answer is the same whether or not the account exists, so nobody can probe for accounts.
		if (user) {
			const { token } = await issueLink(sql, user.id, 'password_reset', { delivery: mailConfigured() ? 'mail' : 'log', ip });
			const link = `${url.origin}${linkPath.password_reset}/${token}`;
			await sendMail({
				to: user.email,
				subject: translate(locals.locale, 'mail.reset_subject'),
				text: translate(locals.locale, 'mail.reset_text', { link })
			});
			await audit(sql, { action: 'password_reset.requested', actorId: user.id, subjectType: 'user', subjectId: user.id, ip });
		}
		return { sent: true, values: { email } };
	}
};

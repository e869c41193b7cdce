import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formatTime } from '$lib/i18n';
import { installationButtons, providersForDomain, ssoSettings } from '$lib/server/auth/providers';
import { setFlowCookie, startSignIn } from '$lib/server/auth/sso';
import { emailDomain } from '$lib/server/auth/sso-policy';
import { db } from '$lib/server/db';
import { emailField, fieldErrors, postedFields, safeReturnPath } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** A provider as a "Sign in with …" link names it: a row's id, or an installation-wide provider's key. */
const providerRef = z.union([z.uuid(), z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/)]);

export const load: PageServerLoad = async ({ url, cookies, locals, getClientAddress }) => {
	const returnTo = safeReturnPath(url.searchParams.get('redirect'), url);
	const ref = url.searchParams.get('provider');
	if (ref === null && locals.user) redirect(303, returnTo);
	const sql = db();
	const settings = ssoSettings();
	const page = { redirect: returnTo, buttons: await installationButtons(sql, settings) };
	if (ref === null) return page;

	// Following a "Sign in with …" link begins the flow. It is a GET and a link, not a form:
	// a form whose answer redirects to another site would break the CSP's form-action 'self'.
	const parsed = providerRef.safeParse(ref);
	if (!parsed.success) return { ...page, failure: { reason: 'provider_unknown' as const }, providerName: null };
	const started = await startSignIn(sql, { ref: parsed.data, origin: url.origin, returnTo, ip: getClientAddress() }, settings);
	if (started.ok) {
		setFlowCookie(cookies, started.cookie, url);
		redirect(303, started.url);
	}
	if ('throttled' in started) return { ...page, message: 'sso.throttled' as const, params: { time: formatTime(locals.locale, started.throttled) } };
	return { ...page, failure: started.failure, providerName: started.providerName };
};

const schema = z.object({ email: emailField });

export const actions: Actions = {
	/** Finds the providers of the e-mail's domain; the page shows them as links. */
	default: async ({ request }) => {
		const fields = await postedFields(request);
		const values = { email: fields.email ?? '' };
		const parsed = schema.safeParse(fields);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const domain = emailDomain(parsed.data.email)!;
		const providers = await providersForDomain(db(), domain);
		if (providers.length === 0) return fail(404, { values, message: 'sso.no_provider' as const, params: { domain } });
		return { values, providers };
	}
};

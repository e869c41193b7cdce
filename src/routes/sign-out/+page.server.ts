import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { ssoSettings } from '$lib/server/auth/providers';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { providerSignOut, sessionProvider } from '$lib/server/auth/sso';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const providerRef = z.union([z.uuid(), z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/)]);

// Signing out changes state, so it is a POST; a GET goes home, except just after signing
// out of a session begun at a provider: then it offers the provider's own sign-out (a link,
// since a form's redirect to another site would break the CSP's form-action).
export const load: PageServerLoad = async ({ locals, url }) => {
	const ref = providerRef.safeParse(url.searchParams.get('provider'));
	if (locals.user || !ref.success) redirect(303, '/');
	const provider = await providerSignOut(db(), ref.data, ssoSettings());
	if (!provider) redirect(303, '/');
	return { provider };
};

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const sql = db();
		const provider = locals.session ? await sessionProvider(sql, locals.session.id) : null;
		if (locals.session) await invalidateSession(sql, locals.session.id);
		deleteSessionCookie(cookies, url);
		redirect(303, provider ? `/sign-out?${new URLSearchParams({ provider })}` : '/');
	}
};

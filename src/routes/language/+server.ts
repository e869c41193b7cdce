import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeReturnPath } from '$lib/server/forms';
import { rememberLocale } from '$lib/server/locale';
import type { RequestHandler } from './$types';

/** The language switch posts here: it works without JavaScript and returns to the page. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData().catch(() => new FormData());
	const locale = form.get('locale');
	if (isLocale(locale)) rememberLocale(cookies, locale, url.protocol === 'https:');
	redirect(303, safeReturnPath(form.get('redirect'), url));
};

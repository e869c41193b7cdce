import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { isLocale, negotiateLocale, type Locale } from '$lib/i18n';

/** The cookie that holds the language a person chose with the language switch. */
const COOKIE = 'moden_lang';

/**
 * The language chosen with the switch, else the signed-in person's saved language,
 * else what the browser asks for, else the default.
 */
export function localeOf(event: Pick<RequestEvent, 'cookies' | 'request'>, saved?: Locale | null): Locale {
	const chosen = event.cookies.get(COOKIE);
	if (isLocale(chosen)) return chosen;
	return saved ?? negotiateLocale(event.request.headers.get('accept-language'));
}

export function rememberLocale(cookies: Cookies, locale: Locale, secure: boolean) {
	cookies.set(COOKIE, locale, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: false, sameSite: 'lax', secure });
}

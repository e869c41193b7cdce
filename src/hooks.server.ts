import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie, validateSession } from '$lib/server/auth/session';
import { readConfig } from '$lib/server/config';
import { db, openDatabase } from '$lib/server/db';
import { prepareInstallation } from '$lib/server/installation';
import { localeOf } from '$lib/server/locale';
import { publishFromDirectory } from '$lib/server/questionnaires/publish';

/**
 * The server accepts requests only once the database answers, is migrated, and holds
 * every questionnaire version in questionnaires/ (a changed published version stops it),
 * and, on a first start on an empty embedded database, the demo collaboration.
 */
export const init: ServerInit = async () => {
	const config = readConfig();
	const sql = await openDatabase(config);
	await publishFromDirectory(sql, config.MODEN_QUESTIONNAIRES_DIR);
	await prepareInstallation(sql, config);
};

/** Who is asking: the session cookie's user, or nobody. Access is decided per route. */
const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSession(db(), token);
		if (result) {
			event.locals.user = result.user;
			event.locals.session = result.session;
			setSessionCookie(event.cookies, token, result.session.lastVerifiedAt, event.url);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
	}
	return resolve(event);
};

const handleLocale: Handle = async ({ event, resolve }) => {
	event.locals.locale = localeOf(event, event.locals.user?.locale);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

/**
 * Security headers on every response (the CSP itself comes from svelte.config.js).
 * HSTS only where the site is reached over HTTPS, so a plain-HTTP local start still works.
 */
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers: Record<string, string> = {
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin',
		'x-frame-options': 'DENY',
		'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
		'cross-origin-opener-policy': 'same-origin'
	};
	if (event.url.protocol === 'https:') headers['strict-transport-security'] = 'max-age=31536000; includeSubDomains';
	for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
	return response;
};

export const handle = sequence(handleSecurityHeaders, handleAuth, handleLocale);

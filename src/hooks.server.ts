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

export const handle = sequence(handleAuth, handleLocale);

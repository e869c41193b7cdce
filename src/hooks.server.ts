import { json, type Handle, type HandleServerError, type RequestEvent, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { translate } from '$lib/server/i18n';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie, validateSession } from '$lib/server/auth/session';
import { publicOrigin, serverConfig } from '$lib/server/config';
import { closeDatabase, db, openDatabase } from '$lib/server/db';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '$lib/server/db/unavailable';
import { prepareInstallation } from '$lib/server/installation';
import { startJobs, type JobRunner } from '$lib/server/jobs/runner';
import { localeOf } from '$lib/server/locale';
import { publishFromDirectory } from '$lib/server/questionnaires/publish';

/**
 * The server accepts requests only once the database answers, is migrated, and holds
 * every questionnaire version in questionnaires/ (a changed published version stops it),
 * and, on a first start on an empty embedded database, the demo collaboration. Then the
 * job runner starts (unless MODEN_JOBS=0).
 *
 * adapter-node emits `sveltekit:shutdown` on SIGTERM or SIGINT once the last request is
 * answered: then running jobs may finish, and the database closes.
 */
export const init: ServerInit = async () => {
	const config = serverConfig();
	const sql = await openDatabase(config);
	await publishFromDirectory(sql, config.MODEN_QUESTIONNAIRES_DIR);
	await prepareInstallation(sql, config);
	const runner = config.MODEN_JOBS ? await startJobs(sql, { origin: publicOrigin(config) }) : null;
	process.once('sveltekit:shutdown', () => void shutDown(runner));
};

async function shutDown(runner: JobRunner | null) {
	await runner?.stop();
	await closeDatabase();
}

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

/** Every 503 of an outage: not to be cached, and when to try again. */
const UNAVAILABLE_HEADERS = { 'cache-control': 'no-store', 'retry-after': String(RETRY_AFTER_SECONDS) };

/**
 * While the database cannot be reached, requests are answered 503 with Retry-After
 * instead of 500: a load balancer and the answering page both read it as "try again",
 * and the page keeps its unsent answers until then. postgres.js reconnects by itself
 * on the next query, so nothing has to be restarted when the database is back.
 */
const handleUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		// Thrown before any route ran (the session lookup is the first query).
		if (!isDatabaseUnavailable(e)) throw e;
		markUnavailable(event, e);
		return isActionRequest(event) ? unavailableAction(event) : unavailablePage(event);
	}
	if (response.status !== 500 || !event.locals.databaseUnavailable) return response;
	if (isActionRequest(event)) return unavailableAction(event);
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(UNAVAILABLE_HEADERS)) headers.set(name, value);
	return new Response(response.body, { status: 503, headers });
};

/**
 * The answer to any other request that failed before a route ran: JSON for a client that
 * asked for it, else a page without scripts (the layout would need the database too).
 */
function unavailablePage(event: RequestEvent): Response {
	const locale = event.locals.locale ?? localeOf(event);
	const message = translate(locale, 'error.unavailable');
	if (event.request.headers.get('accept')?.includes('application/json')) return json({ message }, { status: 503, headers: UNAVAILABLE_HEADERS });
	const t = (key: 'error.title' | 'app.name' | 'error.try_again') => translate(locale, key);
	const here = escapeHtml(event.url.pathname + event.url.search);
	// A page of its own (no layout, no scripts, no assets): everything else would need the database or a build hash.
	const html =
		`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${t('error.title')} — ${t('app.name')}</title>` +
		`<style>body{font-family:system-ui,sans-serif;line-height:1.5;color:#1e2b3c;max-width:40rem;margin:4rem auto;padding:0 1.5rem}a{color:#0062ba}</style></head>` +
		`<body><h1>${t('error.title')}</h1><p>${message}</p><p><a href="${here}">${t('error.try_again')}</a></p></body></html>`;
	return new Response(html, { status: 503, headers: { ...UNAVAILABLE_HEADERS, 'content-type': 'text/html; charset=utf-8' } });
}

/** A form action posted by the page's own fetch (use:enhance or the answering queue). */
function isActionRequest(event: RequestEvent): boolean {
	return event.request.method === 'POST' && event.request.headers.get('x-sveltekit-action') === 'true';
}

/** The ActionResult the page's deserialize() reads as an error, so it keeps its input and retries. */
function unavailableAction(event: RequestEvent): Response {
	const error = { message: unavailableMessage(event) };
	return json({ type: 'error', status: 503, error }, { status: 503, headers: UNAVAILABLE_HEADERS });
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function unavailableMessage(event: RequestEvent): string {
	return translate(event.locals.locale ?? localeOf(event), 'error.unavailable');
}

/** Marks the request as failed for want of the database (answered 503), and says so in the log. */
function markUnavailable(event: RequestEvent, e: unknown) {
	event.locals.databaseUnavailable = true;
	console.warn(`503 ${event.request.method} ${event.url.pathname}: database unavailable (${(e as { code?: string }).code})`);
}

/** Unexpected errors: logged; an unreachable database is marked so handleUnavailable answers 503. */
export const handleError: HandleServerError = ({ error: e, event, message }) => {
	if (isDatabaseUnavailable(e)) {
		markUnavailable(event, e);
		return { message: unavailableMessage(event) };
	}
	console.error(e);
	return { message };
};

export const handle = sequence(handleSecurityHeaders, handleUnavailable, handleAuth, handleLocale);

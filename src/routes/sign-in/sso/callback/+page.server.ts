import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { ssoSettings } from '$lib/server/auth/providers';
import { createSession, invalidateSession, setSessionCookie } from '$lib/server/auth/session';
import { deleteFlowCookie, finishSignIn, readFlowCookie } from '$lib/server/auth/sso';
import { db } from '$lib/server/db';
import { safeReturnPath } from '$lib/server/forms';
import type { PageServerLoad } from './$types';

/** The provider's answer: a few short parameters (code, state, iss, or error), as openid-client reads them. */
const answer = z.array(z.tuple([z.string().max(64), z.string().max(4096)])).max(20);

// The provider sends the browser back here with a GET (SameSite=Lax carries the flow's
// cookie). Success signs the person in and goes on; anything else renders the reason.
export const load: PageServerLoad = async ({ url, cookies, locals, getClientAddress, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const sql = db();
	const cookie = readFlowCookie(cookies);
	deleteFlowCookie(cookies, url);
	const parsed = answer.safeParse([...url.searchParams]);
	const outcome = await finishSignIn(
		sql,
		{ cookie: parsed.success ? cookie : undefined, answer: new URLSearchParams(parsed.data ?? []), ip: getClientAddress() },
		ssoSettings()
	);
	if (!outcome.ok) return { failure: outcome.failure, providerName: outcome.providerName };
	if (locals.session) await invalidateSession(sql, locals.session.id);
	const { session, token } = await createSession(sql, outcome.userId, outcome.source);
	setSessionCookie(cookies, token, session.lastVerifiedAt, url);
	redirect(303, safeReturnPath(outcome.returnTo, url));
};

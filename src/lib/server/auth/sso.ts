import type { Cookies } from '@sveltejs/kit';
import type { Sql } from 'postgres';
import { audit } from '../audit';
import type { Db } from '../db/index';
import { beginFlow, completeFlow, endSessionUrl, FLOW_COOKIE, FLOW_SECONDS, protocolFailure, takeFlow, type FlowSource, type ProtocolFailure } from './oidc';
import { admissionsOfInstallation, admissionsThrough, clientOf, getProvider, installationClient, type ClientSettings, type SsoSettings } from './providers';
import { admissionRefusal, emailDomain, trustRefusal, verifiedEmail, type Admission, type Identity, type Refusal } from './sso-policy';
import { isLocalHttp } from './session';
import { limits, take, throttleKey } from './throttle';
import { findUserByEmail } from './users';

/**
 * Sign-in through an identity provider, from the button to the session: which provider
 * and client, the flow (oidc.ts), and whom the answer may sign in (sso-policy.ts). A
 * person is found by the link recorded at their first sign-in (issuer + subject), or by
 * a verified e-mail, which then records the link. Signing in gives no role: roles still
 * come only from grants. Every sign-in, link and refusal is in the audit trail.
 */
export type SsoFailure = Refusal | ProtocolFailure | { reason: 'flow_missing' } | { reason: 'provider_misconfigured' } | { reason: 'provider_unknown' };

export type SsoOutcome = { ok: true; userId: string; source: FlowSource; returnTo: string } | { ok: false; failure: SsoFailure; providerName: string | null };

interface Resolved {
	source: FlowSource;
	client: ClientSettings | null;
	name: string;
	collaborationId: string | null;
	/** the rows whose allow-lists decide who may sign in through this button */
	admissions: () => Promise<Admission[]>;
}

/** The provider behind a button: a row's id, or an installation-wide provider's key. Null: no such provider. */
async function resolve(sql: Db, ref: string, settings: SsoSettings): Promise<Resolved | null> {
	const installed = settings.installation.find((p) => p.key === ref);
	if (installed) {
		return {
			source: { providerId: null, installationKey: installed.key },
			client: installationClient(installed.key, settings),
			name: installed.name,
			collaborationId: null,
			admissions: () => admissionsOfInstallation(sql, installed.key)
		};
	}
	const provider = /^[0-9a-f-]{36}$/.test(ref) ? await getProvider(sql, ref) : null;
	if (!provider) return null;
	return {
		source: { providerId: provider.id, installationKey: null },
		client: await clientOf(sql, provider, settings),
		name: provider.displayName,
		collaborationId: provider.collaborationId,
		admissions: async () => [provider]
	};
}

export type StartResult =
	{ ok: true; url: string; cookie: string } | { ok: false; failure: SsoFailure; providerName: string | null } | { ok: false; throttled: Date };

/** The authorization URL to send the browser to, and the cookie that binds the flow to it. */
export async function startSignIn(sql: Db, input: { ref: string; origin: string; returnTo: string; ip: string }, settings: SsoSettings): Promise<StartResult> {
	const resolved = await resolve(sql, input.ref, settings);
	if (!resolved) return { ok: false, failure: { reason: 'provider_unknown' }, providerName: null };
	const fail = async (failure: SsoFailure) => {
		await refuse(sql, resolved, failure, null, input.ip);
		return { ok: false as const, failure, providerName: resolved.name };
	};
	if (!resolved.client) return fail({ reason: 'provider_misconfigured' });
	const budget = await take(sql, throttleKey('sso-start:source', input.ip), limits.ssoStartPerSource);
	if (!budget.allowed) return { ok: false, throttled: budget.retryAt };
	try {
		const flow = await beginFlow(sql, resolved.source, resolved.client, { origin: input.origin, returnTo: input.returnTo, allowHttp: settings.allowHttp });
		return { ok: true, ...flow };
	} catch (e) {
		console.warn(`sso: ${resolved.name} (${resolved.client.issuer}) could not be reached: ${describeError(e)}`);
		return fail(protocolFailure(e));
	}
}

/** The provider's answer at the callback: a person to sign in, or why not. */
export async function finishSignIn(
	sql: Sql,
	input: { cookie: string | undefined; answer: URLSearchParams; ip: string },
	settings: SsoSettings
): Promise<SsoOutcome> {
	const flow = await takeFlow(sql, input.cookie);
	if (!flow) {
		await audit(sql, { action: 'sso.refused', detail: { reason: 'flow_missing' }, ip: input.ip });
		return { ok: false, failure: { reason: 'flow_missing' }, providerName: null };
	}
	const resolved = await resolve(sql, flow.providerId ?? flow.installationKey!, settings);
	if (!resolved?.client) {
		const failure = { reason: resolved ? 'provider_misconfigured' : 'provider_unknown' } as const;
		await audit(sql, { action: 'sso.refused', collaborationId: resolved?.collaborationId ?? null, detail: { reason: failure.reason }, ip: input.ip });
		return { ok: false, failure, providerName: resolved?.name ?? null };
	}
	const fail = async (failure: SsoFailure, identity: Identity | null) => {
		await refuse(sql, resolved, failure, identity, input.ip);
		return { ok: false as const, failure, providerName: resolved.name };
	};
	let identity: Identity;
	try {
		identity = await completeFlow(flow, resolved.client, input.answer, settings.allowHttp);
	} catch (e) {
		console.warn(`sso: the answer of ${resolved.name} (${resolved.client.issuer}) was refused: ${describeError(e)}`);
		return fail(protocolFailure(e), null);
	}
	const admissions = await resolved.admissions();
	const notAdmitted = admissionRefusal(admissions, identity);
	if (notAdmitted) return fail(notAdmitted, identity);
	const person = await personFor(sql, identity, admissions);
	if ('reason' in person) return fail(person, identity);
	const distrust = trustRefusal(person.collaborationIds, await admissionsThrough(sql, resolved.client.issuer, settings), identity);
	if (distrust) return fail(distrust, identity);

	await sql.begin(async (tx) => {
		const detail = { provider: resolved.name, issuer: identity.issuer, subject: identity.subject };
		const event = { actorId: person.userId, collaborationId: resolved.collaborationId, ip: input.ip, subjectType: 'user', subjectId: person.userId };
		if (!person.linked) {
			await tx`
				insert into user_identity (issuer, subject, user_id, provider_id) values (${identity.issuer}, ${identity.subject}, ${person.userId}, ${resolved.source.providerId})
				on conflict (issuer, subject) do nothing`;
			await audit(tx, { ...event, action: 'sso.linked', detail: { ...detail, email: identity.email } });
		}
		await tx`update user_identity set last_used_at = now() where issuer = ${identity.issuer} and subject = ${identity.subject}`;
		await audit(tx, { ...event, action: 'sso.signed_in', detail });
	});
	return { ok: true, userId: person.userId, source: resolved.source, returnTo: flow.returnTo };
}

/**
 * The person an identity belongs to: by its link, else by a verified e-mail (linked once
 * the sign-in is allowed). With the collaborations the person holds roles in.
 */
async function personFor(
	sql: Db,
	identity: Identity,
	admissions: Admission[]
): Promise<{ userId: string; linked: boolean; collaborationIds: string[] } | Refusal> {
	const [link] = await sql<{ userId: string }[]>`
		select i.user_id as "userId" from user_identity i join app_user u on u.id = i.user_id
		where i.issuer = ${identity.issuer} and i.subject = ${identity.subject} and u.disabled_at is null`;
	let userId = link?.userId;
	if (!userId) {
		const email = verifiedEmail(admissions, identity);
		if (!email) return { reason: 'email_unverified', email: identity.email };
		const user = await findUserByEmail(sql, email);
		if (!user) return { reason: 'no_account', email };
		userId = user.id;
	}
	const grants = await sql<
		{ collaborationId: string | null }[]
	>`select distinct collaboration_id as "collaborationId" from role_grant where user_id = ${userId}`;
	// The operator's grant has no collaboration: it counts as one no provider is trusted for.
	const collaborationIds = grants.map((g) => g.collaborationId ?? 'platform');
	return { userId, linked: Boolean(link), collaborationIds };
}

/** One line for the server log: the error and what caused it, without the stack. */
function describeError(e: unknown): string {
	const parts: string[] = [];
	for (let cause: unknown = e, depth = 0; cause instanceof Error && depth < 4; cause = cause.cause, depth++)
		parts.push(`${(cause as { code?: string }).code ?? cause.name}: ${cause.message}`);
	return parts.join(' ← ') || String(e);
}

async function refuse(sql: Db, resolved: Resolved, failure: SsoFailure, identity: Identity | null, ip: string) {
	const detail = {
		...failure,
		provider: resolved.name,
		...(identity && { issuer: identity.issuer, subject: identity.subject, tenantId: identity.tenantId, domain: emailDomain(identity.email) })
	};
	await audit(sql, { action: 'sso.refused', collaborationId: resolved.collaborationId, detail, ip });
}

/**
 * The flow's cookie: HttpOnly, SameSite=Lax (the provider sends the browser back with a
 * top-level GET, which carries Lax cookies), only under /sign-in/sso, ten minutes.
 */
export function setFlowCookie(cookies: Cookies, value: string, url: URL) {
	cookies.set(FLOW_COOKIE, value, { path: '/sign-in/sso', httpOnly: true, sameSite: 'lax', secure: !isLocalHttp(url), maxAge: FLOW_SECONDS });
}

export function deleteFlowCookie(cookies: Cookies, url: URL) {
	cookies.delete(FLOW_COOKIE, { path: '/sign-in/sso', httpOnly: true, sameSite: 'lax', secure: !isLocalHttp(url) });
}

export function readFlowCookie(cookies: Cookies): string | undefined {
	return cookies.get(FLOW_COOKIE);
}

/** How the session began, as the reference of its provider (a row's id or an installation key), if through one. */
export async function sessionProvider(sql: Db, sessionId: string): Promise<string | null> {
	const [row] = await sql<{ ref: string | null }[]>`select coalesce(provider_id::text, installation_key) as ref from user_session where id = ${sessionId}`;
	return row?.ref ?? null;
}

/** Where to end the session at the provider too, with its name; null where it has no end-session endpoint or cannot be reached. */
export async function providerSignOut(sql: Db, ref: string, settings: SsoSettings): Promise<{ url: string; name: string } | null> {
	const resolved = await resolve(sql, ref, settings);
	if (!resolved?.client) return null;
	const url = await endSessionUrl(resolved.client, settings.allowHttp).catch(() => null);
	return url ? { url, name: resolved.name } : null;
}

import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { z } from 'zod';
import { textRule } from '../forms';
import type { Db } from '../db/index';
import type { ClientSettings } from './providers';
import type { Identity } from './sso-policy';
import { issueToken, parseToken, secretMatches } from './token';

/**
 * OpenID Connect's authorization code flow with PKCE, state and nonce, through
 * openid-client (discovery, the authorization URL, the code exchange, and the ID token's
 * signature, issuer, audience, expiry and nonce). Nothing of the protocol is written here
 * by hand; this module keeps the flow between the two legs and names what went wrong.
 */
export const FLOW_COOKIE = 'moden_sso';
export const FLOW_SECONDS = 10 * 60;
export const CALLBACK_PATH = '/sign-in/sso/callback';
const SCOPE = 'openid email profile';
const TIMEOUT_SECONDS = 10;
const DISCOVERY_MS = 10 * 60 * 1000;

const discovered = new Map<string, { until: number; config: Promise<client.Configuration> }>();

/** The provider's metadata and Moden's client there; discovered once every ten minutes. */
export function configurationFor(c: ClientSettings, allowHttp: boolean): Promise<client.Configuration> {
	const key = createHash('sha256')
		.update([c.issuer, c.clientId, c.clientSecret, String(allowHttp)].join('\n'))
		.digest('hex');
	const hit = discovered.get(key);
	if (hit && hit.until > Date.now()) return hit.config;
	const config = discover(c, allowHttp);
	discovered.set(key, { until: Date.now() + DISCOVERY_MS, config });
	config.catch(() => discovered.delete(key));
	return config;
}

async function discover(c: ClientSettings, allowHttp: boolean): Promise<client.Configuration> {
	// The ID token's signature is checked against the provider's JWKS too, not only trusted
	// for having come over TLS from the token endpoint (which OpenID Connect would allow).
	const execute = allowHttp ? [client.allowInsecureRequests, client.enableNonRepudiationChecks] : [client.enableNonRepudiationChecks];
	const options = { timeout: TIMEOUT_SECONDS, execute };
	const config = await client.discovery(new URL(c.issuer), c.clientId, c.clientSecret, client.ClientSecretPost(c.clientSecret), options);
	// client_secret_post where the provider takes it (Entra ID, Keycloak, ID-porten), else HTTP Basic, OpenID's default.
	const methods = config.serverMetadata().token_endpoint_auth_methods_supported;
	if (methods && !methods.includes('client_secret_post') && methods.includes('client_secret_basic')) {
		return client.discovery(new URL(c.issuer), c.clientId, c.clientSecret, client.ClientSecretBasic(c.clientSecret), options);
	}
	return config;
}

export interface FlowSource {
	providerId: string | null;
	installationKey: string | null;
}

export interface Flow extends FlowSource {
	state: string;
	nonce: string;
	codeVerifier: string;
	redirectUri: string;
	returnTo: string;
}

/**
 * Begins a sign-in: a flow row with the PKCE verifier, state and nonce, and the provider's
 * authorization URL. The returned cookie value binds the flow to this browser.
 */
export async function beginFlow(
	sql: Db,
	source: FlowSource,
	c: ClientSettings,
	options: { origin: string; returnTo: string; allowHttp: boolean }
): Promise<{ url: string; cookie: string }> {
	const config = await configurationFor(c, options.allowHttp);
	const codeVerifier = client.randomPKCECodeVerifier();
	const state = client.randomState();
	const nonce = client.randomNonce();
	const redirectUri = new URL(CALLBACK_PATH, options.origin).href;
	const url = client.buildAuthorizationUrl(config, {
		redirect_uri: redirectUri,
		scope: SCOPE,
		code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
		code_challenge_method: 'S256',
		state,
		nonce
	});
	const { id, secretHash, token } = issueToken();
	await sql`delete from sso_flow where expires_at < now()`;
	await sql`
		insert into sso_flow (id, secret_hash, provider_id, installation_key, state, nonce, code_verifier, redirect_uri, return_to, expires_at)
		values (${id}, ${secretHash}, ${source.providerId}, ${source.installationKey}, ${state}, ${nonce}, ${codeVerifier},
			${redirectUri}, ${options.returnTo}, now() + make_interval(secs => ${FLOW_SECONDS}))`;
	return { url: url.href, cookie: token };
}

/**
 * The flow this browser began, taken once: the row is deleted as it is read, so an answer
 * replayed (or a second tab's answer) finds nothing. Null when there is none, it belongs
 * to another browser, or its ten minutes are over.
 */
export async function takeFlow(sql: Db, cookie: string | undefined): Promise<Flow | null> {
	const parsed = cookie ? parseToken(cookie) : null;
	if (!parsed) return null;
	const [row] = await sql<(Flow & { secretHash: Uint8Array; live: boolean })[]>`
		delete from sso_flow where id = ${parsed.id}
		returning secret_hash as "secretHash", provider_id as "providerId", installation_key as "installationKey", state, nonce,
			code_verifier as "codeVerifier", redirect_uri as "redirectUri", return_to as "returnTo", expires_at > now() as live`;
	if (!row || !row.live || !secretMatches(parsed.secret, row.secretHash)) return null;
	const { secretHash: _hash, live: _live, ...flow } = row;
	return flow;
}

/**
 * The provider's answer, checked and exchanged: the identity of the ID token. Throws what
 * openid-client throws (read it with `protocolFailure`).
 */
export async function completeFlow(flow: Flow, c: ClientSettings, answer: URLSearchParams, allowHttp: boolean): Promise<Identity> {
	const config = await configurationFor(c, allowHttp);
	const callback = new URL(flow.redirectUri);
	for (const [name, value] of answer) callback.searchParams.append(name, value);
	const tokens = await client.authorizationCodeGrant(config, callback, {
		pkceCodeVerifier: flow.codeVerifier,
		expectedState: flow.state,
		expectedNonce: flow.nonce,
		idTokenExpected: true
	});
	const parsed = idTokenClaims.safeParse(tokens.claims());
	if (!parsed.success) throw new ClaimsError();
	const claims = parsed.data;
	const tenantId = claims.tid?.toLowerCase() ?? null;
	// A multi-tenant issuer (Entra ID: https://login.microsoftonline.com/{tenantid}/v2.0) names
	// the tenant in `iss`; it must be the token's own `tid`, never another tenant's.
	const template = config.serverMetadata().issuer;
	if (template.includes('{tenantid}') && (tenantId === null || claims.iss !== template.replace('{tenantid}', tenantId))) throw new TenantIssuerError();
	return { issuer: claims.iss, subject: claims.sub, email: claims.email ?? null, emailVerified: claims.email_verified ?? null, tenantId };
}

/**
 * The claims Moden reads, as it can store and compare them (OpenID Connect: `sub` at most
 * 255 ASCII characters). An e-mail that is not one counts as none; a claim that is not
 * text, or holds control characters, refuses the token.
 */
const claimText = (max: number) => textRule(z.string().min(1).max(max));
const idTokenClaims = z.object({
	iss: claimText(500),
	sub: claimText(255),
	email: z.email().max(254).optional().catch(undefined),
	email_verified: z.boolean().optional().catch(undefined),
	tid: claimText(64).optional()
});

class TenantIssuerError extends Error {
	constructor() {
		super('The ID token’s issuer does not name its own tenant.');
	}
}

class ClaimsError extends Error {
	constructor() {
		super('The ID token’s iss, sub or tid is not text Moden can store (too long, or with control characters).');
	}
}

export type ProtocolFailure =
	| { reason: 'provider_error'; code: string }
	| { reason: 'validation_failed'; check: 'issuer' | 'audience' | 'expired' | 'nonce' | 'state' | 'signature' | 'other' }
	| { reason: 'provider_unreachable' };

/** What went wrong with the provider, in terms a person can pass on; the full error goes to the log. */
export function protocolFailure(e: unknown): ProtocolFailure {
	if (e instanceof TenantIssuerError) return { reason: 'validation_failed', check: 'issuer' };
	if (e instanceof ClaimsError) return { reason: 'validation_failed', check: 'other' };
	if (e instanceof client.AuthorizationResponseError || e instanceof client.ResponseBodyError) {
		return { reason: 'provider_error', code: /^[\w.-]{1,64}$/.test(e.error) ? e.error : 'error' };
	}
	const code = (e as { code?: unknown }).code;
	const detail = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : '';
	if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
		const checks = { iss: 'issuer', aud: 'audience', azp: 'audience', nonce: 'nonce' } as const;
		return { reason: 'validation_failed', check: checks[claimOf(e) as keyof typeof checks] ?? 'other' };
	}
	if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return { reason: 'validation_failed', check: 'expired' };
	if (code === 'OAUTH_KEY_SELECTION_FAILED' || /signature/i.test(detail)) return { reason: 'validation_failed', check: 'signature' };
	if (/"state"/.test(detail)) return { reason: 'validation_failed', check: 'state' };
	const unreachable = ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON', 'OAUTH_HTTP_REQUEST_FORBIDDEN'];
	if (typeof code === 'string' && code.startsWith('OAUTH_') && !unreachable.includes(code)) return { reason: 'validation_failed', check: 'other' };
	return { reason: 'provider_unreachable' };
}

/** The claim a failed comparison was about, from the error's causes. */
function claimOf(e: unknown): string | null {
	for (let cause: unknown = e, depth = 0; cause && depth < 4; cause = (cause as { cause?: unknown }).cause, depth++) {
		const claim = (cause as { claim?: unknown }).claim;
		if (typeof claim === 'string') return claim;
	}
	return null;
}

/** The provider's end-session endpoint for Moden's client, where it has one. */
export async function endSessionUrl(c: ClientSettings, allowHttp: boolean): Promise<string | null> {
	const config = await configurationFor(c, allowHttp);
	return config.serverMetadata().end_session_endpoint ? client.buildEndSessionUrl(config).href : null;
}

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLBACK_PATH } from '../../src/lib/server/auth/oidc';
import { hashPassword } from '../../src/lib/server/auth/password';
import { addProvider, clientOf, getProvider, issuerHref, useInstallationProvider, type SsoSettings } from '../../src/lib/server/auth/providers';
import { createSession } from '../../src/lib/server/auth/session';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { finishSignIn, providerSignOut, sessionProvider, startSignIn, type SsoOutcome } from '../../src/lib/server/auth/sso';
import { setSsoRequired } from '../../src/lib/server/auth/sso-requirement';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { CLIENT_SECRET, clients, signInAtProvider, startTestProvider, type TestAccount, type TestProvider } from '../fixtures/oidc-provider';
import { first, useTestDatabase } from './database';

/**
 * Sign-in through an identity provider against a real OpenID Provider (node-oidc-provider)
 * on a local port, through Moden's own modules and openid-client: who is signed in, linked
 * and refused, and that every refusal leaves no session, no link and an audit event.
 */
describe('sign-in through an identity provider', () => {
	const { sql } = useTestDatabase();
	const origin = 'http://moden.test';
	const ip = '192.0.2.44';
	const hamarTenant = '11111111-1111-4111-8111-111111111111';
	const otherTenant = '22222222-2222-4222-8222-222222222222';
	const password = 'a password long enough';
	let op: TestProvider;
	let settings: SsoSettings;
	let hedmark: string;
	let varmland: string;
	let admin: string;
	const providers: Record<string, string> = {};

	const person = async (email: string, ...collaborationIds: string[]) => {
		const { id } = await first(
			sql()<{ id: string }[]>`insert into app_user (email, name, password_hash) values (${email}, '', ${await hashPassword(password)}) returning id`
		);
		for (const c of collaborationIds) await sql()`insert into role_grant (user_id, role, collaboration_id) values (${id}, 'board_viewer', ${c})`;
		return id;
	};
	const own = (collaborationId: string, clientId: string, lists: { tenants?: string[]; domains?: string[] }) =>
		addProvider(
			sql(),
			collaborationId,
			{
				displayName: `Test ${clientId}`,
				issuer: issuerHref(op.issuer),
				clientId,
				clientSecret: CLIENT_SECRET,
				tenants: lists.tenants ?? [],
				domains: lists.domains ?? []
			},
			settings,
			admin
		);

	/** One whole sign-in: the button, the provider's login page, the callback. */
	const attempt = async (ref: string, account: TestAccount | 'cancel') => {
		const started = await startSignIn(sql(), { ref, origin, returnTo: '/assessments', ip }, settings);
		if (!started.ok) throw new Error(`could not start: ${JSON.stringify(started)}`);
		const callback = await signInAtProvider(started.url, account);
		expect(callback.origin + callback.pathname).toBe(origin + CALLBACK_PATH);
		const outcome = await finishSignIn(sql(), { cookie: started.cookie, answer: callback.searchParams, ip }, settings);
		return { outcome, callback, cookie: started.cookie };
	};
	const links = async (subject: string) => (await sql()<{ n: number }[]>`select count(*)::int as n from user_identity where subject = ${subject}`)[0]!.n;
	const lastRefusal = async () =>
		first(sql()<{ detail: Record<string, unknown>; collaborationId: string | null }[]>`
			select detail, collaboration_id as "collaborationId" from audit_event where action = 'sso.refused' order by id desc limit 1`);
	const failed = (outcome: SsoOutcome) => (outcome.ok ? null : outcome.failure);

	beforeAll(async () => {
		op = await startTestProvider({ redirectUris: [origin + CALLBACK_PATH] });
		settings = {
			secretKey: randomBytes(32),
			installation: [{ key: 'entra', name: 'Microsoft Entra ID (test)', issuer: op.issuer, clientId: clients.good, clientSecret: CLIENT_SECRET }],
			allowHttp: true
		};
		hedmark = (await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'iks', country: 'NO' }, null)).id;
		varmland = (await createCollaboration(sql(), { name: 'Värmlands e-samverkan', legalForm: 'kommunalforbund', country: 'SE' }, null)).id;
		admin = await person('admin@hamar.kommune.no', hedmark);
		providers.hamar = await own(hedmark, clients.good, { domains: ['hamar.kommune.no'] });
		for (const [name, clientId] of Object.entries(clients))
			if (name !== 'good') providers[name] = await own(hedmark, clientId, { domains: ['hamar.kommune.no'] });
		providers.entra = await useInstallationProvider(
			sql(),
			hedmark,
			{ key: 'entra', displayName: 'Hamar (Entra ID)', tenants: [hamarTenant], domains: ['hamar.kommune.no'] },
			admin
		);
	});
	afterAll(async () => op?.close());

	it('signs a person in by a verified e-mail, records the link, gives no role, and later finds them by the subject', async () => {
		const id = await person('kari@hamar.kommune.no', hedmark);
		const { outcome } = await attempt(providers.hamar!, { sub: 'kari-sub', email: 'Kari@hamar.kommune.no', email_verified: true });
		expect(outcome).toMatchObject({ ok: true, userId: id, returnTo: '/assessments', source: { providerId: providers.hamar, installationKey: null } });
		const link = await first(sql()<{ userId: string; issuer: string }[]>`select user_id as "userId", issuer from user_identity where subject = 'kari-sub'`);
		expect(link).toEqual({ userId: id, issuer: issuerHref(op.issuer).replace(/\/$/, '') });
		const { n: grants } = await first(sql()<{ n: number }[]>`select count(*)::int as n from role_grant where user_id = ${id}`);
		expect(grants).toBe(1);
		const actions = await sql()<{ action: string }[]>`select action from audit_event where actor_id = ${id} order by id`;
		expect(actions.map((a) => a.action)).toEqual(['sso.linked', 'sso.signed_in']);

		// The second time the subject finds her: an e-mail the provider no longer vouches for does not matter.
		const again = await attempt(providers.hamar!, { sub: 'kari-sub', email: 'k.nordmann@hamar.kommune.no', email_verified: false });
		expect(again.outcome).toMatchObject({ ok: true, userId: id });
		expect(await links('kari-sub')).toBe(1);
	});

	it('refuses an ID token with a wrong issuer, a wrong audience, an expired one, one of another sign-in (nonce) and a forged signature', async () => {
		await person('ola@hamar.kommune.no', hedmark);
		const account = { sub: 'ola-sub', email: 'ola@hamar.kommune.no', email_verified: true };
		const checks = { wrongIssuer: 'issuer', wrongAudience: 'audience', expired: 'expired', nonce: 'nonce', signature: 'signature' } as const;
		for (const [provider, check] of Object.entries(checks)) {
			const { outcome } = await attempt(providers[provider]!, account);
			expect(failed(outcome), provider).toEqual({ reason: 'validation_failed', check });
			expect((await lastRefusal()).detail).toMatchObject({ reason: 'validation_failed', check, provider: `Test ${clients[provider as keyof typeof clients]}` });
		}
		expect(await links('ola-sub')).toBe(0);
		// the same person, through the provider that behaves, gets in
		expect((await attempt(providers.hamar!, account)).outcome.ok).toBe(true);
	});

	it('takes each answer once, only in the browser that asked, and only with its own state', async () => {
		await person('replay@hamar.kommune.no', hedmark);
		const account = { sub: 'replay-sub', email: 'replay@hamar.kommune.no', email_verified: true };
		const first = await attempt(providers.hamar!, account);
		expect(first.outcome.ok).toBe(true);
		const replayed = await finishSignIn(sql(), { cookie: first.cookie, answer: first.callback.searchParams, ip }, settings);
		expect(failed(replayed)).toEqual({ reason: 'flow_missing' });

		// another browser (no cookie, or its own) cannot use an answer meant for this one
		const started = await startSignIn(sql(), { ref: providers.hamar!, origin, returnTo: '/', ip }, settings);
		const callback = await signInAtProvider((started as { url: string }).url, account);
		expect(failed(await finishSignIn(sql(), { cookie: undefined, answer: callback.searchParams, ip }, settings))).toEqual({ reason: 'flow_missing' });
		const other = await startSignIn(sql(), { ref: providers.hamar!, origin, returnTo: '/', ip }, settings);
		const otherCookie = (other as { cookie: string }).cookie;
		expect(failed(await finishSignIn(sql(), { cookie: otherCookie, answer: callback.searchParams, ip }, settings))).toEqual({
			reason: 'validation_failed',
			check: 'state'
		});
		// and the flow of the first browser, whose answer was tried elsewhere, is still its own
		expect((await finishSignIn(sql(), { cookie: (started as { cookie: string }).cookie, answer: callback.searchParams, ip }, settings)).ok).toBe(true);
	});

	it('lets an Entra ID tenant in only where the collaboration lists it, and counts its listed domains as verified', async () => {
		const id = await person('tenant.person@hamar.kommune.no', hedmark);
		const { outcome } = await attempt('entra', { sub: 'other-tenant-sub', email: 'tenant.person@hamar.kommune.no', tid: otherTenant });
		expect(failed(outcome)).toEqual({ reason: 'tenant_not_allowed', tenantId: otherTenant });
		expect((await lastRefusal()).detail).toMatchObject({ reason: 'tenant_not_allowed', tenantId: otherTenant });
		// Entra ID sends no email_verified: the domain listed with the tenant vouches for the address
		const allowed = await attempt('entra', { sub: 'hamar-tenant-sub', email: 'tenant.person@hamar.kommune.no', email_verified: false, tid: hamarTenant });
		expect(allowed.outcome).toMatchObject({ ok: true, userId: id, source: { providerId: null, installationKey: 'entra' } });
		// an address outside the tenant's listed domains is not verified by it
		await person('someone@gmail.example', hedmark);
		const outside = await attempt('entra', { sub: 'gmail-sub', email: 'someone@gmail.example', email_verified: false, tid: hamarTenant });
		expect(failed(outside.outcome)).toEqual({ reason: 'email_unverified', email: 'someone@gmail.example' });
	});

	it('refuses a domain not listed, an unverified e-mail and an address without an account, and says which', async () => {
		await person('unverified@hamar.kommune.no', hedmark);
		expect(failed((await attempt(providers.hamar!, { sub: 'x1', email: 'per@loten.kommune.no', email_verified: true })).outcome)).toEqual({
			reason: 'domain_not_allowed',
			domain: 'loten.kommune.no'
		});
		expect(failed((await attempt(providers.hamar!, { sub: 'x2', email: 'unverified@hamar.kommune.no', email_verified: false })).outcome)).toEqual({
			reason: 'email_unverified',
			email: 'unverified@hamar.kommune.no'
		});
		expect(failed((await attempt(providers.hamar!, { sub: 'x3', email: 'nobody@hamar.kommune.no', email_verified: true })).outcome)).toEqual({
			reason: 'no_account',
			email: 'nobody@hamar.kommune.no'
		});
		expect(await links('x1')).toBe(0);
		expect(await links('x2')).toBe(0);
		expect(await links('x3')).toBe(0);
		expect((await lastRefusal()).collaborationId).toBe(hedmark);
	});

	it('refuses an ID token whose subject cannot be stored as it is (too long, a NUL), and reads an e-mail that is none as none', async () => {
		await person('odd@hamar.kommune.no', hedmark);
		for (const sub of ['s'.repeat(256), 'odd\u0000sub']) {
			expect(failed((await attempt(providers.hamar!, { sub, email: 'odd@hamar.kommune.no', email_verified: true })).outcome)).toEqual({
				reason: 'validation_failed',
				check: 'other'
			});
		}
		expect(failed((await attempt(providers.hamar!, { sub: 'odd-sub', email: 'not an address', email_verified: true })).outcome)).toEqual({
			reason: 'domain_not_allowed',
			domain: null
		});
	});

	it('passes on what the provider said when it refused (the person cancelled)', async () => {
		expect(failed((await attempt(providers.hamar!, 'cancel')).outcome)).toEqual({ reason: 'provider_error', code: 'access_denied' });
	});

	it('signs in a person with roles in two collaborations only once both trust the provider; never the operator', async () => {
		const id = await person('both@hamar.kommune.no', hedmark, varmland);
		const account = { sub: 'both-sub', email: 'both@hamar.kommune.no', email_verified: true };
		// Hedmark’s provider cannot speak for the person’s roles in Värmland
		expect(failed((await attempt(providers.hamar!, account)).outcome)).toEqual({ reason: 'other_collaborations' });
		expect(await links('both-sub')).toBe(0);
		const varmlandAdmin = await person('admin@varmland.se', varmland);
		const row = await addProvider(
			sql(),
			varmland,
			{
				displayName: 'Same provider',
				issuer: issuerHref(op.issuer),
				clientId: clients.good,
				clientSecret: CLIENT_SECRET,
				tenants: [],
				domains: ['hamar.kommune.no']
			},
			settings,
			varmlandAdmin
		);
		expect(row).toBeTruthy();
		expect((await attempt(providers.hamar!, account)).outcome).toMatchObject({ ok: true, userId: id });

		const operator = await first(sql()<{ id: string }[]>`insert into app_user (email, name) values ('operator@hamar.kommune.no', '') returning id`);
		await sql()`insert into role_grant (user_id, role) values (${operator.id}, 'platform_admin')`;
		expect(failed((await attempt(providers.hamar!, { sub: 'op-sub', email: 'operator@hamar.kommune.no', email_verified: true })).outcome)).toEqual({
			reason: 'other_collaborations'
		});
		await person('no.role@hamar.kommune.no');
		expect(failed((await attempt(providers.hamar!, { sub: 'nr-sub', email: 'no.role@hamar.kommune.no', email_verified: true })).outcome)).toEqual({
			reason: 'no_role'
		});
	});

	it('refuses a password to anyone with a role in a collaboration that requires its provider, saying which, but only once the password is right', async () => {
		await person('required@hamar.kommune.no', hedmark, varmland);
		await setSsoRequired(sql(), hedmark, true, admin);
		try {
			const refused = await signIn(sql(), { email: 'required@hamar.kommune.no', password, ip });
			expect(refused).toEqual({ ok: false, reason: 'sso_required', collaborations: [{ id: hedmark, name: 'Hedmark IKT' }] });
			expect(await signIn(sql(), { email: 'required@hamar.kommune.no', password: 'not the password', ip })).toEqual({ ok: false, reason: 'wrong' });
			const { n } = await first(
				sql()<{ n: number }[]>`select count(*)::int as n from user_session s join app_user u on u.id = s.user_id where u.email = 'required@hamar.kommune.no'`
			);
			expect(n).toBe(0);
			// a person only in Värmland still signs in with a password
			await person('only.varmland@karlstad.se', varmland);
			expect((await signIn(sql(), { email: 'only.varmland@karlstad.se', password, ip })).ok).toBe(true);
		} finally {
			await setSsoRequired(sql(), hedmark, false, admin);
		}
	});

	it('keeps client secrets sealed: not in the database as text, and unusable under another key', async () => {
		const { sealed } = await first(sql()<{ sealed: Uint8Array }[]>`select client_secret as sealed from identity_provider where id = ${providers.hamar!}`);
		expect(Buffer.from(sealed).includes(Buffer.from(CLIENT_SECRET))).toBe(false);
		const provider = (await getProvider(sql(), providers.hamar!))!;
		expect((await clientOf(sql(), provider, settings))?.clientSecret).toBe(CLIENT_SECRET);
		const otherKey = { ...settings, secretKey: randomBytes(32) };
		expect(await clientOf(sql(), provider, otherKey)).toBeNull();
		const started = await startSignIn(sql(), { ref: providers.hamar!, origin, returnTo: '/', ip }, otherKey);
		expect(started).toMatchObject({ ok: false, failure: { reason: 'provider_misconfigured' } });
		await expect(
			addProvider(
				sql(),
				hedmark,
				{ displayName: 'x', issuer: op.issuer, clientId: 'x', clientSecret: 'x', tenants: [], domains: ['x.no'] },
				{ ...settings, secretKey: null },
				admin
			)
		).rejects.toThrow(/MODEN_SECRET_KEY/);
	});

	it('remembers which provider a session came through, and offers its end-session endpoint', async () => {
		const id = await person('leaving@hamar.kommune.no', hedmark);
		const { session } = await createSession(sql(), id, { providerId: providers.hamar!, installationKey: null });
		expect(await sessionProvider(sql(), session.id)).toBe(providers.hamar);
		const signOut = await providerSignOut(sql(), providers.hamar!, settings);
		expect(signOut?.name).toBe(`Test ${clients.good}`);
		expect(new URL(signOut!.url).searchParams.get('client_id')).toBe(clients.good);
		expect(signOut!.url.startsWith(op.issuer)).toBe(true);
		const { session: plain } = await createSession(sql(), id);
		expect(await sessionProvider(sql(), plain.id)).toBeNull();
	});
});

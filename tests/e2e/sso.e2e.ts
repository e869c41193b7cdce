import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { addProvider, issuerHref, useInstallationProvider, type SsoSettings } from '../../src/lib/server/auth/providers';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { CLIENT_SECRET, clients, TEST_SECRET_KEY } from '../fixtures/oidc-provider';
import { FIXTURE_PASSWORD } from '../fixtures/tenants';
import { database, tenants } from './fixture';

/**
 * Sign-in through the municipality's identity provider, in the browser, against the real
 * OpenID Provider the e2e server runs (tests/fixtures/oidc-provider.ts): the whole flow
 * from the admin's settings to a colleague refused a password and signed in through the
 * provider, and every way it must fail ending on the readable error page without a session.
 * Each test has a collaboration, people and e-mail domain of its own.
 */
const settings: SsoSettings = { secretKey: Buffer.from(TEST_SECRET_KEY, 'base64'), installation: [], allowHttp: true };

interface SsoTenant {
	id: string;
	name: string;
	domain: string;
	admin: string;
	colleague: string;
}

async function ssoTenant(prefix: string): Promise<SsoTenant> {
	const tag = `${prefix}-${randomBytes(4).toString('hex')}`;
	const domain = `${tag}.sso.test`;
	const sql = database();
	try {
		const name = `SSO ${tag}`;
		const { id } = await createCollaboration(sql, { name, legalForm: 'iks', country: 'NO' }, null);
		const hash = await hashPassword(FIXTURE_PASSWORD);
		const person = async (local: string, role: string) => {
			const [user] = await sql<
				{ id: string }[]
			>`insert into app_user (email, name, password_hash) values (${`${local}@${domain}`}, ${local}, ${hash}) returning id`;
			await sql`insert into role_grant (user_id, role, collaboration_id) values (${user!.id}, ${role}, ${id})`;
			return `${local}@${domain}`;
		};
		return { id, name, domain, admin: await person(`admin-${tag}`, 'collaboration_admin'), colleague: await person(`kollega-${tag}`, 'board_viewer') };
	} finally {
		await sql.end();
	}
}

/** A provider of the collaboration's own at the test provider, for its domain; `clientId` picks a misbehaving one. */
async function ownProvider(t: SsoTenant, clientId: string = clients.good, displayName = 'Hamar kommune'): Promise<string> {
	const sql = database();
	try {
		const input = { displayName, issuer: issuerHref(tenants().oidcIssuer), clientId, clientSecret: CLIENT_SECRET, tenants: [], domains: [t.domain] };
		return await addProvider(sql, t.id, input, settings, (await sql<{ id: string }[]>`select id from app_user where email = ${t.admin}`)[0]!.id);
	} finally {
		await sql.end();
	}
}

async function passwordSignIn(page: Page, email: string) {
	await page.goto('/sign-in');
	await page.getByLabel('E-post').fill(email);
	await page.getByLabel('Passord').fill(FIXTURE_PASSWORD);
	await Promise.all([
		page.waitForResponse((r) => r.url().includes('/sign-in') && r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Logg inn' }).last().click()
	]);
}

/** The test provider's login page: who to be there. */
async function atProvider(page: Page, account: { sub: string; email?: string; verified?: boolean; tid?: string }) {
	await expect(page.getByRole('heading', { name: 'Test provider' })).toBeVisible();
	await page.getByLabel('Subject').fill(account.sub);
	if (account.email) await page.getByLabel('E-mail', { exact: true }).fill(account.email);
	if (account.verified === false) await page.getByLabel('E-mail verified').uncheck();
	if (account.tid) await page.getByLabel('Tenant').fill(account.tid);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Ended on the error page, and nobody is signed in. */
async function refused(page: Page, says: string | RegExp) {
	await expect(page.getByRole('heading', { name: 'Innloggingen lyktes ikke' })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText(says);
	await expect(page.getByRole('heading', { name: 'Dette kan du si til IT-avdelingen' })).toBeVisible();
	await expect(page.getByText(/at \w+\.ts:\d+|Error:/)).toHaveCount(0);
	expect((await page.context().cookies()).some((c) => c.name === 'moden_session')).toBe(false);
	await page.goto('/account');
	await expect(page).toHaveURL(/\/sign-in\?redirect=/);
}

test('an administrator adds the municipality’s provider, signs in through it and requires it; a colleague’s password is then refused with the collaboration named, the provider signs them in, and signing out offers the provider’s own', async ({
	page,
	browser
}) => {
	const t = await ssoTenant('full');
	const { oidcIssuer } = tenants();
	await passwordSignIn(page, t.admin);
	await expect(page.getByRole('link', { name: t.admin.split('@')[0]! })).toBeVisible();
	await page.goto(`/collaborations/${t.id}/identity-providers`);
	await expect(page.getByText(`${new URL(page.url()).origin}/sign-in/sso/callback`)).toBeVisible();
	const add = page.getByRole('region', { name: 'Legg til en egen innloggingstjeneste' });
	await add.getByLabel('Navn på knappen').fill('Hamar kommune');
	await add.getByLabel('Utsteder-URL').fill(oidcIssuer);
	await add.getByLabel('Klient-ID').fill(clients.good);
	await add.getByLabel('Klienthemmelighet').fill(CLIENT_SECRET);
	await add.getByLabel('E-postdomener').fill(t.domain);
	await add.getByRole('button', { name: 'Legg til tjeneste' }).click();
	await expect(page.getByText('Tjenesten er lagt til.')).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Hamar kommune', exact: true })).toBeVisible();

	// Not yet: the admin has not signed in through it, so nobody knows it works.
	const requirement = page.getByRole('region', { name: 'Krev innlogging med en innloggingstjeneste' });
	await requirement.getByLabel('Folkene våre må logge inn med en innloggingstjeneste').check();
	await requirement.getByRole('button', { name: 'Lagre' }).click();
	await expect(page.getByText('Logg først inn med en av samarbeidets tjenester', { exact: false })).toBeVisible();

	await page.getByRole('link', { name: 'Prøv å logge inn med Hamar kommune' }).click();
	await atProvider(page, { sub: 'admin-subject', email: t.admin });
	await expect(page).toHaveURL(new RegExp(`/collaborations/${t.id}/identity-providers$`));
	await requirement.getByLabel('Folkene våre må logge inn med en innloggingstjeneste').check();
	await requirement.getByRole('button', { name: 'Lagre' }).click();
	await expect(page.getByText('Passord avvises nå for folkene i dette samarbeidet.')).toBeVisible();

	const colleagueContext = await browser.newContext({ locale: 'nb-NO' });
	const colleague = await colleagueContext.newPage();
	await passwordSignIn(colleague, t.colleague);
	await expect(colleague.getByText(`${t.name} krever at du logger inn med innloggingstjenesten til arbeidsgiveren din`)).toBeVisible();
	expect((await colleagueContext.cookies()).some((c) => c.name === 'moden_session')).toBe(false);
	await colleague.getByRole('link', { name: 'Logg inn med Hamar kommune' }).click();
	await atProvider(colleague, { sub: 'colleague-subject', email: t.colleague });
	await expect(colleague.getByRole('link', { name: t.colleague.split('@')[0]! })).toBeVisible();

	// signing out ends Moden's session and offers the provider's
	await colleague.getByRole('button', { name: 'Logg ut' }).click();
	await expect(colleague.getByRole('heading', { name: 'Du er logget ut av Moden.' })).toBeVisible();
	const providerSignOut = await colleague.getByRole('link', { name: 'Logg ut hos Hamar kommune' }).getAttribute('href');
	expect(providerSignOut).toMatch(new RegExp(`^${oidcIssuer}/session/end\\?client_id=${clients.good}$`));
	expect((await colleagueContext.cookies()).some((c) => c.name === 'moden_session')).toBe(false);
	await colleagueContext.close();

	const sql = database();
	try {
		const links = await sql<{ email: string; subject: string }[]>`
			select u.email, i.subject from user_identity i join app_user u on u.id = i.user_id where u.email in (${t.admin}, ${t.colleague}) order by i.subject`;
		expect(links).toEqual([
			{ email: t.admin, subject: 'admin-subject' },
			{ email: t.colleague, subject: 'colleague-subject' }
		]);
	} finally {
		await sql.end();
	}
	await page.goto(`/collaborations/${t.id}/audit`);
	for (const action of ['sso_provider.added', 'sso.linked', 'sso.signed_in', 'collaboration.sso_required', 'sign_in.sso_required']) {
		await expect(page.getByRole('cell', { name: action, exact: true }).first(), action).toBeVisible();
	}
});

test('the sign-in page finds the provider by the e-mail’s domain, and says so when there is none', async ({ page }) => {
	const t = await ssoTenant('domain');
	await ownProvider(t, clients.good, `Kommune ${t.domain}`);
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Logg inn med kontoen fra arbeidsgiveren din' }).click();
	await page.getByLabel('E-postadresse på jobb').fill(`someone@${t.domain.toUpperCase()}`);
	await page.getByRole('button', { name: 'Finn innloggingen min' }).click();
	await page.getByRole('link', { name: `Logg inn med Kommune ${t.domain}` }).click();
	await atProvider(page, { sub: `sub-${t.domain}`, email: t.colleague });
	await expect(page.getByRole('link', { name: t.colleague.split('@')[0]! })).toBeVisible();

	await page.context().clearCookies();
	await page.goto('/sign-in/sso');
	await page.getByLabel('E-postadresse på jobb').fill('someone@nowhere.test');
	await page.getByRole('button', { name: 'Finn innloggingen min' }).click();
	await expect(page.getByText('Ingen innloggingstjeneste er satt opp for nowhere.test.', { exact: false })).toBeVisible();
	await expect(page.getByLabel('E-postadresse på jobb')).toHaveValue('someone@nowhere.test');
});

test('the page the sign-in began on is where it ends, and only if it is a page of this site', async ({ page, baseURL }) => {
	const t = await ssoTenant('redirect');
	const provider = await ownProvider(t);
	await page.goto(`/sign-in/sso?provider=${provider}&redirect=${encodeURIComponent('/questionnaires?x=1')}`);
	await atProvider(page, { sub: `sub-${t.domain}`, email: t.colleague });
	await expect(page).toHaveURL(`${baseURL}/questionnaires?x=1`);

	for (const hostile of ['//evil.example', '/%09/evil.example', 'https://evil.example/', '/\\evil.example']) {
		await page.context().clearCookies();
		await page.goto(`/sign-in/sso?provider=${provider}&redirect=${encodeURIComponent(hostile)}`);
		await atProvider(page, { sub: `sub-${t.domain}`, email: t.colleague });
		await expect(page.getByRole('link', { name: t.colleague.split('@')[0]! })).toBeVisible();
		expect(new URL(page.url()).origin, hostile).toBe(new URL(baseURL!).origin);
	}
});

test('an Entra ID tenant the collaboration does not list is refused; a listed one signs in from the installation’s button', async ({ page }) => {
	const t = await ssoTenant('tenant');
	const [allowed, other] = [randomUUID(), randomUUID()];
	const sql = database();
	try {
		const [admin] = await sql<{ id: string }[]>`select id from app_user where email = ${t.admin}`;
		await useInstallationProvider(sql, t.id, { key: 'entra', displayName: 'Entra', tenants: [allowed], domains: [t.domain] }, admin!.id);
	} finally {
		await sql.end();
	}
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Logg inn med Entra ID (test)' }).click();
	await atProvider(page, { sub: `entra-${other}`, email: t.colleague, verified: false, tid: other });
	await expect(page.getByText(`legge til tenant-ID-en ${other}`, { exact: false })).toBeVisible();
	await refused(page, `Tenanten til arbeidsgiveren din (${other}) har ikke lov til å logge inn med Entra ID (test) her.`);

	await page.context().clearCookies(); // signed out at the provider too, to sign in as someone else
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Logg inn med Entra ID (test)' }).click();
	// Entra ID sends no email_verified: the domain the collaboration lists with the tenant vouches for the address
	await atProvider(page, { sub: `entra-${allowed}`, email: t.colleague, verified: false, tid: allowed });
	await expect(page.getByRole('link', { name: t.colleague.split('@')[0]! })).toBeVisible();
});

const negatives: {
	what: string;
	client?: string;
	account?: (t: SsoTenant) => { email: string; verified?: boolean };
	says: string | ((t: SsoTenant) => string);
}[] = [
	{ what: 'a wrong issuer', client: clients.wrongIssuer, says: 'besto ikke Modens kontroll av utstederen (iss)' },
	{ what: 'a token issued to another audience', client: clients.wrongAudience, says: 'mottakeren (aud: tokenet ble ikke utstedt til Moden)' },
	{ what: 'an expired token', client: clients.expired, says: 'gyldigheten (tokenet var utløpt)' },
	{ what: 'a nonce of another sign-in', client: clients.nonce, says: 'nonce-verdien (tokenet hører ikke til denne innloggingen)' },
	{ what: 'a forged signature', client: clients.signature, says: 'signaturen' },
	{
		what: 'an unverified e-mail',
		account: (t) => ({ email: t.colleague, verified: false }),
		says: (t) => `Hamar kommune bekreftet ikke e-postadressen din (${t.colleague})`
	},
	{ what: 'no account', account: (t) => ({ email: `nobody@${t.domain}` }), says: (t) => `Det finnes ingen konto i Moden for nobody@${t.domain}.` },
	{
		what: 'a domain not allowed',
		account: () => ({ email: 'someone@elsewhere.test' }),
		says: 'Adresser på elsewhere.test har ikke lov til å logge inn med Hamar kommune.'
	}
];

for (const n of negatives) {
	test(`${n.what} ends on the error page without a session`, async ({ page }) => {
		const t = await ssoTenant('negative');
		const provider = await ownProvider(t, n.client ?? clients.good);
		await page.goto(`/sign-in/sso?provider=${provider}`);
		const account = n.account?.(t) ?? { email: t.colleague };
		await atProvider(page, { sub: `sub-${t.domain}`, ...account });
		await refused(page, typeof n.says === 'function' ? n.says(t) : n.says);
	});
}

test('a replayed answer (the same state again) ends on the error page without a session', async ({ page }) => {
	const t = await ssoTenant('replay');
	const provider = await ownProvider(t);
	let callback = '';
	page.on('request', (r) => {
		if (r.url().includes('/sign-in/sso/callback')) callback ||= r.url();
	});
	await page.goto(`/sign-in/sso?provider=${provider}`);
	await atProvider(page, { sub: `sub-${t.domain}`, email: t.colleague });
	await expect(page.getByRole('link', { name: t.colleague.split('@')[0]! })).toBeVisible();
	expect(new URL(callback).searchParams.get('state')).toBeTruthy();
	await page.getByRole('button', { name: 'Logg ut' }).click();
	await expect(page.getByRole('heading', { name: 'Du er logget ut av Moden.' })).toBeVisible();

	await page.goto(callback);
	await refused(page, 'Denne innloggingen er utløpt, er allerede brukt, eller ble startet i en annen nettleser.');
});

import { expect, test } from '@playwright/test';
import { FIXTURE_PASSWORD } from '../fixtures/tenants';
import { createPerson, holdScripts, signIn, tenants } from './fixture';

test('an administrator invites a respondent, who sets a password from the link and is signed in', async ({ page, browser }) => {
	const { own } = tenants();
	await signIn(page, own.users.collaboration_admin);
	await page.goto(`/collaborations/${own.collaborationId}/people`);
	await page.getByLabel('E-post').fill('ny.respondent@hamar.kommune.no');
	await page.getByLabel('Navn', { exact: true }).fill('Nora Ny');
	await page.getByLabel('Rolle', { exact: true }).selectOption('respondent');
	await page.getByLabel('Kommune', { exact: true }).selectOption({ label: own.municipalityNames[0] });
	await page.getByLabel('Sektor', { exact: true }).selectOption({ index: 1 });
	await page.getByRole('button', { name: 'Inviter' }).click();
	// no SMTP in tests: the link is shown to the admin
	const link = await page.locator('.invitation-link').textContent();
	expect(link).toMatch(/\/invitation\/[a-z2-7]{24}\.[a-z2-7]{32}$/);
	await expect(page.getByRole('cell', { name: 'ny.respondent@hamar.kommune.no' })).toBeVisible();

	const invitee = await browser.newContext({ locale: 'nb-NO' });
	const invitedPage = await invitee.newPage();
	await invitedPage.goto(link!);
	await invitedPage.getByLabel('Nytt passord').fill('short');
	await invitedPage.getByLabel('Gjenta det nye passordet').fill('short');
	await invitedPage.getByRole('button', { name: 'Sett passord og logg inn' }).click();
	await expect(invitedPage.getByText('Passordet må ha minst 10 tegn.')).toBeVisible();
	await invitedPage.getByLabel('Nytt passord').fill('Nora sitt lange passord');
	await invitedPage.getByLabel('Gjenta det nye passordet').fill('Nora sitt lange passord');
	await invitedPage.getByRole('button', { name: 'Sett passord og logg inn' }).click();
	await expect(invitedPage.getByRole('link', { name: 'Nora Ny' })).toBeVisible();

	// the link works once
	await invitedPage.goto(link!);
	await expect(invitedPage.getByText('Lenken er allerede brukt.', { exact: false })).toBeVisible();
	await invitee.close();
});

test('sign-in tells a wrong password apart from nothing, keeps the e-mail, and slows repeated failures from one address', async ({ page }) => {
	const email = await createPerson('guessed');
	await page.goto('/sign-in');
	for (let i = 0; i < 3; i++) {
		await page.getByLabel('E-post').fill(email);
		await page.getByLabel('Passord').fill(`wrong password ${i}`);
		// wait for this attempt's answer: the message from the previous one is already shown
		await Promise.all([
			page.waitForResponse((r) => r.url().includes('/sign-in') && r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Logg inn' }).last().click()
		]);
		await expect(page.getByText('E-postadressen eller passordet er feil.')).toBeVisible();
		await expect(page.getByLabel('E-post')).toHaveValue(email);
	}
	// the address that failed waits before its next attempt, whatever it is (tests/e2e/throttle.e2e.ts: others do not)
	await page.getByLabel('Passord').fill(FIXTURE_PASSWORD);
	await page.getByRole('button', { name: 'Logg inn' }).last().click();
	await expect(page.getByText(/For mange mislykkede forsøk herfra\. Prøv igjen kl\. \d{2}:\d{2}\./)).toBeVisible();
	await expect(page.getByLabel('E-post')).toHaveValue(email);
});

test('a bad e-mail gets a clear message in the chosen language', async ({ page }) => {
	await page.goto('/sign-in');
	await page.getByRole('button', { name: 'Svenska' }).click();
	await page.getByLabel('E-post').fill('not an address');
	await page.getByLabel('Lösenord').fill('x');
	await page.locator('form:not(.language)').evaluate((f: HTMLFormElement) => (f.noValidate = true));
	await page.getByRole('button', { name: 'Logga in' }).last().click();
	await expect(page.getByText('Skriv en giltig e-postadress', { exact: false })).toBeVisible();
});

test('signing out everywhere ends the other sessions too', async ({ browser }) => {
	const email = tenants().own.users.executive_viewer;
	const first = await browser.newContext({ locale: 'nb-NO' });
	const second = await browser.newContext({ locale: 'nb-NO' });
	const a = await first.newPage();
	const b = await second.newPage();
	await signIn(a, email);
	await signIn(b, email);
	await a.goto('/account');
	await a.getByRole('button', { name: 'Logg ut overalt' }).click();
	await expect(a).toHaveURL(/\/sign-in/);
	await b.goto('/account');
	await expect(b).toHaveURL(/\/sign-in\?redirect=%2Faccount/);
	await first.close();
	await second.close();
});

test('a password reset request answers the same for unknown addresses', async ({ page }) => {
	await page.goto('/reset-password');
	await page.getByLabel('E-post').fill('nobody@nowhere.test');
	await page.getByRole('button', { name: 'Send lenke' }).click();
	await expect(page.getByText('Hvis nobody@nowhere.test har en konto, er en lenke på vei.')).toBeVisible();
});

test('roles are listed in the interface language', async ({ page }) => {
	const { own } = tenants();
	await signIn(page, own.users.collaboration_admin);
	await page.getByRole('button', { name: 'Svenska' }).click();
	await page.goto(`/collaborations/${own.collaborationId}/people`);
	// .first(): the invitation test may have added a second respondent meanwhile
	await expect(page.getByText('Respondent — Hamar · Vård och omsorg').first()).toBeVisible();
	await page.goto('/account');
	await expect(page.getByText('Administratör i samverkan — Hedmark IKT')).toBeVisible();
});

test('what is typed before the page’s scripts arrive is kept when they do', async ({ page }) => {
	// Hold every script until the e-mail is typed: the server-rendered form works before hydration.
	const release = await holdScripts(page);
	await page.goto('/sign-in', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('E-post').fill('typed-early@example.test');
	release();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(page.getByLabel('E-post')).toHaveValue('typed-early@example.test');
});

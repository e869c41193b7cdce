import { expect, test, type Browser, type Page } from '@playwright/test';
import { database, signIn, tenants } from './fixture';

/**
 * Accounts are platform-wide, invitations are a collaboration's: an invitation never
 * lets whoever invites act as the person invited, and a collaboration learns nothing
 * about accounts elsewhere from its replies. No SMTP in the e2e server, so links are
 * shown to the inviter where that is allowed at all.
 */
async function signedIn(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext({ locale: 'nb-NO' });
	const page = await context.newPage();
	await signIn(page, email);
	return page;
}

async function setPassword(page: Page, link: string, password: string) {
	await page.goto(link);
	const name = page.getByLabel('Navn', { exact: true });
	if (await name.count()) await name.fill('Ny Person');
	await page.getByLabel('Nytt passord').fill(password);
	await page.getByLabel('Gjenta det nye passordet').fill(password);
	await page.getByRole('button', { name: 'Sett passord og logg inn' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/invitation/'));
}

async function invite(page: Page, collaborationId: string, email: string, role: string) {
	await page.goto(`/collaborations/${collaborationId}/people`);
	await page.getByLabel('E-post').fill(email);
	await page.getByLabel('Rolle', { exact: true }).selectOption(role);
	await page.getByRole('button', { name: 'Inviter' }).click();
}

test('a coordinator of one collaboration cannot take over the account another collaboration invited', async ({ browser }) => {
	const { fuzz, other } = tenants();
	const victim = `new.admin.${Date.now()}@other.test`;
	// The other collaboration invites a new administrator; its admin passes the link on.
	const admin = await signedIn(browser, other.users.collaboration_admin);
	await invite(admin, other.collaborationId, victim, 'collaboration_admin');
	const ownersLink = (await admin.locator('.invitation-link').textContent())!;
	expect(ownersLink).toMatch(/\/invitation\//);

	// A coordinator of the fuzz collaboration assigns the same address to an assessment of theirs.
	const coordinator = await signedIn(browser, fuzz.users.coordinator);
	await coordinator.goto(`/collaborations/${fuzz.collaborationId}/rounds/${fuzz.roundId}`);
	const row = coordinator.locator(`tr[data-assessment="${fuzz.assessments['0:1']}"]`);
	await row.getByText('Tildel en respondent').click();
	await row.getByLabel('E-post').fill(victim);
	await row.getByRole('button', { name: 'Tildel', exact: true }).click();
	await expect(row.getByText(victim).first()).toBeVisible();

	// Whatever link the reply carries, the coordinator tries it.
	const leaked = await row.locator('code.invitation-link').allTextContents();
	const thief = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
	for (const link of leaked) await setPassword(thief, link, 'the coordinator’s own password');
	await thief.goto(`/collaborations/${other.collaborationId}/people`);
	await expect(thief, 'the coordinator must not become the other collaboration’s administrator').toHaveURL(/\/sign-in/);

	// No new link replaced the owner's; but that one was shown to the other collaboration's
	// admin, and now that someone else has given the account a role, no one can use it to
	// act as the person with that role (links.ts): a new one goes to the address by mail.
	const owner = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
	await owner.goto(ownersLink);
	await expect(owner.getByText('Lenken kan ikke brukes lenger', { exact: false })).toBeVisible();
});

test('the collaboration’s own link works for the person it invited', async ({ browser }) => {
	const { other } = tenants();
	const person = `own.admin.${Date.now()}@other.test`;
	const admin = await signedIn(browser, other.users.collaboration_admin);
	await invite(admin, other.collaborationId, person, 'collaboration_admin');
	const link = (await admin.locator('.invitation-link').textContent())!;
	const owner = await (await browser.newContext({ locale: 'nb-NO' })).newPage();
	await setPassword(owner, link, 'the owner’s long password');
	await expect(owner.getByRole('link', { name: 'Ny Person' })).toBeVisible();
	await owner.goto(`/collaborations/${other.collaborationId}/people`);
	await expect(owner.getByRole('heading', { name: 'Personer' })).toBeVisible();
});

test('giving a role tells nothing about the account: an active and a pending one elsewhere get the same reply', async ({ browser }) => {
	const { fuzz, other } = tenants();
	// An account another collaboration invited and that has not set a password yet.
	const pending = `pending.${Date.now()}@other.test`;
	const sql = database();
	try {
		const [user] = await sql<{ id: string }[]>`insert into app_user (email) values (${pending}) returning id`;
		await sql`insert into role_grant (user_id, role, collaboration_id) values (${user!.id}, 'board_viewer', ${other.collaborationId})`;
	} finally {
		await sql.end();
	}
	const admin = await signedIn(browser, fuzz.users.collaboration_admin);
	const reply = async (email: string) => {
		await invite(admin, fuzz.collaborationId, email, 'board_viewer');
		const status = admin.locator('section .ds-alert[role="status"]');
		await expect(status).toContainText(email);
		const text = (await status.innerText()).replaceAll(email, '<email>');
		const row = admin.getByRole('row').filter({ hasText: email });
		return { text, tags: await row.locator('.ds-tag').allInnerTexts() };
	};
	const active = await reply(other.users.board_viewer);
	const waiting = await reply(pending);
	expect(waiting).toEqual(active);
});

test('a platform administrator is given no role inside a collaboration', async ({ browser }) => {
	const { fuzz, platformAdmin } = tenants();
	const operator = await signedIn(browser, platformAdmin);
	await operator.goto('/collaborations');
	await operator.getByLabel('Navn', { exact: true }).fill(`Operatørens eget ${Date.now()}`);
	await operator.getByLabel('E-postadressen til den første administratoren').fill(platformAdmin);
	await operator.getByRole('button', { name: 'Opprett et samarbeid' }).click();
	await expect(operator.getByText('En plattformadministrator kan ikke ha roller i et samarbeid', { exact: false })).toBeVisible();

	const admin = await signedIn(browser, fuzz.users.collaboration_admin);
	await invite(admin, fuzz.collaborationId, platformAdmin, 'collaboration_admin');
	await expect(admin.getByText('En plattformadministrator kan ikke ha roller i et samarbeid', { exact: false })).toBeVisible();
	await expect(admin.getByRole('cell', { name: platformAdmin })).toHaveCount(0);
});

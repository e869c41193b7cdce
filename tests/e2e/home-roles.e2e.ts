import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, tenants } from './fixture';

/**
 * The signed-in home (issue 24): after signing in, each role lands on the front page,
 * which shows that role's next task, and one click takes them to it.
 */
const year = new Date().getFullYear();
test.describe.configure({ timeout: 60_000 });
const axe = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

test('a sector head sees their open assessment with progress and close date, and starts on it in one click', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.respondent);
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Dine oppgaver' })).toBeVisible();
	const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Helse og omsorg, Hamar ${year}` }) });
	await expect(card.getByText(/Stenger \d{2}\.\d{2}\.\d{4}/)).toBeVisible();
	await expect(card.getByText(/\d+ av 42 spørsmål besvart/)).toBeVisible();
	await axe(page);
	await card.getByRole('link', { name: /^(Begynn på|Fortsett med|Se hva du sendte inn for) Helse og omsorg, Hamar$/ }).click();
	await expect(page).toHaveURL(new RegExp(`/assessments/${fixture.own.assessments['0:0']}`));
});

test('a coordinator sees the open round’s completion and what needs them, and reaches the round in one click', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.coordinator);
	const section = page.getByRole('region', { name: `Runde ${year} i Hedmark IKT` });
	await expect(section.getByText(/^\d+ av 2 kartlegginger er sendt inn; runden stenger \d{2}\.\d{2}\.\d{4}\.$/)).toBeVisible();
	await axe(page);
	await section.getByRole('link', { name: `Følg opp runde ${year} i Hedmark IKT` }).click();
	await expect(page).toHaveURL(`/collaborations/${fixture.own.collaborationId}/rounds/${fixture.own.roundId}`);
	await expect(page.getByRole('heading', { name: `Runde ${year}` })).toBeVisible();
});

test('a leadership team reads its latest results as one sentence and opens the dashboard in one click', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.executive_viewer);
	const section = page.getByRole('region', { name: 'Resultater for Hamar' });
	// Computed through the results views and the disclosure module: levels, the median where shown, the change.
	await expect(
		section.getByText(/^Nivå \d(–\d)? i (alle 5 dimensjonene|\d av 5 dimensjoner)(, over medianen i samarbeidet i [^,]+)?(, [+−±][\d,]+ poeng siden \d{4})?\.$/)
	).toBeVisible();
	await axe(page);
	await section.getByRole('link', { name: 'Se resultatene for Hamar' }).click();
	await expect(page).toHaveURL(new RegExp(`/collaborations/${fixture.own.collaborationId}/results/municipalities/${fixture.own.municipalityIds[0]}`));
	await expect(page.getByRole('heading', { name: 'Hamar', exact: true })).toBeVisible();
});

test('the board reads the collaboration’s latest results and opens its dashboard in one click', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.board_viewer);
	const section = page.getByRole('region', { name: 'Resultater for Hedmark IKT' });
	await expect(section.getByText(/^Nivå \d(–\d)? i (alle 5 dimensjonene|\d av 5 dimensjoner)/)).toBeVisible();
	await axe(page);
	await section.getByRole('link', { name: 'Se resultatene for Hedmark IKT' }).click();
	await expect(page).toHaveURL(new RegExp(`/collaborations/${fixture.own.collaborationId}/results`));
});

test('an admin sees the rounds’ state and who is still to be invited, and reaches the people page in one click', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.collaboration_admin);
	const section = page.getByRole('region', { name: 'Administrasjon av Hedmark IKT' });
	await expect(section.getByText(/^Runde \d{4} \(|^Runde \d{4} åpner/)).toBeVisible();
	// Six of Hedmark's seven members have no coordinator in the fixture, five once another test gives Stange one
	// (a plural, by Intl.PluralRules): the count and the names listed agree.
	const missing = section.getByText(/^\d medlemmer har ingen koordinator: /);
	await expect(missing).toBeVisible();
	const [, count, names] = (await missing.textContent())!.match(/^(\d) medlemmer har ingen koordinator: (.+)\.$/)!;
	expect(['5', '6']).toContain(count);
	expect(names!.split(/, | og /)).toHaveLength(Number(count));
	await axe(page);
	await section.getByRole('link', { name: 'Inviter personer til Hedmark IKT' }).click();
	await expect(page).toHaveURL(new RegExp(`/collaborations/${fixture.own.collaborationId}/people`));
});

test('the platform operator is pointed to the collaborations', async ({ page }) => {
	await signIn(page, tenants().platformAdmin);
	await page.getByRole('link', { name: 'Gå til samarbeidene' }).click();
	await expect(page).toHaveURL('/collaborations');
});

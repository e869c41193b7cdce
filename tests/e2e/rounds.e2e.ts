import { expect, test } from '@playwright/test';
import { database, signIn, tenants } from './fixture';

test('an admin opens a round, assigns a new respondent by invitation, reminds and closes it', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.collaboration_admin);
	await page.goto(`/collaborations/${fixture.own.collaborationId}/rounds`);
	const year = String(new Date().getFullYear() + 1);
	await expect(page.getByLabel('År')).toHaveValue(year);

	// A round must close after it opens: refused with the choices kept.
	await page.getByLabel('Åpner').fill(`${year}-03-01`);
	await page.getByLabel('Lukker (siste dag)').fill(`${year}-02-01`);
	for (const other of ['Stange', 'Kongsvinger', 'Sør-Odal', 'Løten', 'Nord-Odal', 'Grue']) await page.getByLabel(other).uncheck();
	await page.getByRole('button', { name: 'Åpne runden' }).click();
	await expect(page.getByText('Runden kan ikke lukke før den åpner.')).toBeVisible();
	await expect(page.getByLabel('Stange')).not.toBeChecked();

	await page.getByLabel('Lukker (siste dag)').fill(`${year}-04-30`);
	for (const sector of ['Oppvekst', 'Teknisk og samfunn', 'Økonomi og administrasjon', 'Kultur', 'Sentral ledelse']) await page.getByLabel(sector).uncheck();
	await page.getByRole('button', { name: 'Åpne runden' }).click();
	// The round opens in the future: the page says when, and offers no reminders before then.
	await expect(page.getByText(`Runde ${year} er opprettet. Den åpner 01.03.${year}.`)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Hamar' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Stange' })).toHaveCount(0);
	await expect(page.getByText('Ikke åpnet ennå')).toBeVisible();
	await expect(page.getByText(`Påminnelser kan sendes når runden har åpnet, 01.03.${year}.`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Send påminnelse' })).toHaveCount(0);
	// Its opening day comes: the round is open, and reminders can go out.
	const sql = database();
	try {
		await sql`update round set opens_on = current_date - 1 where collaboration_id = ${fixture.own.collaborationId} and year = ${Number(year)}`;
	} finally {
		await sql.end();
	}
	await page.reload();
	await expect(page.getByText('Åpen', { exact: true })).toBeVisible();

	// The fixture's respondent of Hamar × Helse og omsorg stays assigned; a new one is invited.
	await page.getByText('Tildel en respondent').click();
	await page.getByLabel('E-post').fill('ny.leder@hamar.test');
	await page.getByLabel('Navn').fill('Ny Leder');
	await page.getByRole('button', { name: 'Tildel', exact: true }).click();
	await expect(page.getByText(/ny\.leder@hamar\.test/).first()).toBeVisible();
	await expect(page.locator('code.invitation-link')).toContainText('/invitation/');
	await expect(page.getByText('Ny Leder', { exact: true })).toBeVisible();

	await page.getByRole('button', { name: 'Send påminnelse' }).click();
	await expect(page.getByText('Ingen e-posttjener er satt opp, så ingen e-post ble sendt.', { exact: false })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ny Leder' })).toHaveAttribute('href', 'mailto:ny.leder@hamar.test');
	// The page lists the reminder: when, by whom, to how many (none of them mailed; others may assign people here meanwhile).
	const log = page.getByRole('table', { name: 'Sendte påminnelser' });
	await expect(log.getByRole('row')).toHaveCount(2);
	await expect(log.getByRole('row').nth(1)).toContainText(/Sendt av \D+(\d+) \(\1 uten e-post/);

	// Automatic reminders: 7 and 2 days before by default; the admin changes them, a wrong entry is refused.
	await expect(page.getByText('så mange dager før siste dag: 7, 2.')).toBeVisible();
	await page.getByLabel('Dager før fristen').fill('ti');
	await page.getByRole('button', { name: 'Lagre dagene' }).click();
	await expect(page.getByText('Inntil fem hele tall fra 0 til 365, skilt med komma.')).toBeVisible();
	await page.getByLabel('Dager før fristen').fill('10, 3, 10');
	await page.getByRole('button', { name: 'Lagre dagene' }).click();
	await expect(page.getByText('De automatiske påminnelsene er lagret.')).toBeVisible();
	await expect(page.getByText('så mange dager før siste dag: 10, 3.')).toBeVisible();

	await page.getByRole('button', { name: 'Lukk runden nå' }).click();
	await expect(page.getByText('Runden er lukket.')).toBeVisible();
	await expect(page.getByText('Lukket', { exact: true })).toBeVisible();
});

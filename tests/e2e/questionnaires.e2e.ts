import { expect, test } from '@playwright/test';
import { signIn, tenants } from './fixture';

test.beforeEach(async ({ page }) => {
	await signIn(page, tenants().own.users.respondent);
});

test('the published questionnaires can be previewed in every language', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Spørreskjema' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spørreskjema');
	const rows = page.getByRole('row');
	// the header, the maturity instrument's three versions and the digital services checklist
	await expect(rows).toHaveCount(5);

	await page.getByRole('table').locator('a[href$="/questionnaires/digital-maturity/2"]').click();
	await expect(page).toHaveURL(/\/questionnaires\/digital-maturity\/2$/);
	await expect(page.getByRole('heading', { level: 2, name: 'Kultur' })).toBeVisible();
	await expect(page.getByText('Endret, ikke sammenlignbart')).toHaveCount(1);
	await expect(page.getByText('Nytt i denne versjonen')).toHaveCount(3);
	await expect(page.getByRole('heading', { name: /Spørsmål fra versjon 1 som ikke stilles lenger/ })).toBeVisible();
	// every item shows its five level descriptors
	const firstItem = page.getByRole('article').first();
	await expect(firstItem.getByRole('listitem')).toHaveCount(5);

	await page.getByRole('button', { name: 'Svenska' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Kultur' })).toBeVisible();
	await expect(page.getByText('Ändrad, inte jämförbar')).toHaveCount(1);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Culture' })).toBeVisible();

	// Version 3 is written in nynorsk too, and marks what it changed against version 2.
	await page.goto('/questionnaires/digital-maturity/3');
	await page.getByRole('button', { name: 'Norsk nynorsk' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Leiing' })).toBeVisible();
	await expect(page.getByText('Korleis tek leiargruppa i sektoren eigarskap til digitaliseringa av sektoren?')).toBeVisible();
	await expect(page.getByRole('heading', { name: /versjon 2/ }).first()).toBeVisible();
});

test('an unknown questionnaire version is a 404', async ({ page }) => {
	expect((await page.goto('/questionnaires/digital-maturity/99'))?.status()).toBe(404);
	expect((await page.goto('/questionnaires/digital-maturity/abc'))?.status()).toBe(404);
});

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
	// the header, the maturity instrument's two versions and the digital services checklist
	await expect(rows).toHaveCount(4);

	await page.getByRole('table').getByRole('link').first().click();
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
});

test('an unknown questionnaire version is a 404', async ({ page }) => {
	expect((await page.goto('/questionnaires/digital-maturity/99'))?.status()).toBe(404);
	expect((await page.goto('/questionnaires/digital-maturity/abc'))?.status()).toBe(404);
});

import { expect, test } from '@playwright/test';

test('the health check reports a reachable database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ status: 'ok', database: 'reachable' });
});

test('the home page follows the browser language', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'sv-SE' });
	const page = await context.newPage();
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digital mognad för kommunala samverkansorganisationer');
	await context.close();
});

test('the home page switches between bokmål, Swedish and English and remembers the choice', async ({ page }) => {
	await page.goto('/');
	const language = page.getByRole('form', { name: /språk|language/i });

	await language.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digital maturity for municipal collaborations');
	await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();

	await page.getByRole('button', { name: 'Svenska' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digital mognad för kommunala samverkansorganisationer');
	await expect(page.getByText(/I dag är det \d{4}-\d{2}-\d{2}\./)).toBeVisible();

	await page.getByRole('button', { name: 'Norsk bokmål' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digital modenhet for interkommunale samarbeid');
	await expect(page.getByText(/I dag er det \d{2}\.\d{2}\.\d{4}\./)).toBeVisible();

	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nb');
	await expect(page.getByRole('button', { name: 'Norsk bokmål' })).toHaveAttribute('aria-pressed', 'true');
});

test('the language switch works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nb-NO' });
	const page = await context.newPage();
	await page.goto('/');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Digital maturity for municipal collaborations');
	await context.close();
});

test('an unknown page answers 404 in the chosen language', async ({ page }) => {
	const response = await page.goto('/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Noe gikk galt');
});

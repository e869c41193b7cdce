import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn, tenants } from './fixture';

/** The people page (issue 24): the invitation form first, and a list that can be searched and narrowed. */
test('an admin finds people by name, role and member, with the invitation form at the top', async ({ page }) => {
	test.setTimeout(60_000); // three page loads and axe
	const { own } = tenants();
	await signIn(page, own.users.collaboration_admin);
	await page.goto(`/collaborations/${own.collaborationId}/people`);
	const invite = page.getByRole('heading', { name: 'Inviter en person eller gi en rolle' });
	const list = page.getByRole('heading', { name: 'Alle med en rolle' });
	expect((await invite.boundingBox())!.y).toBeLessThan((await list.boundingBox())!.y);

	const search = page.getByRole('search', { name: 'Finn personer' });
	await search.getByLabel('Søk i navn og adresser').fill('KARI@hedmark');
	await search.getByRole('button', { name: 'Vis' }).click();
	await expect(page).toHaveURL(/\?q=KARI%40hedmark/);
	const table = page.getByRole('table', { name: 'Personer' });
	await expect(table.locator('tbody tr')).toHaveCount(1);
	await expect(table.getByRole('cell', { name: 'kari@hedmark.test' })).toBeVisible();

	await search.getByLabel('Søk i navn og adresser').fill('');
	await search.getByLabel('Har rollen').selectOption('coordinator');
	await search.getByLabel('Har en rolle i').selectOption('Hamar');
	await search.getByRole('button', { name: 'Vis' }).click();
	await expect(table.getByRole('cell', { name: own.users.coordinator })).toBeVisible();
	await expect(table.getByRole('cell', { name: own.users.respondent })).toHaveCount(0);
	await expect(page.getByText(/^Viser \d+ av \d+\.$/)).toBeVisible();
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

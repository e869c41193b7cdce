import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Dialog } from '@playwright/test';
import { database, signIn, tenants } from './fixture';

/**
 * Targets as one form per group (issue 24): changing two dimensions and saving the group
 * keeps both; a changed group is marked until saved, and leaving the page with it asks
 * first. In the other tenant, so the Hamar dashboards of the results tests keep theirs.
 */
test('a coordinator sets two targets with one save, and is warned before leaving unsaved ones', async ({ page }) => {
	test.setTimeout(90_000);
	const { other } = tenants();
	await signIn(page, other.users.coordinator);
	await page.goto(`/collaborations/${other.collaborationId}/targets`);
	// the marks of unsaved changes come from the page's script: wait for it
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	const group = page.getByRole('region', { name: 'Hammarös egen ambisjon' });
	await expect(group.getByRole('button', { name: 'Lagre: Hammarös egen ambisjon' })).toHaveCount(1);
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

	await group.getByLabel('Målnivå for Kultur, Hammarös egen ambisjon').selectOption('3');
	await group.getByLabel('Målnivå for Strategi, Hammarös egen ambisjon').selectOption('4');
	await expect(group.getByText('Ikke lagret ennå')).toBeVisible();
	await group.getByRole('button', { name: 'Lagre: Hammarös egen ambisjon' }).click();
	await expect(group.getByText('Lagret: 2 mål er endret.')).toBeVisible();
	await expect(group.getByText('Ikke lagret ennå')).toHaveCount(0);

	await page.reload();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await expect(group.getByLabel('Målnivå for Kultur, Hammarös egen ambisjon')).toHaveValue('3');
	await expect(group.getByLabel('Målnivå for Strategi, Hammarös egen ambisjon')).toHaveValue('4');
	const sql = database();
	try {
		const stored = await sql<{ dimension: string; level: number }[]>`
			select dimension, level from target where collaboration_id = ${other.collaborationId} and municipality_id = ${other.municipalityIds[0]} order by dimension`;
		expect(stored).toEqual([
			{ dimension: 'culture', level: 3 },
			{ dimension: 'strategy', level: 4 }
		]);
	} finally {
		await sql.end();
	}

	// A change not saved: leaving asks first, and staying keeps it.
	await group.getByLabel('Målnivå for Ledelse, Hammarös egen ambisjon').selectOption('2');
	// The confirm blocks the page, and with it the click: answer it from the dialog event.
	const asked = new Promise<Dialog>((resolve) =>
		page.once('dialog', (dialog) => {
			resolve(dialog);
			void dialog.dismiss();
		})
	);
	await page.getByRole('link', { name: 'Hjem' }).click();
	const dialog = await asked;
	expect(dialog.type()).toBe('confirm');
	expect(dialog.message()).toBe('Du har endret mål som ikke er lagret. Vil du forlate siden likevel?');
	await expect(page).toHaveURL(`/collaborations/${other.collaborationId}/targets`);
	await expect(group.getByLabel('Målnivå for Ledelse, Hammarös egen ambisjon')).toHaveValue('2');
});

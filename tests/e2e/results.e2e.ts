import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn, tenants } from './fixture';

/**
 * The dashboards (issue 7) on the fixture's two past rounds of Hedmark IKT: seven
 * members, versions 1 and 2, so the trend has series breaks.
 */
const others = ['Stange', 'Kongsvinger', 'Sør-Odal', 'Løten', 'Nord-Odal', 'Grue'];
/** Last year's round: this year's fills up as the answering tests submit, in parallel. */
const lastYear = `?year=${new Date().getFullYear() - 1}`;

test('a leadership team sees its municipality’s radar, sector heatmap and trend, with tables carrying the charts’ numbers', async ({ page }) => {
	test.slow(); // five charts, their tables and an axe pass over the whole page: over 30 s on a busy machine
	const fixture = tenants();
	await signIn(page, fixture.own.users.executive_viewer);
	await page.goto(`/collaborations/${fixture.own.collaborationId}/results/municipalities/${fixture.own.municipalityIds[0]}${lastYear}`);
	await expect(page.getByRole('heading', { name: 'Hamar', exact: true })).toBeVisible();

	const radar = page.getByRole('img', { name: /Radardiagram over Hamars poeng/ });
	await expect(radar).toBeVisible();
	const drawn = JSON.parse((await radar.locator('canvas').getAttribute('data-values'))!) as (number | null)[][];
	const table = page.locator('figure', { has: radar }).locator('table');
	for (const [series, values] of drawn.entries()) {
		const cells = await table.locator(`tbody tr td:nth-of-type(${series + 1})`).all();
		expect(cells).toHaveLength(5);
		for (const [i, cell] of cells.entries()) {
			const shown = await cell.getAttribute('data-value');
			expect(shown === null || shown === '' ? null : Number(shown)).toBe(values[i] ?? null);
		}
	}
	// Hamar's own scores are drawn; with seven members the collaboration median is too.
	expect(drawn[0]!.every((v) => typeof v === 'number')).toBe(true);
	expect(drawn[1]!.every((v) => typeof v === 'number')).toBe(true);

	await expect(page.getByRole('table', { name: /Hamar: poeng og nivå per sektor og dimensjon/ }).locator('tbody tr')).toHaveCount(2);

	const trends = page.getByRole('img', { name: /Linjediagram over/ });
	await expect(trends).toHaveCount(5);
	const strategy = page.getByRole('img', { name: 'Linjediagram over Strategi gjennom rundene' });
	const points = JSON.parse((await strategy.locator('canvas').getAttribute('data-values'))!) as number[];
	expect(points.length).toBeGreaterThanOrEqual(2); // this year's round joins once the answering tests submit
	const rows = page.locator('figure', { has: strategy }).locator('tbody tr');
	for (const [i, value] of points.entries()) expect(Number(await rows.nth(i).locator('td').first().getAttribute('data-value'))).toBe(value);
	// Version 2 retired and added strategy items: the series breaks, and says so.
	await expect(rows.nth(1)).toContainText('brudd');
	// The collaboration's mean stands beside Hamar's own line, in the chart and its table, under one legend for all five.
	await expect(page.locator('figure', { has: strategy }).getByRole('columnheader', { name: 'Samarbeidet (snitt)' })).toBeVisible();
	expect(await page.locator('figure', { has: strategy }).locator('td[data-compared]').count()).toBe(points.length);
	await expect(page.getByRole('list', { name: 'Tegnforklaring for diagrammene' })).toHaveCount(1);
	await expect(page.getByRole('list', { name: 'Tegnforklaring for diagrammene' })).toContainText('Samarbeidet (snitt)');
	// The first table gives each dimension's change since the round before; strategy's is a break, not a number.
	const levels = page.getByRole('table', { name: 'Poeng, intervaller, dekning og mål' });
	await expect(levels.getByRole('columnheader', { name: 'Endring siden forrige runde' })).toBeVisible();
	await expect(levels.locator('tbody tr', { hasText: 'Strategi' }).locator('td[data-since-last]')).toHaveAttribute('data-since-last', 'break');
	await expect(levels.locator('tbody tr', { hasText: 'Strategi' }).locator('td[data-since-last]')).toContainText('brudd');

	// Where to begin: each question's score, level reached and don't-know rate, as a list with spaces.
	await expect(
		page
			.getByRole('listitem')
			.filter({ hasText: /\(\d+,\d, nivå \d, vet ikke \d+ %\)/ })
			.first()
	).toBeVisible();

	// Every size class is under k = 5 here: withheld, and the page says why.
	await expect(page.getByRole('table').filter({ hasText: 'Størrelsesklasse' }).getByText('holdt tilbake').first()).toBeVisible();
	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('without naming, other members appear only anonymously; with naming switched on, by name', async ({ page, browser }) => {
	const fixture = tenants();
	const url = `/collaborations/${fixture.own.collaborationId}/results${lastYear}`;
	await signIn(page, fixture.own.users.coordinator);
	await page.goto(url);
	const heatmap = page.getByRole('table', { name: /Poeng \(0–100\) og nivå per medlem/ });
	await expect(heatmap.locator('tbody tr')).toHaveCount(7);
	await expect(heatmap.getByRole('rowheader', { name: 'Hamar' })).toBeVisible();
	await expect(heatmap.getByRole('rowheader', { name: 'Medlem 6' })).toBeVisible();
	// The page says what this reader sees of names, and why.
	await expect(
		page.getByText(/^Du ser din egen kommune med navn og de andre medlemmene anonymt .*Styret og samarbeidets administratorer ser navnene\.$/)
	).toBeVisible();
	const html = await page.content();
	for (const name of others) expect(html, `${name} must not be named`).not.toContain(name);
	await expect(page.getByRole('img', { name: /Kvartiler av medlemmenes poeng/ })).toBeVisible();

	// The board decides to show names: the admin switches it on.
	const admin = await browser.newPage();
	await signIn(admin, fixture.own.users.collaboration_admin);
	await admin.goto(`/collaborations/${fixture.own.collaborationId}`);
	await admin.getByLabel(/Medlemmene ser hverandre ved navn/i).check();
	await admin.getByRole('button', { name: 'Lagre' }).click();
	await expect(admin.getByRole('status')).toBeVisible();

	await page.reload();
	for (const name of others) await expect(heatmap.getByRole('rowheader', { name })).toBeVisible();
	await expect(page.getByText('Du ser alle medlemmene med navn fordi samarbeidet har valgt at medlemmene ser hverandres resultater med navn.')).toBeVisible();
	await admin.getByLabel(/Medlemmene ser hverandre ved navn/i).uncheck();
	await admin.getByRole('button', { name: 'Lagre' }).click();
	await admin.close();
});

test('people of another collaboration see none of it', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.other.users.executive_viewer);
	for (const path of ['/results', `/results/municipalities/${fixture.own.municipalityIds[0]}`, `/results/sectors/${fixture.own.sectorId}`]) {
		const response = await page.goto(`/collaborations/${fixture.own.collaborationId}${path}`);
		expect(response!.status()).toBe(403);
		expect(await page.content()).not.toContain('Hamar');
	}
});

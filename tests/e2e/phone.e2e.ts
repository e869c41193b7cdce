import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signIn, tenants } from './fixture';

/**
 * On a 390 px phone (issue 24) no page is wider than the screen: the navigation wraps,
 * wide tables scroll inside their own container, the radar's legend fits. Axe checks the
 * pages at that width too (a scrolling table must be reachable by keyboard).
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
// Several pages, each with axe, per test.
test.describe.configure({ timeout: 180_000 });

const lastYear = `?year=${new Date().getFullYear() - 1}`;

async function fitsTheScreen(page: Page, path: string) {
	await page.goto(path);
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
	expect(scrollWidth, `${path} is ${scrollWidth} px wide on a ${innerWidth} px screen`).toBeLessThanOrEqual(innerWidth);
	expect((await new AxeBuilder({ page }).analyze()).violations, path).toEqual([]);
}

test('a coordinator’s pages fit a phone', async ({ page }) => {
	const { own } = tenants();
	await signIn(page, own.users.coordinator);
	for (const path of [
		'/',
		`/collaborations/${own.collaborationId}`,
		`/collaborations/${own.collaborationId}/rounds/${own.roundId}`,
		`/collaborations/${own.collaborationId}/targets`
	]) {
		await fitsTheScreen(page, path);
	}
});

test('a leadership team’s and the board’s pages fit a phone, the radar legend included', async ({ page, browser }) => {
	const { own } = tenants();
	await signIn(page, own.users.executive_viewer);
	await fitsTheScreen(page, '/');
	await fitsTheScreen(page, `/collaborations/${own.collaborationId}/results/municipalities/${own.municipalityIds[0]}${lastYear}`);
	const radar = page.getByRole('img', { name: /Radardiagram/ });
	const box = await radar.boundingBox();
	expect(box!.x).toBeGreaterThanOrEqual(0);
	expect(box!.x + box!.width).toBeLessThanOrEqual(390);

	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nb-NO' });
	const board = await context.newPage();
	await signIn(board, own.users.board_viewer);
	await fitsTheScreen(board, `/collaborations/${own.collaborationId}/results${lastYear}`);
	await fitsTheScreen(board, `/collaborations/${own.collaborationId}/results/sectors/${own.sectorId}${lastYear}`);
	await context.close();
});

test('an admin’s and a sector head’s pages fit a phone', async ({ page, browser }) => {
	const { own } = tenants();
	await signIn(page, own.users.collaboration_admin);
	for (const path of [
		'/',
		`/collaborations/${own.collaborationId}/rounds`,
		`/collaborations/${own.collaborationId}/people`,
		`/collaborations/${own.collaborationId}/targets`
	]) {
		await fitsTheScreen(page, path);
	}
	const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'nb-NO' });
	const respondent = await context.newPage();
	await signIn(respondent, own.users.respondent);
	await fitsTheScreen(respondent, '/');
	await fitsTheScreen(respondent, '/assessments');
	await context.close();
});

test('a sector head answers on a phone: the progress block stays compact, the step and the review fit', async ({ page }) => {
	const { own } = tenants();
	const assessmentId = own.assessments['0:0']!;
	await signIn(page, own.users.respondent);
	await fitsTheScreen(page, `/assessments/${assessmentId}/culture`);
	// The block that stays on top while scrolling takes at most 15 % of the screen.
	const block = await page.locator('div:has(> nav[aria-label="Steg"])').boundingBox();
	expect(block!.height).toBeLessThanOrEqual(844 * 0.15);
	await fitsTheScreen(page, `/assessments/${assessmentId}/review`);
});

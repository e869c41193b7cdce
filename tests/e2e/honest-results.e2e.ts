import { expect, test, type Locator } from '@playwright/test';
import { insertSubmittedResponse } from '../../src/lib/server/demo/responses';
import { database, signIn, tenants } from './fixture';

/**
 * Honest results (issue 18), on the fixture's Hedmark IKT: two closed rounds (versions 1
 * and 2, so strategy breaks) and this year's open one, to which Hamar adds a third sector
 * that has submitted while its other two have not.
 */
const thisYear = new Date().getFullYear();
const lastYear = thisYear - 1;

interface Drawn {
	label: string;
	data: (number | null)[];
	showLine: boolean;
	hollow: boolean;
}
// One worker for this file: its beforeAll adds a submitted sector once, not once per worker.
test.describe.configure({ mode: 'serial' });

const datasetsOf = async (chart: Locator) => JSON.parse((await chart.locator('canvas').getAttribute('data-datasets'))!) as Drawn[];

test.beforeAll(async () => {
	const fixture = tenants();
	const sql = database();
	try {
		const [existing] = await sql`select 1 from assessment where round_id = ${fixture.own.roundId} and sector_id = ${fixture.own.sectorIds[2]!}`;
		if (existing) return;
		const [assessment] = await sql<{ id: string }[]>`
			insert into assessment (collaboration_id, round_id, municipality_id, sector_id, status)
			values (${fixture.own.collaborationId}, ${fixture.own.roundId}, ${fixture.own.municipalityIds[0]}, ${fixture.own.sectorIds[2]!}, 'submitted') returning id`;
		const items = await sql<{ key: string }[]>`
			select i.key from questionnaire_item i join round r on r.questionnaire_version_id = i.questionnaire_version_id where r.id = ${fixture.own.roundId} order by i.position`;
		await insertSubmittedResponse(sql, {
			assessmentId: assessment!.id,
			respondentId: null,
			answers: items.map((i, n) => ({ itemKey: i.key, kind: 'level', level: 1 + (n % 5) })),
			submittedAt: new Date()
		});
		// The submit reaches the page with the next snapshot: as if a day had passed since the last.
		await sql`update round set scores_changed_at = clock_timestamp() where id = ${fixture.own.roundId}`;
		await sql`update round_snapshot set taken_at = taken_at - interval '1 day' where round_id = ${fixture.own.roundId}`;
	} finally {
		await sql.end();
	}
});

test('a leadership team lands on the last closed round; the open one is marked provisional in the page, its charts and tables', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.executive_viewer);
	await page.goto(`/collaborations/${fixture.own.collaborationId}/results/municipalities/${fixture.own.municipalityIds[0]}`);
	await expect(page.getByRole('heading', { name: 'Hamar', exact: true })).toBeVisible();
	await expect(page.locator('select#year')).toHaveValue(String(lastYear));
	await expect(page.getByText(`Endelige resultater for runden ${lastYear}: runden er avsluttet.`)).toBeVisible();

	// Version 2 changed strategy's items: the line stops at the break and starts again; the table says why.
	const strategy = page.getByRole('img', { name: 'Linjediagram over Strategi gjennom rundene' });
	const lines = (await datasetsOf(strategy)).filter((d) => d.showLine && d.label.startsWith('Strategi'));
	expect(lines.length).toBeGreaterThanOrEqual(2);
	for (const line of lines) expect(line.data.filter((v) => v !== null).length).toBeGreaterThan(0);
	// No line holds both sides of the break.
	const years = await strategy.locator('xpath=ancestor::figure//tbody/tr/th').allTextContents();
	const before = years.findIndex((y) => y.startsWith(String(lastYear - 1)));
	const after = years.findIndex((y) => y.startsWith(String(lastYear)));
	for (const line of lines) expect(line.data[before] !== null && line.data[after] !== null).toBe(false);
	await expect(page.locator('figure', { has: strategy }).locator('tbody tr').nth(after)).toContainText('brudd');

	// This year's round, still open.
	await page.locator('select#year').selectOption(String(thisYear));
	await page.getByRole('button', { name: 'Vis' }).click();
	await expect(page).toHaveURL(new RegExp(`year=${thisYear}`));
	const note = page.getByRole('note');
	await expect(note).toContainText(/Foreløpige tall: \d+ av \d+ kartlegginger sendt inn/);
	// The radar names the municipality's series as provisional, and so does its table.
	await expect(page.locator('figure', { has: page.getByRole('img', { name: /Radardiagram over Hamars poeng/ }) }).locator('thead')).toContainText(
		'Hamar (foreløpig)'
	);
	// In each trend this year is a hollow point with no line to it, and the table marks the row.
	const culture = page.getByRole('img', { name: 'Linjediagram over Kultur gjennom rundene' });
	const provisional = (await datasetsOf(culture)).filter((d) => d.hollow);
	expect(provisional).toHaveLength(1);
	expect(provisional[0]!.showLine).toBe(false);
	expect(provisional[0]!.data.filter((v) => v !== null)).toHaveLength(1);
	expect((await datasetsOf(culture)).filter((d) => d.showLine && d.label.startsWith('Kultur')).every((d) => d.data.at(-1) === null)).toBe(true);
	await expect(page.locator('figure', { has: culture }).locator('tbody tr').last()).toContainText(`${thisYear} (foreløpig)`);

	// Hamar's score rests on the sectors that submitted (one in the fixture; other tests may submit
	// more of Hamar's open assessments before this one runs), and the page names those that did not.
	const partial = page.locator('[data-coverage="partial"]');
	await expect(partial).toHaveText(/^Poengene bygger på [12] av 3 sektorer\. Mangler:$/);
	const covered = Number((await partial.textContent())!.match(/på (\d) av/)![1]);
	await expect(page.locator('[data-coverage="partial"] + ul li')).toHaveCount(3 - covered);
	await expect(page.locator('[data-coverage="partial"] + ul')).toContainText('ikke sendt inn');
});

test('the collaboration follows itself year over year, with its members’ mean, spread and n', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.collaboration_admin);
	await page.goto(`/collaborations/${fixture.own.collaborationId}/results?year=${lastYear}`);
	await expect(page.getByRole('heading', { name: 'Samarbeidet år for år' })).toBeVisible();
	const trends = page.locator('section[aria-labelledby="collaboration-trend"]').getByRole('img', { name: /Linjediagram over/ });
	await expect(trends).toHaveCount(5);
	const points = JSON.parse((await trends.first().locator('canvas').getAttribute('data-values'))!) as (number | null)[];
	expect(points.filter((p) => p !== null).length).toBeGreaterThanOrEqual(2);
	await expect(page.getByText(/7 av 7 medlemmer har poeng/)).toBeVisible();
	// The spread table gives the mean with its interval, and n.
	const spread = page.locator('section[aria-labelledby="distribution"] table');
	await expect(spread.locator('thead')).toContainText('Snitt (95 %-intervall)');
	await expect(spread.locator('tbody tr').first().locator('td').first()).toHaveText('7');
});

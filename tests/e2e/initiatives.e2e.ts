import { expect, test } from '@playwright/test';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { insertSubmittedResponse } from '../../src/lib/server/demo/responses';
import { getVersionById } from '../../src/lib/server/questionnaires/versions';
import { createPerson, database, signIn } from './fixture';

/**
 * From scores to improvement (issue 20), in a collaboration of its own so no other test
 * meets its initiative: last year's closed round shows the sector's weakest item; the
 * sector head plans an initiative from it, pre-filled with the instrument's advice, with
 * an owner and a due date; this year the sector head sees last year's level and the
 * initiative on that item while answering, starts from last year's answer, moves it up,
 * submits, and the result shows the change beside the initiative's status.
 */
test.setTimeout(120_000);

interface Setup {
	collaborationId: string;
	assessmentId: string;
	sectorHead: string;
	owner: string;
	item: { key: string; text: string; recommendation: string };
	year: number;
}

async function setUp(): Promise<Setup> {
	const sql = database();
	try {
		const suffix = `${Date.now()}`.slice(-6);
		const c = await createCollaboration(sql, { name: `Tiltakssamarbeidet ${suffix}`, legalForm: 'iks', country: 'NO' }, null);
		const [m] = await sql<
			{ id: string }[]
		>`insert into municipality (country, national_number, name) values ('NO', ${`98${suffix.slice(-2)}`}, 'Tiltaksvik') on conflict (country, national_number) do update set name = municipality.name returning id`;
		await sql`insert into membership (collaboration_id, municipality_id, valid_from) values (${c.id}, ${m!.id}, '2010-01-01')`;
		const [sector] = await sql<{ id: string }[]>`select id from sector where collaboration_id = ${c.id} order by position limit 1`;
		const [version] = await sql<
			{ id: string }[]
		>`select v.id from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id where q.slug = 'digital-maturity' and v.version = 2`;
		const definition = (await getVersionById(sql, version!.id))!;
		const year = new Date().getFullYear();
		const scope = { questionnaireVersionId: version!.id, municipalityIds: [m!.id], sectorIds: [sector!.id] };
		const lastYear = await openRound(sql, c.id, { ...scope, year: year - 1, opensOn: `${year - 1}-09-01`, closesOn: `${year - 1}-11-30` }, null);
		const [old] = await sql<{ id: string }[]>`select id from assessment where round_id = ${lastYear}`;
		// The first item is the sector's weakest: level 1, the others 3 and 4.
		const answers = definition.items.map((item, i) => ({ itemKey: item.key, kind: 'level' as const, level: i === 0 ? 1 : 3 + (i % 2) }));
		await insertSubmittedResponse(sql, { assessmentId: old!.id, respondentId: null, answers, submittedAt: new Date(`${year - 1}-10-15T10:00:00Z`) });
		const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		const thisYear = await openRound(sql, c.id, { ...scope, year, opensOn: iso(-10), closesOn: iso(60) }, null);
		const [current] = await sql<{ id: string }[]>`select id from assessment where round_id = ${thisYear}`;
		const grant = { collaborationId: c.id, municipalityId: m!.id };
		const sectorHead = await createPerson('sektorleder', { role: 'respondent', ...grant, sectorId: sector!.id });
		const owner = await createPerson('koordinator', { role: 'coordinator', ...grant });
		// the header names a person by name; signIn looks for the address's local part there
		await sql`update app_user set name = split_part(email, '@', 1) where email = any(${[sectorHead, owner]})`;
		const first = definition.items[0]!;
		return {
			collaborationId: c.id,
			assessmentId: current!.id,
			sectorHead,
			owner,
			item: { key: first.key, text: first.text.nb, recommendation: first.recommendations![0]!.nb },
			year
		};
	} finally {
		await sql.end();
	}
}

test('a sector head plans an initiative from the weakest item and follows it up next round', async ({ page, browser }) => {
	const s = await setUp();

	// Where the sector could begin, from last year's result: plan an initiative on the weakest item.
	await signIn(page, s.sectorHead);
	await page.goto(`/collaborations/${s.collaborationId}/initiatives`);
	await expect(page.getByRole('heading', { name: new RegExp(`resultater ${s.year - 1}`) })).toBeVisible();
	await page.getByRole('link', { name: `Planlegg et tiltak for «${s.item.text}»` }).click();

	// Pre-filled with the item, the instrument's recommendation and advice (with its links), aiming one level up.
	await expect(page.getByLabel('Tittel', { exact: true })).toHaveValue(s.item.text);
	const description = page.getByLabel('Beskrivelse', { exact: true });
	await expect(description).toHaveValue(new RegExp(s.item.recommendation.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
	await expect(description).toHaveValue(/https:\/\/www\.ks\.no\/fagomrader\/digitalisering\//);
	await expect(page.getByRole('link', { name: 'KS: Digitalisering i kommunesektoren' })).toBeVisible();
	await expect(page.getByLabel(s.item.text, { exact: true })).toBeChecked();
	await expect(page.getByLabel('Nivå tiltaket sikter mot')).toHaveValue('2');
	await page.getByLabel('Eier', { exact: true }).selectOption({ label: s.owner.split('@')[0]! });
	await page.getByLabel('Frist', { exact: true }).fill(`${s.year + 1}-03-31`);
	await page.getByRole('button', { name: 'Opprett tiltak' }).click();

	await expect(page.getByRole('heading', { name: s.item.text, level: 2 })).toBeVisible();
	await expect(page.locator('[data-field=owner]')).toHaveText(s.owner.split('@')[0]!);
	await expect(page.locator('[data-field=due]')).toHaveText(`31.03.${s.year + 1}`);
	await expect(page.getByRole('list').filter({ hasText: 'Planlagt – sektorleder' })).toBeVisible();
	const initiativeUrl = page.url();

	// The owner reports progress with a note; it joins the history.
	const ownerPage = await browser.newPage();
	await signIn(ownerPage, s.owner);
	await ownerPage.goto(initiativeUrl);
	await ownerPage.getByLabel('Status', { exact: true }).selectOption('in_progress');
	await ownerPage.getByLabel('Merknad til endringen').fill('Første samling holdt');
	await ownerPage.getByRole('button', { name: 'Endre status' }).click();
	await expect(ownerPage.getByText('Pågår – koordinator')).toBeVisible();
	await expect(ownerPage.getByText(/Første samling holdt/)).toBeVisible();
	await ownerPage.close();

	// Next round: last year's level and the initiative beside the item; start from last year's answer, explicitly.
	const dimension = s.item.key.split('.')[0];
	await page.goto(`/assessments/${s.assessmentId}/${dimension}`);
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	const followUp = page.locator(`[data-follow-up="${s.item.key}"]`);
	await expect(followUp.locator('[data-last-year]')).toContainText(`I fjor (${s.year - 1}): nivå 1`);
	await expect(followUp.getByRole('link', { name: s.item.text })).toBeVisible();
	await expect(followUp.getByText('Pågår')).toBeVisible();
	// Other items are not filled in on their own: nothing is copied silently.
	await expect(page.locator('input[type=radio]:checked')).toHaveCount(0);
	await followUp.getByRole('button', { name: 'Start fra fjorårets svar (nivå 1)' }).click();
	await expect(page.locator(`[id="item-${s.item.key}-1"]`)).toBeChecked();
	await expect(page.locator('input[type=radio]:checked')).toHaveCount(1);
	// The initiative worked: the sector has moved one level up since.
	await page.locator(`label[for="item-${s.item.key}-2"]`).click();
	await expect(page.getByRole('status').filter({ hasText: 'Alle svar er lagret.' })).toBeVisible();

	await page.goto(`/assessments/${s.assessmentId}/review`);
	await page.getByRole('button', { name: 'Send inn' }).click();
	await expect(page).toHaveURL(new RegExp(`/assessments/${s.assessmentId}\\?submitted=1`));

	// The result: the change since last year beside the initiative and its status.
	const row = page.getByRole('row').filter({ hasText: s.item.text });
	await expect(row.locator('[data-change]')).toHaveText('+25,0');
	await expect(row.getByRole('link', { name: s.item.text })).toBeVisible();
	await expect(row.getByText('Pågår')).toBeVisible();
});

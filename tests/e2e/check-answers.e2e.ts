import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createPerson, database, signIn, tenants } from './fixture';

/**
 * Check your answers (issue 24): the review lists every answer with its level's name and
 * the comment, "Endre" leads to the question and back, and the person submits from there.
 * On the way: the focus goes to the new step's heading after "Lagre og gå videre", and a
 * coordinator's reason for reopening shows inside the reopened assessment. Its own person
 * on Stange's first sector, so no other test meets its answers.
 */
test.describe.configure({ timeout: 150_000 });

const axe = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Alle svar er lagret.' })).toBeVisible();
const items = (page: Page) => page.locator('fieldset.item');

test('a sector head checks every answer, changes one from the review, comes back and submits; a reopening shows its reason', async ({ page, browser }) => {
	const { own } = tenants();
	const assessmentId = own.assessments['1:0']!;
	const grant = { collaborationId: own.collaborationId, municipalityId: own.municipalityIds[1] };
	const email = await createPerson('sjekksvar', { role: 'respondent', ...grant, sectorId: own.sectorIds[0] });
	const coordinator = await createPerson('sjekkoordinator', { role: 'coordinator', ...grant });
	// the header names a person by name; signIn looks for the address's local part there
	const sql = database();
	await sql`update app_user set name = split_part(email, '@', 1) where email = any(${[email, coordinator]})`.finally(() => sql.end());
	await signIn(page, email);
	await page.goto(`/assessments/${assessmentId}`);
	await expect(page).toHaveURL(/\/culture#item-/);
	await expect(page.locator('html[data-hydrated]')).toBeAttached();

	// Each question is a heading; each point of a scale says its level's name.
	const first = items(page).nth(0);
	const firstQuestion = (await first.getByRole('heading', { level: 3 }).textContent())!.replace(/^\s*Spørsmål 1 av \d+\s*/, '').trim();
	await expect(page.getByRole('heading', { level: 3, name: /^Spørsmål \d+ av \d+/ })).toHaveCount(await items(page).count());
	await first.getByRole('radio', { name: /^Nivå 3 – Definert/ }).check();
	await first.getByText('Kommentar (valgfritt) · Lenke til dokumentasjon (valgfritt)').click();
	await first.getByLabel('Kommentar (valgfritt)').fill('Planen er vedtatt i kommunestyret.');
	await items(page).nth(1).getByRole('radio', { name: 'Vet ikke' }).check();
	await saved(page);
	await axe(page);

	// Answered questions fold away on request, showing the answer, and unfold by keyboard.
	await page.getByRole('button', { name: 'Skjul besvarte spørsmål' }).click();
	await expect(first.getByText('Ditt svar: Nivå 3 – Definert')).toBeVisible();
	await expect(first.getByRole('radio').first()).toBeHidden();
	await first.getByRole('button', { name: 'Vis spørsmål 1' }).focus();
	await page.keyboard.press('Enter');
	await expect(first.getByRole('radio', { name: /^Nivå 3 – Definert/ })).toBeVisible();

	// "Lagre og gå videre": the focus lands on the new step's heading.
	await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
	await expect(page).toHaveURL(/\/strategy$/);
	await expect(page.getByRole('heading', { level: 2, name: 'Strategi' })).toBeFocused();
	await items(page)
		.nth(0)
		.getByRole('radio', { name: /^Nivå 2 – I utvikling/ })
		.check();
	await saved(page);

	// The review: every question, answered or not, by dimension.
	await page.getByRole('navigation', { name: 'Steg' }).getByRole('link', { name: 'Se over og send inn' }).click();
	await expect(page).toHaveURL(/\/review$/);
	await expect(page.getByRole('heading', { level: 2, name: 'Se over og send inn' })).toBeFocused();
	const total = Number((await page.getByText(/spørsmål besvart$/).textContent())!.match(/av (\d+)/)![1]);
	await expect(page.getByRole('term')).toHaveCount(total);
	const row = (question: string) => page.locator('dl > div').filter({ has: page.getByRole('term').getByText(question, { exact: true }) });
	await expect(row(firstQuestion)).toContainText('Nivå 3 – Definert');
	await expect(row(firstQuestion)).toContainText('Kommentar: Planen er vedtatt i kommunestyret.');
	const answers = page.locator('dl');
	await expect(answers.getByText('Vet ikke', { exact: true })).toHaveCount(1);
	await expect(answers.getByText('Nivå 2 – I utvikling')).toHaveCount(1);
	await expect(answers.getByText('Ikke besvart', { exact: true })).toHaveCount(total - 3);
	await axe(page);

	// "Endre" names its question, leads to it and back to the review.
	await page.getByRole('link', { name: `Endre svaret på «${firstQuestion}»` }).click();
	await expect(page).toHaveURL(/\/culture\?from=review#item-/);
	await expect(
		items(page)
			.nth(0)
			.getByRole('radio', { name: /^Nivå 1/ })
	).toBeFocused();
	await items(page)
		.nth(0)
		.getByRole('radio', { name: /^Nivå 4 – Styrt/ })
		.check();
	await saved(page);
	await page.getByRole('button', { name: 'Lagre og gå tilbake til oversikten' }).click();
	await expect(page).toHaveURL(/\/review$/);
	await expect(row(firstQuestion)).toContainText('Nivå 4 – Styrt');
	await expect(row(firstQuestion)).not.toContainText('Nivå 3');

	await page.getByRole('button', { name: 'Send inn' }).click();
	await expect(page.getByRole('heading', { name: 'Samlet resultat av 1 innsendt besvarelse' })).toBeVisible();
	// The result explains its coverage from the answers: culture has one counting answer of its questions, one "vet ikke".
	await expect(page.getByRole('region', { name: 'Slik leser du tallene' }).getByRole('listitem').first()).toHaveText(
		/Kultur: besvart \d+ % – 1 av \d+ spørsmål har et svar som teller; 1 er besvart bare med «vet ikke», som ikke teller med; poeng vises når minst 60 % er besvart\./
	);
	// Beside the pooled result, the comment given with the answer: in a confidential team only one's own.
	const said = page.locator('details[data-comments]').filter({ hasText: 'Planen er vedtatt i kommunestyret.' });
	await expect(said.locator('summary')).toHaveText('Kommentarer (1)');
	await axe(page);

	// The coordinator reads the submitted answers' comments per question, without a name; then reopens with a reason,
	// and the sector head sees it inside the assessment.
	const context = await browser.newContext();
	const other = await context.newPage();
	await signIn(other, coordinator);
	await other.goto(`/collaborations/${own.collaborationId}/results/assessments/${assessmentId}`);
	const comments = other.locator('details[data-comments]').filter({ hasText: 'Planen er vedtatt i kommunestyret.' });
	await comments.locator('summary').click();
	await expect(comments.getByRole('listitem')).toHaveText('Planen er vedtatt i kommunestyret.');
	expect(await other.locator('main').textContent()).not.toContain(email.split('@')[0]!);
	await other.goto(`/collaborations/${own.collaborationId}/rounds/${own.roundId}`);
	const person = other.locator(`tr[data-assessment="${assessmentId}"] li`).filter({ hasText: email.split('@')[0]! });
	await person.locator('summary').filter({ hasText: 'Åpne igjen' }).click();
	await person.getByLabel('Begrunnelse for å åpne igjen').fill('Strategispørsmålene må svares på før fristen.');
	await person.getByRole('button', { name: 'Åpne igjen', exact: true }).click();
	await expect(other.getByText('Besvarelsen er åpnet igjen; respondenten kan endre den.')).toBeVisible();
	await context.close();

	await page.goto(`/assessments/${assessmentId}`);
	await expect(page.getByText('Åpnet igjen slik at du kan endre svarene dine. Begrunnelse: «Strategispørsmålene må svares på før fristen.»')).toBeVisible();
	await axe(page);
});

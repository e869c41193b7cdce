import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { en } from '../../src/lib/i18n/messages/en';
import { database, signIn, storedAnswers as storedAnswersOf, tenants } from './fixture';

/**
 * The sector head's path (issue 6): answering in several sittings, with a colleague,
 * through a lost connection, and by keyboard alone. Each test answers its own
 * assessment of the fixture's open round, so they can run side by side.
 */

// The whole-questionnaire flows take half a minute on a quiet 2-core machine; leave room for a busy one.
test.describe.configure({ timeout: 120_000 });

const saved = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Alle svar er lagret.' })).toBeVisible();
const items = (page: Page) => page.locator('fieldset.item');

/** Chooses a level for the first `count` unanswered items of the step (all when omitted). */
async function answerStep(page: Page, level: number, count = Infinity) {
	let done = 0;
	for (const item of await items(page).all()) {
		if (done >= count) break;
		if (await item.locator('input[type=radio]:checked').count()) continue;
		await item.locator(`input[type=radio][value="${level}"]`).check();
		done++;
	}
	await saved(page);
}

async function storedAnswers(email: string, assessmentId: string) {
	const sql = database();
	try {
		return await storedAnswersOf(sql, email, assessmentId);
	} finally {
		await sql.end();
	}
}

test('a respondent answers half, comes back to the first unanswered item, finishes and submits; a colleague does the same', async ({ browser }) => {
	const fixture = tenants();
	const assessmentId = fixture.own.assessments['0:1']!;
	const { kari, ola } = fixture.respondents;

	// First sitting: half of the 42 questions — the first two steps (8 + 8) and five of the third.
	let context = await browser.newContext();
	let page = await context.newPage();
	await signIn(page, kari);
	await page.goto('/assessments');
	await page.getByRole('link', { name: /^Start: Oppvekst, Hamar/ }).click();
	await expect(page).toHaveURL(new RegExp(`/assessments/${assessmentId}/culture#item-culture\\.`));
	await answerStep(page, 3);
	await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
	await expect(page).toHaveURL(/\/strategy$/);
	await answerStep(page, 2);
	await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
	await expect(page).toHaveURL(/\/leadership$/);
	await answerStep(page, 4, 5);
	const firstOpen = await items(page).nth(5).getAttribute('id');
	await context.close();

	// Second sitting: resumes at the first unanswered item, with the keyboard focus there.
	context = await browser.newContext();
	page = await context.newPage();
	await signIn(page, kari);
	await page.goto('/assessments');
	await expect(page.getByText('21 av 42 besvart')).toBeVisible();
	await page.getByRole('link', { name: /^Fortsett: Oppvekst, Hamar/ }).click();
	await expect(page).toHaveURL(new RegExp(`/leadership#${firstOpen!.replace('.', '\\.')}$`));
	await expect(page.locator(`[id="${firstOpen}"] input[type=radio]`).first()).toBeFocused();
	await answerStep(page, 4);
	for (const next of ['competence', 'technology']) {
		await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
		await expect(page).toHaveURL(new RegExp(`/${next}$`));
		await answerStep(page, 3);
	}
	await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
	await expect(page).toHaveURL(/\/review$/);
	await expect(page.getByText('Alle spørsmål er besvart.')).toBeVisible();
	await page.getByRole('button', { name: 'Send inn' }).click();
	await expect(page.getByRole('heading', { name: 'Samlet resultat av 1 innsendt besvarelse' })).toBeVisible();
	await context.close();

	// The coordinator sees Kari's response as submitted.
	context = await browser.newContext();
	page = await context.newPage();
	await signIn(page, fixture.own.users.coordinator);
	await page.goto(`/collaborations/${fixture.own.collaborationId}/rounds/${fixture.own.roundId}`);
	const row = page.locator(`tr[data-assessment="${assessmentId}"]`);
	await expect(row.locator('li', { hasText: 'kari' }).getByText('Sendt inn', { exact: true })).toBeVisible();
	await context.close();

	// Ola, on the same assessment, has his own response.
	context = await browser.newContext();
	page = await context.newPage();
	await signIn(page, ola);
	await page.goto(`/assessments/${assessmentId}`);
	await expect(page.locator('fieldset.item input:checked')).toHaveCount(0);
	for (const next of ['strategy', 'leadership', 'competence', 'technology', 'review']) {
		await answerStep(page, 5);
		await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
		await expect(page).toHaveURL(new RegExp(`/${next}$`));
	}
	await page.getByRole('button', { name: 'Send inn' }).click();
	await expect(page.getByRole('heading', { name: 'Samlet resultat av 2 innsendte besvarelser' })).toBeVisible();
	await context.close();

	const kariAnswers = await storedAnswers(kari, assessmentId);
	const olaAnswers = await storedAnswers(ola, assessmentId);
	expect(kariAnswers).toHaveLength(42);
	expect(olaAnswers).toHaveLength(42);
	expect(olaAnswers.every((a) => a.level === 5)).toBe(true);
	expect(kariAnswers.find((a) => a.itemKey.startsWith('strategy.'))!.level).toBe(2);
});

test('answers given while the connection is cut are kept in the page and reach the database when it is back', async ({ page, context }) => {
	const fixture = tenants();
	const assessmentId = fixture.own.assessments['1:0']!;
	const email = fixture.respondents.offline;
	await signIn(page, email);
	await page.goto(`/assessments/${assessmentId}`);
	await answerStep(page, 2, 2);
	expect(await storedAnswers(email, assessmentId)).toHaveLength(2);

	await context.setOffline(true);
	for (const i of [2, 3, 4]) await items(page).nth(i).locator('input[value="4"]').check();
	await expect(page.getByRole('status').filter({ hasText: 'Ikke lagret' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: '3 svar er tatt vare på i nettleseren' })).toBeVisible();
	expect(await storedAnswers(email, assessmentId)).toHaveLength(2);

	await context.setOffline(false);
	await saved(page);
	const stored = await storedAnswers(email, assessmentId);
	expect(stored).toHaveLength(5);
	expect(stored.filter((a) => a.level === 4)).toHaveLength(3);
});

test('the answering page brings its reader’s language with it: no language is fetched before it hydrates, no other language is sent', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.respondent);
	const scripts: Promise<string>[] = [];
	page.on('response', (response) => {
		if (new URL(response.url()).pathname.endsWith('.js')) scripts.push(response.text());
	});
	const response = await page.goto(`/assessments/${fixture.own.assessments['0:0']!}/culture`);
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await page.waitForLoadState('networkidle');
	// One text per catalogue; each appears in its language's chunk, and the page's is in the page.
	const texts = { nb: 'Alle svar er lagret.', sv: 'Alla svar är sparade.', en: 'All answers are saved.' };
	const fetched = await Promise.all(scripts);
	expect(fetched.length).toBeGreaterThan(0);
	for (const text of Object.values(texts))
		expect(
			fetched.some((script) => script.includes(text)),
			text
		).toBe(false);
	const html = await response!.text();
	expect(html).toContain('"answer.status.offline_kept":');
	expect(html).toContain(texts.nb);
	expect(html).not.toContain(texts.sv);
	expect(html).not.toContain(texts.en);
	await expect(page.getByRole('status').filter({ hasText: texts.nb })).toBeVisible();
});

test('a client-side navigation to pages that need more texts loads the rest of the language once, and no page shows a key', async ({ page }) => {
	const fixture = tenants();
	await signIn(page, fixture.own.users.respondent);
	await page.goto(`/assessments/${fixture.own.assessments['0:0']!}/culture`);
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await page.waitForLoadState('networkidle');
	// the bokmål chunk is the one script with this text (the page brought it in its data)
	const languageChunks: Promise<boolean>[] = [];
	page.on('response', (response) => {
		if (new URL(response.url()).pathname.endsWith('.js')) languageChunks.push(response.text().then((script) => script.includes('Alle svar er lagret.')));
	});
	const keys = Object.keys(en);
	const shownKeys = async () => {
		const text = await page.locator('body').innerText();
		return keys.filter((key) => text.includes(key));
	};
	expect(await shownKeys()).toEqual([]);
	const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
	for (const [link, heading] of [
		['Hjem', 'Dine oppgaver'],
		['Samarbeid', 'Samarbeid'],
		['Mine kartlegginger', 'Mine kartlegginger']
	] as const) {
		await nav.getByRole('link', { name: link, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await page.waitForLoadState('networkidle');
		expect(await shownKeys(), link).toEqual([]);
	}
	expect((await Promise.all(languageChunks)).filter(Boolean)).toHaveLength(1);
});

/** The unsent answers this browser keeps for later pages (IndexedDB), as the page's scripts see them. */
const keptInBrowser = (page: Page) =>
	page.evaluate(
		() =>
			new Promise<{ itemKey: string; state: { choice: string; comment: string } }[]>((resolve, reject) => {
				const opening = indexedDB.open('moden-answering');
				opening.onerror = () => reject(opening.error);
				opening.onsuccess = () => {
					const db = opening.result;
					if (!db.objectStoreNames.contains('unsent')) return resolve([]);
					const reading = db.transaction('unsent').objectStore('unsent').getAll();
					reading.onsuccess = () => resolve(reading.result);
				};
			})
	);

test('answers given offline are kept when the page is closed, and arrive when it is opened again online', async ({ context }) => {
	const fixture = tenants();
	const assessmentId = fixture.own.assessments['1:1']!;
	const email = fixture.respondents.closing;
	let page = await context.newPage();
	await signIn(page, email);
	await page.goto(`/assessments/${assessmentId}/strategy`);
	await answerStep(page, 2, 1);

	await context.setOffline(true);
	await items(page).nth(1).locator('input[value="5"]').check();
	await items(page).nth(2).locator('input[value="dont_know"]').check();
	await items(page).nth(2).locator('summary').click();
	await items(page).nth(2).getByLabel('Kommentar (valgfritt)').fill('Skrevet uten nett');
	await expect(page.getByRole('status').filter({ hasText: '2 svar er tatt vare på i nettleseren' })).toBeVisible();
	// The comment is kept too, once typing pauses.
	await expect
		.poll(async () => (await keptInBrowser(page)).map((a) => [a.state.choice, a.state.comment]))
		.toEqual(
			expect.arrayContaining([
				['5', ''],
				['dont_know', 'Skrevet uten nett']
			])
		);
	expect(await storedAnswers(email, assessmentId)).toHaveLength(1);
	// The tab is closed before the connection is back: nothing asks, nothing is sent.
	await page.close();

	await context.setOffline(false);
	page = await context.newPage();
	await page.goto(`/assessments/${assessmentId}/strategy`);
	await saved(page);
	await expect(items(page).nth(1).locator('input[value="5"]')).toBeChecked();
	await expect(items(page).nth(2).locator('input[value="dont_know"]')).toBeChecked();
	await expect(items(page).nth(2).getByLabel('Kommentar (valgfritt)')).toHaveValue('Skrevet uten nett');
	const keys = await Promise.all([0, 1, 2].map(async (i) => (await items(page).nth(i).getAttribute('id'))!.replace(/^item-/, '')));
	const stored = new Map((await storedAnswers(email, assessmentId)).map((a) => [a.itemKey, [a.kind, a.level]]));
	expect(stored).toEqual(
		new Map([
			[keys[0], ['level', 2]],
			[keys[1], ['level', 5]],
			[keys[2], ['dont_know', null]]
		])
	);
	const sql = database();
	try {
		const [comment] = await sql<{ comment: string }[]>`
			select a.comment from answer a join response r on r.id = a.response_id join app_user u on u.id = r.respondent_id
			where u.email = ${email} and a.kind = 'dont_know'`;
		expect(comment!.comment).toBe('Skrevet uten nett');
	} finally {
		await sql.end();
	}
	expect(await keptInBrowser(page)).toEqual([]);
});

test('an answer kept offline that another device changed meanwhile is not sent over it: the page shows the stored one', async ({ browser }) => {
	const fixture = tenants();
	const assessmentId = fixture.own.assessments['1:1']!;
	const email = fixture.respondents.devices;
	const laptop = await browser.newContext();
	let page = await laptop.newPage();
	await signIn(page, email);
	await page.goto(`/assessments/${assessmentId}/competence`);
	await answerStep(page, 3, 2);
	await laptop.setOffline(true);
	await items(page).nth(0).locator('input[value="1"]').check();
	await items(page).nth(2).locator('input[value="4"]').check();
	await expect(page.getByRole('status').filter({ hasText: '2 svar er tatt vare på i nettleseren' })).toBeVisible();
	await page.close();

	// Meanwhile, on another device, the same person changes the first answer.
	const phone = await browser.newContext();
	const other = await phone.newPage();
	await signIn(other, email);
	await other.goto(`/assessments/${assessmentId}/competence`);
	await other.locator('fieldset.item').nth(0).locator('input[value="5"]').check();
	await saved(other);
	await phone.close();

	await laptop.setOffline(false);
	page = await laptop.newPage();
	await page.goto(`/assessments/${assessmentId}/competence`);
	await saved(page);
	await expect(items(page).nth(0).getByText('endret i et annet vindu', { exact: false })).toBeVisible();
	await expect(items(page).nth(0).locator('input[value="5"]')).toBeChecked();
	await expect(items(page).nth(2).locator('input[value="4"]')).toBeChecked();
	const keys = await Promise.all([0, 1, 2].map(async (i) => (await items(page).nth(i).getAttribute('id'))!.replace(/^item-/, '')));
	const stored = new Map((await storedAnswers(email, assessmentId)).map((a) => [a.itemKey, a.level]));
	expect(stored).toEqual(
		new Map([
			[keys[0], 5],
			[keys[1], 3],
			[keys[2], 4]
		])
	);
	await laptop.close();
});

test('the whole questionnaire can be answered with the keyboard alone, and the pages have no axe violations', async ({ page }) => {
	const fixture = tenants();
	const assessmentId = fixture.own.assessments['1:1']!;
	const email = fixture.respondents.keyboard;
	const axe = async () => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
	await signIn(page, email);
	await page.goto('/assessments');
	await axe();

	/** Presses Tab until a radio button, or the element with this text, has the focus, as a keyboard user would. */
	const tabTo = async (target: 'radio' | string) => {
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press('Tab');
			const reached = await page.evaluate((t) => {
				const el = document.activeElement;
				return t === 'radio' ? el instanceof HTMLInputElement && el.type === 'radio' : el?.textContent?.trim() === t;
			}, target);
			if (reached) return;
		}
		throw new Error(`Tab never reached ${target}`);
	};
	await tabTo('Start');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/culture#item-/);
	await axe();

	for (const step of ['culture', 'strategy', 'leadership', 'competence', 'technology']) {
		await expect(page).toHaveURL(new RegExp(`/${step}(#.*)?$`));
		const count = await items(page).count();
		if (step !== 'culture') await tabTo('radio');
		for (let i = 0; i < count; i++) {
			// Arrow keys move through the choices and choose: from the first, three presses choose level 4.
			await page.keyboard.press('ArrowDown');
			await page.keyboard.press('ArrowDown');
			await page.keyboard.press('ArrowDown');
			if (i < count - 1) await tabTo('radio');
		}
		await saved(page);
		await tabTo('Lagre og gå videre');
		await page.keyboard.press('Enter');
	}
	await expect(page).toHaveURL(/\/review$/);
	await expect(page.getByText('Alle spørsmål er besvart.')).toBeVisible();
	await axe();
	await tabTo('Send inn');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: /Samlet resultat av 1/ })).toBeVisible();
	const stored = await storedAnswers(email, assessmentId);
	expect(stored).toHaveLength(42);
	expect(stored.every((a) => a.level === 4)).toBe(true);
});

test('without JavaScript each step saves with its button, keeps what was typed and says what was not saved', async ({ browser }) => {
	const fixture = tenants();
	const assessmentId = fixture.own.assessments['0:0']!;
	const email = fixture.own.users.respondent;
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.getByLabel('E-post').fill(email);
	await page.getByLabel('Passord').fill('correct horse battery staple');
	await page.getByRole('button', { name: 'Logg inn' }).last().click();
	await page.goto(`/assessments/${assessmentId}`);
	await expect(page).toHaveURL(/\/culture#item-/);

	await items(page).nth(0).locator('input[value="2"]').check();
	await items(page).nth(1).locator('input[value="dont_know"]').check();
	await page.getByRole('button', { name: 'Lagre', exact: true }).click();
	await expect(page.getByText('Svarene dine er lagret.')).toBeVisible();
	await expect(items(page).nth(0).locator('input[value="2"]')).toBeChecked();

	// A broken link on one item: the others are saved, the broken one is kept and explained.
	await items(page).nth(2).locator('input[value="5"]').check();
	await items(page).nth(3).locator('input[value="1"]').check();
	await items(page).nth(3).locator('summary').click();
	await items(page).nth(3).getByLabel('Lenke til dokumentasjon (valgfritt)').fill('ftp://hamar.kommune.no/plan');
	await page.getByRole('button', { name: 'Lagre og gå videre' }).click();
	await expect(page).toHaveURL(/\/culture\?\/save$/); // the same step, with the refused item
	await expect(page.getByText('De andre svarene er lagret.', { exact: false })).toBeVisible();
	await expect(items(page).nth(3).getByText('Lenken må være en nettadresse')).toBeVisible();
	await expect(items(page).nth(3).getByLabel('Lenke til dokumentasjon (valgfritt)')).toHaveValue('ftp://hamar.kommune.no/plan');

	const stored = await storedAnswers(email, assessmentId);
	expect(stored.map((a) => [a.kind, a.level])).toEqual(
		expect.arrayContaining([
			['level', 2],
			['dont_know', null],
			['level', 5]
		])
	);
	expect(stored).toHaveLength(3);
	await context.close();
});

test('an answer changed in another tab is shown as changed there, not overwritten', async ({ context }) => {
	const fixture = tenants();
	const assessmentId = fixture.own.assessments['1:0']!;
	const email = fixture.respondents.tabs;
	const first = await context.newPage();
	await signIn(first, email);
	const second = await context.newPage();
	for (const page of [first, second]) await page.goto(`/assessments/${assessmentId}/technology`);

	await items(first).nth(0).locator('input[value="2"]').check();
	await saved(first);
	// The second tab still shows the question unanswered and picks another level.
	// (click, not check: the page answers the conflict by showing the stored level at once)
	await items(second).nth(0).locator('input[value="5"]').click();
	await expect(items(second).nth(0).getByText('endret i et annet vindu', { exact: false })).toBeVisible();
	await expect(items(second).nth(0).locator('input[value="2"]')).toBeChecked();
	// Other items of both tabs are all kept.
	await items(second).nth(1).locator('input[value="3"]').check();
	await saved(second);
	const stored = await storedAnswers(email, assessmentId);
	expect(stored.map((a) => a.level)).toEqual(expect.arrayContaining([2, 3]));
	expect(stored).toHaveLength(2);
});

import { expect, test, type Browser, type Page } from '@playwright/test';
import { acknowledgements, FaultStack, type Acknowledgement } from './fault-stack';
import { holdScripts, signIn, storedAnswers } from './fixture';

/**
 * Answers are never lost (issue 10): the app server killed with kill -9 in the middle of
 * a burst of saves, the database stopped and started while people answer, and two tabs
 * and two respondents on one assessment at the same time. Each runs against a Moden of
 * its own (FaultStack), so the faults do not touch the other tests' server.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let stack: FaultStack;
test.beforeAll(async () => {
	test.setTimeout(120_000);
	stack = await FaultStack.start();
});
test.afterAll(async () => {
	await stack?.close();
});
test.afterEach(async () => {
	const info = test.info();
	if (info.status !== info.expectedStatus) await info.attach('app-log', { body: stack.log.join('') });
});

const items = (page: Page) => page.locator('fieldset.item');
const status = (page: Page) => page.getByRole('status').filter({ hasText: /lagret|lagre/i });
const allSaved = (page: Page, timeout = 60_000) => expect(page.getByRole('status').filter({ hasText: 'Alle svar er lagret.' })).toBeVisible({ timeout });
const CHANGED_ELSEWHERE = 'endret i et annet vindu';

/** A signed-in page of the fault stack, recording every response status and every acknowledged save. */
async function answeringPage(browser: Browser, email: string, path: string) {
	const context = await browser.newContext({ baseURL: stack.baseURL });
	const page = await context.newPage();
	const statuses: number[] = [];
	const acks: Acknowledgement[] = [];
	page.on('response', (response) => {
		statuses.push(response.status());
		void acknowledgements(response).then((list) => acks.push(...(list ?? [])));
	});
	await signIn(page, email);
	await page.goto(path);
	return { context, page, statuses, acks };
}

/** The stored answers of one respondent to one assessment, by item key. */
async function stored(email: string, assessmentId: string) {
	const sql = stack.sql();
	try {
		return new Map((await storedAnswers(sql, email, assessmentId)).map((a) => [a.itemKey, a]));
	} finally {
		await sql.end();
	}
}

/** Changes the given items of a step level after level, as fast as a person clicking can. */
async function burst(page: Page, indexes: number[], passes: number, onPass?: (pass: number) => Promise<void>) {
	const last = new Map<number, number>();
	for (let pass = 0; pass < passes; pass++) {
		for (const i of indexes) {
			const level = ((i + pass) % 5) + 1;
			await items(page).nth(i).locator(`input[type=radio][value="${level}"]`).check();
			last.set(i, level);
		}
		await onPass?.(pass);
	}
	return last;
}

async function itemKeys(page: Page): Promise<string[]> {
	return await items(page).evaluateAll((fieldsets) => fieldsets.map((f) => f.id.replace(/^item-/, '')));
}

test('kill -9 of the app in a burst of saves: every acknowledged save is stored, the page re-sends the rest', async ({ browser }) => {
	const { keyboard: email } = stack.fixture.respondents;
	const assessmentId = stack.fixture.own.assessments['1:1']!;
	const { context, page, acks } = await answeringPage(browser, email, `/assessments/${assessmentId}/culture`);
	const keys = await itemKeys(page);

	// The server dies in the worst moment: a save has committed, its reply never reaches the page.
	let killOnNextSave = false;
	let killed: Promise<void> | undefined;
	await page.route(
		(url) => url.search === '?/save',
		async (route) => {
			if (!killOnNextSave) return route.continue();
			killOnNextSave = false;
			killed = (async () => {
				await route.fetch();
				await stack.killApp();
				await route.abort('connectionreset');
			})();
		}
	);
	// Six passes over the step's items; after the second the server dies, and the person keeps answering.
	const last = await burst(
		page,
		keys.map((_, i) => i),
		6,
		async (pass) => {
			if (pass !== 1) return;
			await expect.poll(() => acks.length, { message: 'a first acknowledged save', timeout: 10_000 }).toBeGreaterThan(0);
			killOnNextSave = true;
		}
	);
	await expect.poll(() => killed !== undefined, { message: 'a save to cut off', timeout: 10_000 }).toBe(true);
	await killed;
	await expect(status(page)).toContainText('Ikke lagret');

	// While the server is down: each save it acknowledged is in the database (or overwritten by a later one).
	const whileDown = await stored(email, assessmentId);
	expect(acks.length).toBeGreaterThan(0);
	for (const ack of acks) expect(whileDown.get(ack.itemKey)?.revision ?? 0, ack.itemKey).toBeGreaterThanOrEqual(ack.revision);

	// The server comes back; the page delivers what was not acknowledged, and its own
	// unacknowledged save is not taken for another tab's change.
	await stack.startApp();
	await allSaved(page);
	const after = await stored(email, assessmentId);
	expect(Object.fromEntries(keys.map((key) => [key, after.get(key)?.level]))).toEqual(Object.fromEntries(keys.map((key, i) => [key, last.get(i)])));
	await expect(page.getByText(CHANGED_ELSEWHERE)).toHaveCount(0);
	await context.close();
});

test('the database stopped and started while a respondent answers: 503 not 500, the page keeps its answers and delivers them', async ({ browser, request }) => {
	const { offline: email } = stack.fixture.respondents;
	const assessmentId = stack.fixture.own.assessments['1:0']!;
	const { context, page, statuses } = await answeringPage(browser, email, `/assessments/${assessmentId}/culture`);
	const keys = await itemKeys(page);
	for (const i of [0, 1]) await items(page).nth(i).locator('input[value="2"]').check();
	await allSaved(page);
	const appPid = stack.appPid;

	await stack.stopDatabase();
	await expect.poll(() => stack.health(), { timeout: 10_000 }).toBe(503);
	for (const i of [2, 3, 4]) await items(page).nth(i).locator('input[value="4"]').check();
	await expect(status(page)).toContainText('3 svar er tatt vare på i nettleseren');
	// Other requests meanwhile, signed in and not: a clear 503, never a 500.
	const during: number[] = [];
	for (const path of ['/', '/assessments', `/assessments/${assessmentId}/strategy`]) {
		const response = await context.request.get(`${stack.baseURL}${path}`);
		during.push(response.status());
		if (path === '/assessments') {
			expect(response.headers()['retry-after']).toBeDefined();
			expect(await response.text()).toContain('Databasen svarer ikke akkurat nå');
		}
	}
	during.push((await request.get(`${stack.baseURL}/sign-in`)).status());
	expect(
		during.every((s) => s === 503 || s === 200),
		`statuses while the database was down: ${during}`
	).toBe(true);
	expect(during.filter((s) => s === 503).length).toBeGreaterThanOrEqual(3);

	await stack.startDatabase();
	await expect.poll(() => stack.health(), { timeout: 30_000 }).toBe(200);
	expect(stack.appPid, 'the same app process reconnected by itself').toBe(appPid);
	await allSaved(page);
	const after = await stored(email, assessmentId);
	expect(keys.slice(0, 5).map((key) => after.get(key)?.level)).toEqual([2, 2, 4, 4, 4]);
	expect(
		statuses.filter((s) => s >= 500 && s !== 503),
		'responses the page saw'
	).toEqual([]);
	expect(statuses).toContain(503);
	await context.close();
});

test('two tabs of one person and a second respondent answer at once through a kill -9: nothing lost, changes seen', async ({ browser }) => {
	const { kari, ola } = stack.fixture.respondents;
	const assessmentId = stack.fixture.own.assessments['0:1']!;
	const path = `/assessments/${assessmentId}/culture`;
	const first = await answeringPage(browser, kari, path);
	const second = await first.context.newPage();
	await second.goto(path);
	const colleague = await answeringPage(browser, ola, path);
	const keys = await itemKeys(first.page);

	// The first tab answers the first half, the second tab the second, the colleague everything; the server dies half-way.
	let killed = false;
	const killOnce = async () => {
		if (killed) return;
		killed = true;
		await stack.killApp();
	};
	const [firstLast, secondLast, colleagueLast] = await Promise.all([
		burst(first.page, [0, 1, 2, 3], 4, async (pass) => (pass === 1 ? killOnce() : undefined)),
		burst(second, [4, 5, 6, 7], 4),
		burst(colleague.page, [0, 1, 2, 3, 4, 5, 6, 7], 3)
	]);
	await stack.startApp();
	for (const page of [first.page, second, colleague.page]) await allSaved(page);

	const kariStored = await stored(kari, assessmentId);
	const olaStored = await stored(ola, assessmentId);
	expect(keys.map((key) => kariStored.get(key)?.level)).toEqual([...firstLast.values(), ...secondLast.values()]);
	expect(keys.map((key) => olaStored.get(key)?.level)).toEqual([...colleagueLast.values()]);

	// Each tab now changes an item the other answered, without having seen that answer:
	// both are told it changed elsewhere and shown the stored answer, which stays.
	await items(first.page).nth(4).locator('input[value="1"]').click();
	await items(second).nth(0).locator('input[value="1"]').click();
	await expect(items(first.page).nth(4).getByText(CHANGED_ELSEWHERE, { exact: false })).toBeVisible();
	await expect(items(second).nth(0).getByText(CHANGED_ELSEWHERE, { exact: false })).toBeVisible();
	await expect(
		items(first.page)
			.nth(4)
			.locator(`input[value="${secondLast.get(4)}"]`)
	).toBeChecked();
	await expect(
		items(second)
			.nth(0)
			.locator(`input[value="${firstLast.get(0)}"]`)
	).toBeChecked();
	const unchanged = await stored(kari, assessmentId);
	expect(keys.map((key) => unchanged.get(key)?.level)).toEqual([...firstLast.values(), ...secondLast.values()]);
	await first.context.close();
	await colleague.context.close();
});

test('an answer chosen before the page’s scripts arrive (a slow connection) is saved once they do', async ({ browser }) => {
	const { tabs: email } = stack.fixture.respondents;
	const assessmentId = stack.fixture.own.assessments['1:0']!;
	const { context, page } = await answeringPage(browser, email, '/assessments');
	const release = await holdScripts(page);
	await page.goto(`/assessments/${assessmentId}/culture`, { waitUntil: 'domcontentloaded' });
	await items(page).nth(0).locator('input[value="4"]').check();
	release();
	await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
	await allSaved(page);
	const key = (await itemKeys(page))[0]!;
	expect((await stored(email, assessmentId)).get(key)?.level).toBe(4);
	await context.close();
});

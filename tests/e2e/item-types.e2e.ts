import { expect, test, type Page } from '@playwright/test';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { FIXTURE_PASSWORD } from '../fixtures/tenants';
import { createPerson, database } from './fixture';

/**
 * The item types from the respondent's side: the digital services checklist answered
 * with the keyboard alone and without JavaScript (every type: checklist, percent,
 * yes/partly/no, count and a four-point scale), and a nynorsk reader who gets the
 * interface and the questionnaire in nynorsk, and a visible note where a questionnaire
 * has no nynorsk.
 */
interface Setup {
	checklistAssessment: string;
	maturityAssessment: string;
	/** under version 2, which has no nynorsk */
	olderMaturityAssessment: string;
	collaborationId: string;
	municipalityId: string;
	sectorId: string;
}

async function setUp(): Promise<Setup> {
	const sql = database();
	try {
		const suffix = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
		const c = await createCollaboration(sql, { name: `Sjekkliste ${suffix}`, legalForm: 'iks', country: 'NO' }, null);
		const number = String(9100 + Math.floor(Math.random() * 800));
		const [m] = await sql<{ id: string }[]>`
			insert into municipality (country, national_number, name) values ('NO', ${number}, ${`Testvik ${suffix}`})
			on conflict (country, national_number) do update set name = excluded.name returning id`;
		await sql`insert into membership (collaboration_id, municipality_id, valid_from) values (${c.id}, ${m!.id}, '2020-01-01')`;
		const [sector] = await sql<{ id: string }[]>`select id from sector where collaboration_id = ${c.id} and key = 'sentral-ledelse'`;
		const round = async (slug: string, year: number, version: number | null = null) => {
			const [r] = await sql<{ id: string }[]>`
				insert into round (collaboration_id, year, questionnaire_version_id, opens_on, closes_on)
				select ${c.id}, ${year}::int, v.id, current_date - 10, current_date + 30
				from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id
				where q.slug = ${slug} and (${version}::int is null or v.version = ${version}::int) order by v.version desc limit 1
				returning id`;
			const [a] = await sql<{ id: string }[]>`
				insert into assessment (collaboration_id, round_id, municipality_id, sector_id) values (${c.id}, ${r!.id}, ${m!.id}, ${sector!.id}) returning id`;
			return a!.id;
		};
		const year = new Date().getFullYear();
		return {
			checklistAssessment: await round('digital-services', year),
			maturityAssessment: await round('digital-maturity', year + 1),
			olderMaturityAssessment: await round('digital-maturity', year + 2, 2),
			collaborationId: c.id,
			municipalityId: m!.id,
			sectorId: sector!.id
		};
	} finally {
		await sql.end();
	}
}

async function respondent(setup: Setup, prefix: string, locale: string | null = null) {
	const email = await createPerson(prefix, {
		role: 'respondent',
		collaborationId: setup.collaborationId,
		municipalityId: setup.municipalityId,
		sectorId: setup.sectorId
	});
	if (locale) {
		const sql = database();
		await sql`update app_user set locale = ${locale} where email = ${email}`.finally(() => sql.end());
	}
	return email;
}

/** Signs in through the form (createPerson's people are named by their prefix, not their address). */
async function signIn(page: Page, email: string) {
	await page.goto('/sign-in');
	await page.getByLabel(/e-post/i).fill(email);
	await page.getByLabel(/passord/i).fill(FIXTURE_PASSWORD);
	await page
		.getByRole('button', { name: /logg inn/i })
		.last()
		.click();
	await expect(page.getByRole('button', { name: 'Logg ut' })).toBeVisible();
}

/** Moves the keyboard focus to a control and acts on it with keys only, as a keyboard user would after tabbing there. */
async function press(page: Page, locator: ReturnType<Page['locator']>, key: string) {
	await locator.focus();
	await page.keyboard.press(key);
}

test('a respondent answers every item type with the keyboard and without JavaScript', async ({ browser }) => {
	const setup = await setUp();
	const email = await respondent(setup, 'keyboard-types');
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	try {
		await signIn(page, email);
		await page.goto(`/assessments/${setup.checklistAssessment}/services`);
		const item = (key: string) => page.locator(`[id="item-${key}"]`);

		// checklist: two options ticked with the space bar
		await press(page, item('services.national-components').getByRole('checkbox', { name: /nasjonal eID/ }), 'Space');
		await press(page, item('services.national-components').getByRole('checkbox', { name: /digitale postkasse/ }), 'Space');
		// percent, typed with a decimal comma
		await item('services.digital-share').getByLabel('Andel i prosent (0–100)').focus();
		await page.keyboard.type('62,5');
		// yes / partly / no
		await press(page, item('services.e-signing').getByRole('radio', { name: 'Delvis' }), 'Space');
		// a count
		await item('services.open-data').getByLabel('Antall datasett').focus();
		await page.keyboard.type('7');
		// a scale of four points: a point whose number is not its level says both (point 3 scores 66,7: level 4)
		await expect(item('services.digital-first').getByRole('radio', { name: /^(Nivå|Svar) \d/ })).toHaveCount(4);
		await press(page, item('services.digital-first').getByRole('radio', { name: /^Svar 3 – nivå 4 / }), 'Space');
		// saved with the step's button, from the keyboard
		await press(page, page.getByRole('button', { name: 'Lagre', exact: true }), 'Enter');
		await expect(page.getByText('Svarene dine er lagret.')).toBeVisible();

		const sql = database();
		const stored = await sql<{ itemKey: string; kind: string; level: number | null; ticked: string[] | null; amount: string | null; value: string }[]>`
			select a.item_key as "itemKey", a.kind, a.level, a.ticked, a.amount::text, a.value::text from answer a
			join response r on r.id = a.response_id join app_user u on u.id = r.respondent_id
			where u.email = ${email} and r.assessment_id = ${setup.checklistAssessment} and a.kind is not null order by a.item_key`.finally(() => sql.end());
		const byKey = Object.fromEntries(stored.map((a) => [a.itemKey, a]));
		expect(byKey['services.national-components']).toMatchObject({ kind: 'ticked', ticked: ['eid', 'digital-mailbox'] });
		expect(Number(byKey['services.national-components']!.value)).toBe(50); // two of four equally weighted options
		expect(byKey['services.digital-share']).toMatchObject({ kind: 'amount', amount: '62.5' });
		expect(Number(byKey['services.digital-share']!.value)).toBe(50); // the band from 50 %
		expect(byKey['services.e-signing']).toMatchObject({ kind: 'level', level: 2 });
		expect(Number(byKey['services.e-signing']!.value)).toBe(50);
		expect(byKey['services.open-data']).toMatchObject({ kind: 'amount', amount: '7' });
		expect(Number(byKey['services.open-data']!.value)).toBe(70);
		expect(byKey['services.digital-first']).toMatchObject({ kind: 'level', level: 3 });

		// the page shows back what was stored: ticks, amounts and points
		await page.goto(`/assessments/${setup.checklistAssessment}/services`);
		await expect(item('services.national-components').getByRole('checkbox', { name: /nasjonal eID/ })).toBeChecked();
		await expect(item('services.digital-share').getByLabel('Andel i prosent (0–100)')).toHaveValue('62.5');
		await expect(item('services.e-signing').getByRole('radio', { name: 'Delvis' })).toBeChecked();

		// "None of these" stands alone: ticked beside others, the save is refused, says why, and stores nothing
		await press(page, item('services.open-data').getByRole('radio', { name: 'Vet ikke' }), 'Space');
		await press(page, item('services.national-components').getByRole('checkbox', { name: 'Ingen av disse' }), 'Space');
		await press(page, page.getByRole('button', { name: 'Lagre', exact: true }), 'Enter');
		await expect(page.getByRole('alert')).toContainText('Velg et av svarene spørsmålet gir');
		const kindOf = async (key: string) => {
			const sql = database();
			const [row] = await sql<{ kind: string }[]>`
				select a.kind from answer a join response r on r.id = a.response_id join app_user u on u.id = r.respondent_id
				where u.email = ${email} and a.item_key = ${key}`.finally(() => sql.end());
			return row!.kind;
		};
		expect(await kindOf('services.open-data')).toBe('amount');
		// what was chosen is still in the form: take "none of these" back, and "don't know" replaces the count
		await expect(item('services.open-data').getByRole('radio', { name: 'Vet ikke' })).toBeChecked();
		await press(page, item('services.national-components').getByRole('checkbox', { name: 'Ingen av disse' }), 'Space');
		await press(page, page.getByRole('button', { name: 'Lagre', exact: true }), 'Enter');
		await expect(page.getByText('Svarene dine er lagret.')).toBeVisible();
		expect(await kindOf('services.open-data')).toBe('dont_know');
	} finally {
		await context.close();
	}
});

test('a nynorsk reader gets the interface, the checklist and the reference instrument v3 in nynorsk, and a note where a version has no nynorsk', async ({
	page
}) => {
	const setup = await setUp();
	const email = await respondent(setup, 'nynorsk', 'nn');
	await signIn(page, email);
	await page.goto('/assessments');
	await expect(page.getByRole('heading', { name: 'Kartleggingane mine' })).toBeVisible();

	await page.goto(`/assessments/${setup.checklistAssessment}/services`);
	await expect(page.getByText('Kva for felles nasjonale løysingar brukar dei digitale tenestene til kommunen i dag?')).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Veit ikkje' }).first()).toBeVisible();
	await expect(page.getByText('Del i prosent (0–100)')).toBeVisible();
	await expect(page.getByRole('note')).toHaveCount(0);

	// The reference instrument's version 3 is written in nynorsk too.
	await page.goto(`/assessments/${setup.maturityAssessment}/culture`);
	await expect(page.getByText('Korleis tek tilsette og leiarar i sektoren imot digitale endringar i arbeidskvardagen?')).toBeVisible();
	await expect(page.getByRole('note')).toHaveCount(0);
	await page.goto(`/assessments/${setup.maturityAssessment}/leadership`);
	await expect(page.getByText('Korleis tek leiargruppa i sektoren eigarskap til digitaliseringa av sektoren?')).toBeVisible();

	// Versions 1 and 2 have no nynorsk: bokmål, and the page says so.
	await page.goto(`/assessments/${setup.olderMaturityAssessment}/culture`);
	await expect(page.getByRole('note')).toHaveText('Dette spørjeskjemaet finst ikkje på nynorsk. Det blir vist på Norsk bokmål.');
	await expect(page.getByRole('radio', { name: 'Veit ikkje' }).first()).toBeVisible();
});

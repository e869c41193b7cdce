import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { insertSubmittedResponse } from '../../src/lib/server/demo/responses';
import { getVersionById } from '../../src/lib/server/questionnaires/versions';
import { FIXTURE_PASSWORD } from '../fixtures/tenants';
import { createPerson, database } from './fixture';

/**
 * The coordinator's sign-off (issue 24) in a collaboration of this test's own, so no other
 * test meets its submitted and returned assessments: from the home to the round, return
 * one sector with a note and approve the other; the respondent sees the note, the audit
 * trail has both.
 */
/** Signs in a person of this test's own (named by their prefix) and lands on the home. */
async function signIn(page: Page, email: string) {
	await page.goto('/sign-in');
	await page.getByLabel('E-post').fill(email);
	await page.getByLabel('Passord').fill(FIXTURE_PASSWORD);
	await page.getByRole('button', { name: 'Logg inn' }).last().click();
	await expect(page.getByRole('heading', { level: 1, name: 'Dine oppgaver' })).toBeVisible();
}
const axe = async (page: Page) => expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

async function seed() {
	const sql = database();
	try {
		const suffix = `${Date.now()}`.slice(-6);
		const collaboration = await createCollaboration(sql, { name: `Godkjenningssamarbeidet ${suffix}`, legalForm: 'iks', country: 'NO' }, null);
		const [m] = await sql<
			{ id: string }[]
		>`insert into municipality (country, national_number, name) values ('NO', ${`8${suffix.slice(-3)}`}, 'Signby') returning id`;
		await sql`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaboration.id}, ${m!.id}, '2010-01-01')`;
		const sectors = (await sql<{ id: string }[]>`select id from sector where collaboration_id = ${collaboration.id} order by position`).map((s) => s.id);
		const [version] = await sql<{ id: string }[]>`select id from questionnaire_version where version = 2`;
		const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
		const year = new Date().getFullYear();
		const roundId = await openRound(
			sql,
			collaboration.id,
			{ year, questionnaireVersionId: version!.id, opensOn: iso(-5), closesOn: iso(30), municipalityIds: [m!.id], sectorIds: sectors.slice(0, 2) },
			null
		);
		const grant = (role: string, sectorId?: string) => ({ role, collaborationId: collaboration.id, municipalityId: m!.id, sectorId });
		const coordinator = await createPerson('signoff-coordinator', grant('coordinator'));
		const respondent = await createPerson('signoff-respondent', grant('respondent', sectors[0]));
		const [person] = await sql<{ id: string }[]>`select id from app_user where email = ${respondent}`;
		const definition = (await getVersionById(sql, version!.id))!;
		const answers = definition.items.map((item) => ({ itemKey: item.key, kind: 'level' as const, level: 3 }));
		const assessments = (
			await sql<{ id: string }[]>`select a.id from assessment a join sector s on s.id = a.sector_id where a.round_id = ${roundId} order by s.position`
		).map((a) => a.id);
		await insertSubmittedResponse(sql, { assessmentId: assessments[0]!, respondentId: person!.id, answers, submittedAt: new Date() });
		await insertSubmittedResponse(sql, { assessmentId: assessments[1]!, respondentId: null, answers, submittedAt: new Date() });
		return { collaboration, roundId, year, coordinator, respondent, assessments, municipalityId: m!.id };
	} finally {
		await sql.end();
	}
}

test('a coordinator returns one submitted sector with a note and approves another; the respondent sees the note', async ({ page, browser }) => {
	test.setTimeout(150_000); // three people, six pages, each checked by axe
	const s = await seed();
	await signIn(page, s.coordinator);
	const home = page.getByRole('region', { name: `Runde ${s.year} i ${s.collaboration.name}` });
	await expect(home.getByText('2 innsendte kartlegginger venter på godkjenningen din')).toBeVisible();
	await home.getByRole('link', { name: `Følg opp runde ${s.year} i ${s.collaboration.name}` }).click();
	await expect(page).toHaveURL(`/collaborations/${s.collaboration.id}/rounds/${s.roundId}`);
	await expect(page.getByText(/En sektor regnes som sendt inn når alle som har begynt å svare, har sendt inn/)).toBeVisible();
	await axe(page);

	const health = page.locator(`tr[data-assessment="${s.assessments[0]}"]`);
	await expect(health.getByText('Venter på godkjenning')).toBeVisible();
	await expect(health.getByRole('link', { name: 'Samlede svar for Helse og omsorg, Signby' })).toHaveAttribute(
		'href',
		`/collaborations/${s.collaboration.id}/results/assessments/${s.assessments[0]}`
	);
	await health.getByText('Godkjenn eller send tilbake').click();
	// Returning without saying why is refused.
	await health.getByRole('button', { name: 'Send tilbake til respondentene' }).click();
	await expect(health.getByText('Skriv en merknad om hva som bør endres.')).toBeVisible();
	await health.getByLabel('Merknad til respondentene').fill('Legg ved lenker til strategidokumentene.');
	await health.getByRole('button', { name: 'Send tilbake til respondentene' }).click();
	await expect(page.getByText('Kartleggingen er sendt tilbake: respondentene kan endre svarene sine igjen og ser merknaden din.')).toBeVisible();
	await expect(health.getByText(/^Sendt tilbake \d{2}\.\d{2}\.\d{4}$/)).toBeVisible();
	await expect(health.getByText('Merknad: «Legg ved lenker til strategidokumentene.»')).toBeVisible();

	const education = page.locator(`tr[data-assessment="${s.assessments[1]}"]`);
	await education.getByText('Godkjenn eller send tilbake').click();
	await education.getByRole('button', { name: 'Godkjenn', exact: true }).click();
	await expect(page.getByText('Kartleggingen er godkjent.')).toBeVisible();
	await expect(education.getByText(/^Godkjent \d{2}\.\d{2}\.\d{4}$/)).toBeVisible();
	await axe(page);

	const sql = database();
	try {
		const events = await sql<{ action: string; subject_id: string; detail: { note?: string } }[]>`
			select action, subject_id, detail from audit_event where collaboration_id = ${s.collaboration.id} and action like 'assessment.%' order by at`;
		expect(events.map((e) => [e.action, e.subject_id, e.detail.note ?? null])).toEqual([
			['assessment.returned', s.assessments[0], 'Legg ved lenker til strategidokumentene.'],
			['assessment.approved', s.assessments[1], null]
		]);
	} finally {
		await sql.end();
	}

	// The results (a provisional snapshot): the returned sector has no score, and the reader is told why;
	// the member's score rests on one of its two sectors, and the table warns of it.
	await page.goto(`/collaborations/${s.collaboration.id}/results/municipalities/${s.municipalityId}?year=${s.year}`);
	const sectors = page.getByRole('table', { name: /Signby: poeng og nivå per sektor og dimensjon/ });
	await expect(
		sectors
			.getByRole('row', { name: /Helse og omsorg/ })
			.getByRole('cell')
			.first()
	).toHaveText(/—\s*Ingen poeng: ikke sendt inn/);
	await expect(sectors.getByRole('link', { name: /^\d+,\d – svarene til Oppvekst i Kultur$/ })).toBeVisible();
	await expect(page.getByText(/^— betyr ingen poeng: kartleggingen er ikke sendt inn/).first()).toBeVisible();
	await axe(page);
	await page.goto(`/collaborations/${s.collaboration.id}/results?year=${s.year}`);
	await expect(page.getByRole('rowheader', { name: 'Signby bare 1 av 2 sektorer: les med forsiktighet' })).toBeVisible();
	await axe(page);

	const context = await browser.newContext({ locale: 'nb-NO' });
	const respondent = await context.newPage();
	await signIn(respondent, s.respondent);
	await expect(respondent.getByText('Åpnet igjen slik at du kan endre svarene dine. Begrunnelse: «Legg ved lenker til strategidokumentene.»')).toBeVisible();
	await expect(respondent.getByRole('link', { name: 'Fortsett med Helse og omsorg, Signby' })).toBeVisible();
	await axe(respondent);
	await context.close();

	// The coordinator reminds only those under way (no mail server here: they are listed to contact),
	// then removes the respondent, which asks first.
	await page.goto(`/collaborations/${s.collaboration.id}/rounds/${s.roundId}`);
	await page.getByLabel('Send påminnelse til').selectOption({ label: 'bare dem som har begynt, men ikke sendt inn' });
	await page.getByRole('button', { name: 'Send påminnelse' }).click();
	await expect(page.getByText('Ingen e-posttjener er satt opp, så ingen e-post ble sendt.', { exact: false })).toBeVisible();
	await expect(page.getByRole('link', { name: 'signoff-respondent' })).toHaveAttribute('href', `mailto:${s.respondent}`);
	await health.locator('summary', { hasText: /^Fjern$/ }).click();
	await expect(health.getByText(/signoff-respondent skal ikke lenger svare for Helse og omsorg, Signby/)).toBeVisible();
	await health.getByRole('button', { name: 'Ja, fjern signoff-respondent' }).click();
	await expect(page.getByText('Respondenten er fjernet.', { exact: false })).toBeVisible();
});

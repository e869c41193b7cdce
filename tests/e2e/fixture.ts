import fs from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { hashPassword } from '../../src/lib/server/auth/password';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { FIXTURE_PASSWORD, type TenantsFixture } from '../fixtures/tenants';

/** The two-tenant fixture the e2e server seeded. */
export function tenants(): TenantsFixture & { databaseUrl: string; oidcIssuer: string } {
	return JSON.parse(fs.readFileSync('.test-output/e2e-fixture.json', 'utf8'));
}

/** A client of the e2e server's database, to check what a flow stored. End it after use. */
export function database(): Sql {
	return connect(tenants().databaseUrl, { max: 1 });
}

/**
 * A person of a test's own, with the fixture's password and, if given, one role: for
 * tests that guess passwords or change the account, so no other test meets the effects.
 */
export async function createPerson(
	prefix: string,
	grant?: { role: string; collaborationId: string; municipalityId?: string; sectorId?: string }
): Promise<string> {
	const email = `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@people.test`;
	const sql = database();
	try {
		const [user] = await sql<
			{ id: string }[]
		>`insert into app_user (email, name, password_hash) values (${email}, ${prefix}, ${await hashPassword(FIXTURE_PASSWORD)}) returning id`;
		if (grant) {
			await sql`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id)
				values (${user!.id}, ${grant.role}, ${grant.collaborationId}, ${grant.municipalityId ?? null}, ${grant.sectorId ?? null})`;
		}
	} finally {
		await sql.end();
	}
	return email;
}

export async function signIn(page: Page, email: string) {
	await page.goto('/sign-in');
	await page.getByLabel(/e-post|e-mail/i).fill(email);
	await page.getByLabel(/passord|lösenord|password/i).fill(FIXTURE_PASSWORD);
	await page
		.getByRole('button', { name: /logg inn|logga in|sign in/i })
		.last()
		.click();
	await expect(page.getByRole('link', { name: email.split('@')[0] })).toBeVisible();
}

/** Signs in through the form over plain HTTP; the context keeps the session cookie. */
export async function signInRequest(request: APIRequestContext, baseURL: string, email: string) {
	const response = await request.post('/sign-in', {
		form: { email, password: FIXTURE_PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status(), `sign-in of ${email}`).toBe(303);
}

export interface StoredAnswer {
	itemKey: string;
	kind: string;
	level: number | null;
	revision: number;
}

/** The answers (with a choice) one respondent has stored for one assessment, by item key. */
export function storedAnswers(sql: Sql, email: string, assessmentId: string): Promise<StoredAnswer[]> {
	return sql<StoredAnswer[]>`
		select a.item_key as "itemKey", a.kind, a.level, a.revision from answer a
		join response r on r.id = a.response_id join app_user u on u.id = r.respondent_id
		where u.email = ${email} and r.assessment_id = ${assessmentId} and a.kind is not null order by a.item_key`;
}

/**
 * Holds every script of the app until the returned function is called: the page is
 * server-rendered and usable, as on a slow connection before it hydrates.
 */
export async function holdScripts(page: Page): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await held;
		await route.continue();
	});
	return release;
}

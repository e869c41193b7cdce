import { expect, test, type APIResponse } from '@playwright/test';
import { signInRequest, tenants } from './fixture';

/**
 * The three places that send people on to a path they name (sign-in's ?redirect=, the
 * language switch's redirect field, the answering page's next field) send them only to
 * this site, and hostile targets never make the server fail. Each target below is what
 * arrives after URL decoding: `/%09/evil.com` arrives as a slash, a tab and `/evil.com`,
 * which browsers read as `//evil.com`.
 */
const hostile = [
	'/\t/evil.example',
	'/\n/evil.example',
	'/\r/evil.example',
	'//evil.example',
	'/\\evil.example',
	'\\/evil.example',
	'/\t\\evil.example',
	'https://evil.example/',
	'http:evil.example',
	'javascript:alert(1)',
	' /\t/evil.example',
	'/x\r\nSet-Cookie: moden_session=forged',
	'/x\u0000y',
	'/%2F/evil.example'
];

function expectSameSite(response: APIResponse, baseURL: string, what: string) {
	expect.soft(response.status(), what).toBe(303);
	const location = response.headers().location ?? '';
	expect.soft(new URL(location, baseURL).origin, `${what} → ${JSON.stringify(location)}`).toBe(new URL(baseURL).origin);
	expect.soft(location, `${what}: a path of this site`).toMatch(/^\/(?![/\\])[^\s\\]*$/);
}

test('sign-in, the language switch and the answering page never send anyone to another site', async ({ playwright, baseURL }) => {
	const fixture = tenants();
	const respondent = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' } });
	await signInRequest(respondent, baseURL!, fixture.fuzz.users.respondent);
	const step = `/assessments/${fixture.fuzz.assessments['0:0']}/culture`;
	for (const target of hostile) {
		// signed in, /sign-in sends straight on to ?redirect=
		const signIn = await respondent.get(`/sign-in?redirect=${encodeURIComponent(target)}`, { maxRedirects: 0 });
		expectSameSite(signIn, baseURL!, `GET /sign-in?redirect=${JSON.stringify(target)}`);
		const language = await respondent.post('/language', { form: { locale: 'nb', redirect: target }, maxRedirects: 0 });
		expectSameSite(language, baseURL!, `POST /language redirect=${JSON.stringify(target)}`);
		const save = await respondent.post(`${step}?/save`, { form: { next: target }, maxRedirects: 0 });
		expectSameSite(save, baseURL!, `POST ${step}?/save next=${JSON.stringify(target)}`);
	}
	// a path of the site itself still works, query and fragment included
	const fine = await respondent.get(`/sign-in?redirect=${encodeURIComponent('/collaborations?x=1#top')}`, { maxRedirects: 0 });
	expect(fine.headers().location).toBe('/collaborations?x=1#top');
	await respondent.dispose();
});

test('the sign-in form carries only a path of this site back to the page it came from', async ({ playwright, baseURL }) => {
	const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { accept: 'text/html' } });
	for (const target of hostile) {
		const page = await anonymous.get(`/sign-in?redirect=${encodeURIComponent(target)}`, { maxRedirects: 0 });
		expect(page.status(), JSON.stringify(target)).toBe(200);
		// the sign-in form's own field, and the language switch's (which names this page)
		const carried = [...(await page.text()).matchAll(/name="redirect" value="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
		expect(carried.length, JSON.stringify(target)).toBe(2);
		for (const value of carried) {
			expect(value, JSON.stringify(target)).toMatch(/^\/(?![/\\])[^\s\\]*$/);
			expect(new URL(value, baseURL).origin).toBe(new URL(baseURL!).origin);
		}
	}
	await anonymous.dispose();
});

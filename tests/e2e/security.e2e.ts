import { expect, test, type APIResponse } from '@playwright/test';
import { signIn, signInRequest, tenants } from './fixture';

/** Every kind of response carries the security headers, and the CSP allows no inline scripts. */
function expectSecurityHeaders(response: APIResponse, what: string) {
	const headers = response.headers();
	const csp = headers['content-security-policy'] ?? '';
	expect(csp, `${what}: CSP`).toContain("script-src 'self'");
	expect(csp, `${what}: no inline scripts`).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(csp, `${what}: framing`).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
	expect(headers['x-frame-options'], what).toBe('DENY');
}

test('the home page, a dashboard and a form action carry the CSP and the other security headers', async ({ playwright, baseURL }) => {
	const fixture = tenants();
	const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' } });
	expectSecurityHeaders(await request.get('/'), 'home page');
	await signInRequest(request, baseURL!, fixture.own.users.executive_viewer);
	const dashboard = await request.get(`/collaborations/${fixture.own.collaborationId}/results/municipalities/${fixture.own.municipalityIds[0]}`);
	expect(dashboard.status()).toBe(200);
	expectSecurityHeaders(dashboard, 'dashboard');
	// (the profile's current values: other tests sign in by this name)
	const action = await request.post('/account?/profile', { form: { name: 'executive-viewer', locale: '' }, maxRedirects: 0 });
	expect(action.status()).toBeLessThan(500);
	expectSecurityHeaders(action, 'form action');
	// A form posted from another site is refused (SvelteKit's CSRF check stays on).
	const forged = await request.post('/account?/profile', { form: { name: 'X' }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
	expect(forged.status()).toBe(403);
	await request.dispose();
});

test('the pages work under the CSP: no violation is reported while reading a dashboard with its charts', async ({ page }) => {
	const fixture = tenants();
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
	});
	await signIn(page, fixture.own.users.executive_viewer);
	await page.goto(
		`/collaborations/${fixture.own.collaborationId}/results/municipalities/${fixture.own.municipalityIds[0]}?year=${new Date().getFullYear() - 1}`
	);
	await expect(page.getByRole('img', { name: /Radardiagram/ })).toBeVisible();
	expect(violations).toEqual([]);
});

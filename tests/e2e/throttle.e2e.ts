import http from 'node:http';
import { expect, test } from '@playwright/test';
import { FIXTURE_PASSWORD } from '../fixtures/tenants';
import { createPerson, database, tenants } from './fixture';

/**
 * Throttling slows whoever guesses, not the owner. The e2e server sees every browser
 * and request context as 127.0.0.1; a stranger elsewhere is played by plain HTTP
 * requests sent from 127.0.0.2 (the whole 127/8 is this machine).
 */
function postFrom(source: string, baseURL: string, path: string, form: Record<string, string>): Promise<{ status: number; body: string; retryAfter?: string }> {
	const url = new URL(path, baseURL);
	const body = new URLSearchParams(form).toString();
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: url.hostname === 'localhost' ? '127.0.0.1' : url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				localAddress: source,
				headers: {
					origin: new URL(baseURL).origin,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body)
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, retryAfter: response.headers['retry-after'] as string | undefined }));
			}
		);
		request.on('error', reject);
		request.end(body);
	});
}

test('a stranger guessing passwords elsewhere does not lock the owner out', async ({ playwright, baseURL }) => {
	const email = await createPerson('lockout');
	let throttled = 0;
	for (let i = 0; i < 12; i++) {
		const guess = await postFrom('127.0.0.2', baseURL!, '/sign-in', { email, password: `guess number ${i}` });
		expect(guess.status, `guess ${i}`).not.toBe(303);
		if (guess.status === 429) throttled++;
	}
	expect(throttled, 'the stranger is slowed down').toBeGreaterThan(0);

	const owner = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' } });
	const signIn = await owner.post('/sign-in', { form: { email, password: FIXTURE_PASSWORD }, maxRedirects: 0 });
	expect(signIn.status(), 'the owner signs in from their own address').toBe(303);
	await owner.dispose();
});

test('the address that guessed is told when to try again, in its language', async ({ baseURL }) => {
	const email = await createPerson('slowed');
	const answers = [];
	for (let i = 0; i < 4; i++) answers.push(await postFrom('127.0.0.3', baseURL!, '/sign-in', { email, password: `wrong password ${i}` }));
	const right = await postFrom('127.0.0.3', baseURL!, '/sign-in', { email, password: FIXTURE_PASSWORD });
	expect(right.status).toBe(429);
	expect(Number(right.retryAfter)).toBeGreaterThan(0);
	expect(right.body).toMatch(/Prøv igjen kl\. \d{2}:\d{2}/);
	expect(answers.map((a) => a.status)).toContain(429);
});

test('a reset request answers as fast for an account as for an unknown address', async ({ playwright, baseURL }) => {
	const fixture = tenants();
	const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' } });
	const sql = database();
	// While writing a link is held up (as a slow mail server would hold up sending it), a
	// reply that waits for the link tells that the account exists.
	const answeredWithin = async (email: string, ms: number) => {
		const reply = request.post('/reset-password', { form: { email }, maxRedirects: 0 }).then((r) => r.status());
		const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), ms));
		return { status: await Promise.race([reply, late]), reply };
	};
	let known: { status: number | 'late'; reply: Promise<number> } | undefined;
	let unknown: typeof known;
	await sql.begin(async (tx) => {
		await tx`lock table user_token in exclusive mode`;
		unknown = await answeredWithin(`nobody-${Date.now()}@nowhere.test`, 3000);
		known = await answeredWithin(fixture.own.users.board_viewer, 3000);
	});
	await known!.reply;
	await sql.end();
	await request.dispose();
	expect(unknown!.status).toBe(200);
	expect(known!.status, 'the reply for an existing account waited for its link').toBe(200);
});

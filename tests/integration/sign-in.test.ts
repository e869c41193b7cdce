import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLink } from '../../src/lib/server/auth/links';
import { hashPassword } from '../../src/lib/server/auth/password';
import { requestPasswordReset } from '../../src/lib/server/auth/reset';
import { signIn } from '../../src/lib/server/auth/sign-in';
import { backoffSeconds, limits, throttleKey } from '../../src/lib/server/auth/throttle';
import { first, useTestDatabase } from './database';
import { startMailSink, type MailSink } from './smtp';

/**
 * Throttling after OWASP's authentication cheat sheet: guessing from one address slows
 * that address, with delays that double; the owner, from anywhere else, signs in at once.
 */
describe('sign-in throttling and password resets', () => {
	const { sql } = useTestDatabase();
	const password = 'the owner’s long password';
	let sink: MailSink | undefined;

	const person = async (email: string) => {
		await sql()`insert into app_user (email, name, password_hash) values (${email}, 'Kari', ${await hashPassword(password)})`;
		return email;
	};
	/** Moves a key's clock back, as if `seconds` had passed. */
	const wait = (key: string, seconds: number) =>
		sql()`update throttle set next_at = next_at - make_interval(secs => ${seconds}), window_started = window_started - make_interval(secs => ${seconds}) where key = ${key}`;

	beforeAll(async () => {
		await person('kari@hamar.kommune.no');
	});
	afterEach(async () => {
		delete process.env.SMTP_URL;
		await sink?.close();
		sink = undefined;
	});

	it('lets the owner in from another address while one address guesses, and slows the guesser ever more', async () => {
		const email = await person('under.attack@hamar.kommune.no');
		const verdicts = [];
		for (let i = 0; i < 8; i++) verdicts.push(await signIn(sql(), { email, password: `guess ${i}`, ip: '203.0.113.9' }));
		expect(verdicts.slice(0, 3).map((v) => !v.ok && v.reason)).toEqual(['wrong', 'wrong', 'wrong']);
		expect(verdicts.slice(3).every((v) => !v.ok && v.reason === 'throttled')).toBe(true);
		expect((await signIn(sql(), { email, password, ip: '198.51.100.7' })).ok).toBe(true);
		// the guesser's next attempt, even with the right password, waits
		const again = await signIn(sql(), { email, password, ip: '203.0.113.9' });
		expect(again).toMatchObject({ ok: false, reason: 'throttled' });
		expect((again as { retryAt: Date }).retryAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
		// and after the delay it may try once, and then waits twice as long
		const pair = throttleKey('sign-in:pair', email, '203.0.113.9');
		await wait(pair, 31);
		expect(await signIn(sql(), { email, password: 'guess 9', ip: '203.0.113.9' })).toEqual({ ok: false, reason: 'wrong' });
		const { next } = await first(sql()<{ next: number }[]>`select extract(epoch from next_at - now())::int as next from throttle where key = ${pair}`);
		expect(next).toBeGreaterThan(50);
		expect(next).toBeLessThanOrEqual(60);
	});

	it('doubles the delay up to a quarter of an hour (pure)', () => {
		const delays = Array.from({ length: 10 }, (_, i) => backoffSeconds(i + 1, limits.signInPerPair));
		expect(delays).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
		expect(backoffSeconds(1, limits.signInPerPair, 1)).toBe(30);
	});

	it('judges attempts sent at once one after the other', async () => {
		const email = await person('burst@hamar.kommune.no');
		const burst = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(sql(), { email, password: `burst ${i}`, ip: '203.0.113.10' })));
		expect(burst.filter((v) => !v.ok && v.reason === 'wrong')).toHaveLength(3);
	});

	it('gives each address one attempt before its delays once many addresses fail at an account', async () => {
		const email = await person('spread@hamar.kommune.no');
		for (let i = 0; i < limits.accountUnderAttack.max; i++) await signIn(sql(), { email, password: 'guess', ip: `192.0.2.${i + 1}` });
		expect(await signIn(sql(), { email, password: 'guess', ip: '192.0.2.200' })).toEqual({ ok: false, reason: 'wrong' });
		expect(await signIn(sql(), { email, password, ip: '192.0.2.200' })).toMatchObject({ ok: false, reason: 'throttled' });
		// an address that has not failed still signs in
		expect((await signIn(sql(), { email, password, ip: '198.51.100.8' })).ok).toBe(true);
	});

	it('stops an address that fails at many accounts, and counts only failures', async () => {
		const ip = '203.0.113.77';
		await sql()`insert into throttle (key, hits, window_started) values (${throttleKey('sign-in:source', ip)}, ${limits.signInPerSource.max - 1}, now())`;
		expect((await signIn(sql(), { email: 'kari@hamar.kommune.no', password, ip })).ok).toBe(true);
		expect(await signIn(sql(), { email: 'nobody@hamar.kommune.no', password: 'x', ip })).toEqual({ ok: false, reason: 'wrong' });
		expect(await signIn(sql(), { email: 'kari@hamar.kommune.no', password, ip })).toMatchObject({ ok: false, reason: 'throttled' });
	});

	it('answers a reset request before it looks the account up, and mails the link to the address only', async () => {
		sink = await startMailSink();
		process.env.SMTP_URL = sink.url;
		const known = await requestPasswordReset(sql(), { email: 'Kari@Hamar.kommune.no', ip: '198.51.100.20', origin: 'https://moden.example', locale: 'nb' });
		const unknown = await requestPasswordReset(sql(), { email: 'nobody@hamar.kommune.no', ip: '198.51.100.20', origin: 'https://moden.example', locale: 'nb' });
		expect(Object.keys(known).sort()).toEqual(Object.keys(unknown).sort());
		expect(known.allowed && unknown.allowed).toBe(true);
		await Promise.all([known.delivery, unknown.delivery]);
		const [mail] = await sink.waitFor(1);
		expect(mail!.to).toEqual(['kari@hamar.kommune.no']);
		const token = /\/reset-password\/([a-z2-7]{24}\.[a-z2-7]{32})/.exec(mail!.data.replace(/=\r?\n/g, ''))![1]!;
		expect((await checkLink(sql(), token, 'password_reset')).ok).toBe(true);
		expect(sink.received).toHaveLength(1);
	});

	it('limits reset requests per address and per account and address, and says until when', async () => {
		const ip = '198.51.100.30';
		const ask = () => requestPasswordReset(sql(), { email: 'kari@hamar.kommune.no', ip, origin: 'https://moden.example', locale: 'nb' });
		for (let i = 0; i < limits.resetPerPair.max; i++) await (await ask()).delivery;
		const refused = await ask();
		expect(refused.allowed).toBe(false);
		expect((refused as { retryAt: Date }).retryAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
		// the owner, from another address, still gets a link
		expect(
			(await requestPasswordReset(sql(), { email: 'kari@hamar.kommune.no', ip: '198.51.100.31', origin: 'https://moden.example', locale: 'nb' })).allowed
		).toBe(true);
	});

	it('mails no more than a few links an hour to one address, whoever asks', async () => {
		const email = await person('flooded@hamar.kommune.no');
		for (let i = 0; i < limits.resetMailsPerAccount.max + 3; i++) {
			await (
				await requestPasswordReset(sql(), { email, ip: `192.0.2.${100 + i}`, origin: 'https://moden.example', locale: 'nb' })
			).delivery;
		}
		const { issued, withheld } = await first(sql()<{ issued: number; withheld: number }[]>`
			select count(*) filter (where e.action = 'link.issued')::int as issued, count(*) filter (where e.action = 'password_reset.withheld')::int as withheld
			from audit_event e join app_user u on u.id::text = e.subject_id where u.email = ${email}`);
		expect({ issued, withheld }).toEqual({ issued: limits.resetMailsPerAccount.max, withheld: 3 });
	});
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { submitResponse, type Person } from '../../src/lib/server/assessments/response-lifecycle';
import { saveAnswers } from '../../src/lib/server/assessments/save-protocol';
import { closeDueRounds, publishClosedRounds } from '../../src/lib/server/assessments/closing';
import { roundCompletion, sendReminders } from '../../src/lib/server/assessments/completion';
import { dueReminders, listReminders, sendDueReminders } from '../../src/lib/server/assessments/reminders';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { connect, type Sql } from '../../src/lib/server/db/index';
import { cleanUp } from '../../src/lib/server/jobs/cleanup';
import { startJobs, type JobRunner } from '../../src/lib/server/jobs/runner';
import { sendMail } from '../../src/lib/server/mail';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { startSmtpSink, type SmtpSink } from '../fixtures/smtp-sink';
import { first, useTestDatabase } from './database';

/**
 * The job runner against real PostgreSQL, with several instances on one database where it
 * matters, and mail through a real SMTP server (smtp-server on a loopback port).
 */
const { sql, url } = useTestDatabase();
let versionId: string;
let year: number;
let itemKeys: string[];
let sink: SmtpSink;
const origin = 'https://moden.test';
/** A day relative to today in Norway, as the rounds' calendar counts it. */
const day = async (offset: number) => (await first(sql()<{ d: string }[]>`select ((now() at time zone 'Europe/Oslo')::date + ${offset}::int)::text as d`)).d;

interface Tenant {
	collaborationId: string;
	roundId: string;
	municipalities: string[];
	/** per assessment: its respondents, the first of whom has submitted */
	assessments: { id: string; municipalityId: string; respondents: Person[] }[];
}

let tenantCount = 0;
/** A collaboration with `size` members and one open round (two sectors), two respondents per assessment. */
async function tenant(size: number, { submitFirst = true } = {}): Promise<Tenant> {
	const n = ++tenantCount;
	const { id: collaborationId } = await createCollaboration(sql(), { name: `Samarbeid ${n}`, legalForm: 'iks', country: 'NO' }, null);
	const municipalities: string[] = [];
	for (let i = 0; i < size; i++) {
		const { id } = await first(sql()<{ id: string }[]>`
			insert into municipality (country, national_number, name) values ('NO', ${String(1000 + n * 20 + i)}, ${`Kommune ${n}-${i}`}) returning id`);
		await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaborationId}, ${id}, '2006-01-01')`;
		await sql()`insert into municipality_population (municipality_id, year, population) values (${id}, ${year}, ${5000 + i * 3000})`;
		municipalities.push(id);
	}
	const sectors = (await sql()<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position limit 2`).map((s) => s.id);
	const roundId = await openRound(
		sql(),
		collaborationId,
		{ year, questionnaireVersionId: versionId, opensOn: await day(-20), closesOn: await day(30), municipalityIds: municipalities, sectorIds: sectors },
		null
	);
	const rows = await sql()<{ id: string; municipalityId: string; sectorId: string }[]>`
		select id, municipality_id as "municipalityId", sector_id as "sectorId" from assessment where round_id = ${roundId} order by id`;
	const assessments: Tenant['assessments'] = [];
	for (const row of rows) {
		const respondents: Person[] = [];
		for (const k of [0, 1]) {
			const email = `r${k}.${row.id.slice(0, 8)}@kommune.test`;
			const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email, name, locale) values (${email}, ${`Person ${k}`}, 'nb') returning id`);
			const grant = { role: 'respondent' as const, collaborationId, municipalityId: row.municipalityId, sectorId: row.sectorId };
			await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id) values (${id}, 'respondent', ${collaborationId}, ${row.municipalityId}, ${row.sectorId})`;
			respondents.push({ id, grants: [grant] });
		}
		if (submitFirst) {
			const level = 1 + (row.id.charCodeAt(0) % 5);
			await saveAnswers(
				sql(),
				respondents[0]!,
				row.id,
				itemKeys.map((itemKey) => ({ itemKey, kind: 'level', level, naReason: null, comment: null, evidenceUrl: null, baseRevision: 0 }))
			);
			await submitResponse(sql(), respondents[0]!, row.id);
		}
		assessments.push({ id: row.id, municipalityId: row.municipalityId, respondents });
	}
	return { collaborationId, roundId, municipalities, assessments };
}

async function until<T>(what: string, check: () => Promise<T | false | null | undefined>, seconds = 30): Promise<T> {
	const deadline = Date.now() + seconds * 1000;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

/** Two app-like instances: each its own client (pool) and its own runner, on the one database. */
async function twoInstances(options: Partial<Parameters<typeof startJobs>[1]> = {}) {
	const clients = [connect(url(), { max: 4 }), connect(url(), { max: 4 })];
	const runners = await Promise.all(clients.map((client) => startJobs(client, { origin, pollingSeconds: 0.5, ...options })));
	return {
		clients,
		runners,
		async stop() {
			await Promise.all(runners.map((r) => r.stop()));
			await Promise.all(clients.map((c) => c.end()));
		}
	};
}

beforeAll(async () => {
	await publishFromDirectory(sql(), 'questionnaires', () => {});
	({ id: versionId } = await first(
		sql()<
			{ id: string }[]
		>`select id from questionnaire_version where version = 2 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
	));
	itemKeys = (await sql()<{ key: string }[]>`select key from questionnaire_item where questionnaire_version_id = ${versionId} order by position`).map(
		(i) => i.key
	);
	year = Number((await day(0)).slice(0, 4));
	sink = await startSmtpSink();
	process.env.SMTP_URL = sink.url;
});

afterAll(async () => {
	delete process.env.SMTP_URL;
	await sink?.close();
});

beforeEach(() => {
	sink.received.length = 0;
	sink.refused = 0;
	sink.failNext(0);
});

describe('rounds close on their dates', () => {
	it('with two instances running, a round past its closing day is closed and its benchmarks published exactly once', async () => {
		const { roundId, collaborationId } = await tenant(6);
		await sql()`update round set opens_on = ${await day(-40)}, closes_on = ${await day(-1)} where id = ${roundId}`;
		const instances = await twoInstances();
		try {
			const closedAt = await until('the round to be closed and published', async () => {
				const [row] = await sql()<{ closedAt: Date | null; published: number }[]>`
					select closed_at as "closedAt", (select count(*)::int from peer_publication where year = ${year} and questionnaire_version_id = ${versionId}) as published
					from round where id = ${roundId}`;
				return row?.closedAt && row.published > 0 ? row.closedAt : null;
			});
			// Both instances are asked again: nothing more may happen.
			for (const runner of instances.runners) {
				await runner.boss.send('round-closing', {});
				await until('the closing job to finish', async () => {
					const [row] = await sql()<
						{ waiting: number }[]
					>`select count(*)::int as waiting from pgboss.job where name = 'round-closing' and state <> 'completed'`;
					return row!.waiting === 0;
				});
			}
			const [runs] = await sql()<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'round-closing' and state = 'completed'`;
			expect(runs!.n).toBeGreaterThanOrEqual(3);

			const closed = await sql()`select actor_id, collaboration_id, detail from audit_event where action = 'round.closed' and subject_id = ${roundId}`;
			expect(closed).toHaveLength(1);
			expect(closed[0]).toMatchObject({ actor_id: null, collaboration_id: collaborationId, detail: { by: 'schedule' } });
			const snapshots = await sql()<{ final: boolean }[]>`select final from round_snapshot where round_id = ${roundId}`;
			expect(snapshots.filter((s) => s.final)).toHaveLength(1);
			const publications = await sql()<{ id: string; rounds: number; closedRounds: number }[]>`
				select id, rounds, closed_rounds as "closedRounds" from peer_publication where year = ${year} and questionnaire_version_id = ${versionId}`;
			expect(publications).toEqual([expect.objectContaining({ rounds: 1, closedRounds: 1 })]);
			const [units] = await sql()<{ n: number }[]>`select count(*)::int as n from peer_unit where publication_id = ${publications[0]!.id}`;
			expect(units!.n).toBeGreaterThan(0);
			expect((await first(sql()<{ closedAt: Date }[]>`select closed_at as "closedAt" from round where id = ${roundId}`)).closedAt).toEqual(closedAt);
		} finally {
			await instances.stop();
		}
	});

	it('closing and publishing raced by two instances at once still happens once per round', async () => {
		const a = await tenant(3, { submitFirst: false });
		const b = await tenant(3, { submitFirst: false });
		for (const t of [a, b])
			await sql()`update round set year = ${year - 1}, opens_on = ${await day(-60)}, closes_on = ${await day(-2)} where id = ${t.roundId}`;
		const clients = [connect(url(), { max: 2 }), connect(url(), { max: 2 })];
		try {
			const closed = await Promise.all(clients.map((c) => closeDueRounds(c)));
			expect(closed.flat().sort()).toEqual([a.roundId, b.roundId].sort());
			await Promise.all(clients.map((c) => publishClosedRounds(c)));
			const [counts] = await sql()<{ events: number; finals: number; publications: number }[]>`
				select (select count(*)::int from audit_event where action = 'round.closed' and subject_id in (${a.roundId}, ${b.roundId})) as events,
					(select count(*)::int from round_snapshot where final and round_id in (${a.roundId}, ${b.roundId})) as finals,
					(select count(*)::int from peer_publication where year = ${year - 1}) as publications`;
			expect(counts).toEqual({ events: 2, finals: 2, publications: 1 });
		} finally {
			await Promise.all(clients.map((c) => c.end()));
		}
	});

	it('leaves open and upcoming rounds alone', async () => {
		const open = await tenant(1, { submitFirst: false });
		await sql()`update round set year = ${year + 1}, opens_on = ${await day(-5)}, closes_on = ${await day(0)} where id = ${open.roundId}`;
		const upcoming = await tenant(1, { submitFirst: false });
		await sql()`update round set year = ${year + 2}, opens_on = ${await day(3)}, closes_on = ${await day(9)} where id = ${upcoming.roundId}`;
		await closeDueRounds(sql());
		const rows = await sql()`select closed_at from round where id in (${open.roundId}, ${upcoming.roundId})`;
		expect(rows.map((r) => r.closed_at)).toEqual([null, null]);
	});
});

describe('automatic reminders', () => {
	it('go to everyone who has not submitted, once per offset, however often and wherever the job runs', async () => {
		const t = await tenant(2);
		await sql()`update round set reminder_days = '{}' where id <> ${t.roundId}`; // the other tests' rounds stay out of it
		await sql()`update round set closes_on = ${await day(7)} where id = ${t.roundId}`;
		const waiting = t.assessments.length; // the second respondent of each assessment
		expect((await dueReminders(sql())).filter((d) => d.roundId === t.roundId)).toEqual([expect.objectContaining({ daysBefore: 7 })]);

		const clients = [connect(url(), { max: 2 }), connect(url(), { max: 2 })];
		try {
			// Two instances at once, then again: one mail per person and assessment.
			await Promise.all(clients.map((c) => sendDueReminders(c, origin)));
			await Promise.all(clients.map((c) => sendDueReminders(c, origin)));
		} finally {
			await Promise.all(clients.map((c) => c.end()));
		}
		expect(sink.received).toHaveLength(waiting);
		const notSubmitted = new Set(t.assessments.map((a) => a.respondents[1]!.id));
		const recipients = await sql()<{ userId: string }[]>`
			select x.user_id as "userId" from reminder_recipient x join reminder m on m.id = x.reminder_id where m.round_id = ${t.roundId}`;
		expect(new Set(recipients.map((r) => r.userId))).toEqual(notSubmitted);
		expect(sink.received.every((m) => m.raw.includes(`${origin}/assessments/`))).toBe(true);

		// Five days left: the 7-day reminder went out already, the 2-day one is not due yet.
		await sql()`update round set closes_on = ${await day(5)} where id = ${t.roundId}`;
		await sendDueReminders(sql(), origin);
		expect(sink.received).toHaveLength(waiting);

		// Two days left: the next offset, to the same people again, once.
		await sql()`update round set closes_on = ${await day(2)} where id = ${t.roundId}`;
		await sendDueReminders(sql(), origin);
		await sendDueReminders(sql(), origin);
		expect(sink.received).toHaveLength(2 * waiting);

		const log = await listReminders(sql(), t.collaborationId, t.roundId, null);
		expect(log.map((r) => [r.daysBefore, r.recipients, r.mailed])).toEqual([
			[2, waiting, waiting],
			[7, waiting, waiting]
		]);
		// A coordinator's view counts only their municipality's recipients.
		const own = await listReminders(sql(), t.collaborationId, t.roundId, [t.municipalities[0]!]);
		expect(own.map((r) => r.recipients)).toEqual([waiting / 2, waiting / 2]);
	});

	it('skip an offset whose day came before the round opened, and are off for a round without days', async () => {
		const late = await tenant(1, { submitFirst: false });
		await sql()`update round set year = ${year + 3}, opens_on = ${await day(-1)}, closes_on = ${await day(3)} where id = ${late.roundId}`;
		const none = await tenant(1, { submitFirst: false });
		await sql()`update round set year = ${year + 4}, closes_on = ${await day(2)}, reminder_days = '{}' where id = ${none.roundId}`;
		const due = await dueReminders(sql());
		expect(due.find((d) => d.roundId === late.roundId)).toBeUndefined();
		expect(due.find((d) => d.roundId === none.roundId)).toBeUndefined();
		// Once two days are left, the late round's 2-day reminder is due.
		await sql()`update round set closes_on = ${await day(2)} where id = ${late.roundId}`;
		expect((await dueReminders(sql())).find((d) => d.roundId === late.roundId)).toMatchObject({ daysBefore: 2 });
	});

	it('a reminder sent by hand is listed with who sent it; it is not held back by the automatic ones', async () => {
		const t = await tenant(1);
		await sql()`update round set year = ${year + 5} where id = ${t.roundId}`;
		const { id: coordinator } = await first(
			sql()<{ id: string }[]>`insert into app_user (email, name) values ('koordinator@kommune.test', 'Kari Koordinator') returning id`
		);
		const rows = await roundCompletion(sql(), t.collaborationId, t.roundId, null, 'nb');
		const context = {
			collaborationId: t.collaborationId,
			collaboration: 'Samarbeid',
			roundId: t.roundId,
			year,
			closesOn: await day(30),
			origin,
			actorId: coordinator,
			locale: 'nb' as const
		};
		await sendReminders(sql(), context, rows);
		await sendReminders(sql(), context, rows);
		expect(sink.received).toHaveLength(2 * t.assessments.length);
		const log = await listReminders(sql(), t.collaborationId, t.roundId, null);
		expect(log.map((r) => [r.daysBefore, r.sentBy, r.recipients])).toEqual([
			[null, 'Kari Koordinator', t.assessments.length],
			[null, 'Kari Koordinator', t.assessments.length]
		]);
	});
});

describe('outgoing mail through the queue', () => {
	let runner: JobRunner | undefined;
	let client: Sql | undefined;
	afterAll(async () => {
		await runner?.stop();
		await client?.end();
	});

	it('is retried with backoff while the SMTP server fails, and delivered once', async () => {
		await sql()`update round set reminder_days = '{}'`; // no automatic reminder may join these mails
		client = connect(url(), { max: 4 });
		runner = await startJobs(client, { origin, pollingSeconds: 0.5, mailRetry: { limit: 4, delaySeconds: 1 } });
		sink.failNext(2);
		const result = await sendMail({ to: 'ola@kommune.test', subject: 'Invitasjon', text: 'https://moden.test/invitation/abc.def' });
		expect(result).toEqual({ sent: true });
		const [waiting] = await sql()<{ n: number }[]>`select count(*)::int as n from mail_outbox`;
		expect(waiting!.n).toBe(1);

		await until('the mail to arrive', async () => sink.received.length === 1, 60);
		expect(sink.refused).toBe(2);
		expect(sink.received[0]!.to).toEqual(['ola@kommune.test']);
		const [job] = await sql()<{ state: string; retryCount: number; retryBackoff: boolean; startedOn: Date; createdOn: Date }[]>`
			select state, retry_count as "retryCount", retry_backoff as "retryBackoff", started_on as "startedOn", created_on as "createdOn" from pgboss.job where name = 'mail'`;
		expect(job).toMatchObject({ retryCount: 2, retryBackoff: true });
		// Backoff: the first retry waits at least 1 s, the second at least 2 s more.
		expect(job!.startedOn.getTime() - job!.createdOn.getTime()).toBeGreaterThanOrEqual(3000);
		await until('the outbox to be empty', async () => (await sql()`select 1 from mail_outbox`).length === 0);
		await until('the job to complete', async () => (await sql()`select 1 from pgboss.job where name = 'mail' and state = 'completed'`).length === 1);
		expect(sink.received).toHaveLength(1);
	});

	it('gives up after the last retry: the message leaves the outbox, and the audit trail says to whom', async () => {
		await runner!.boss.updateQueue('mail', { name: 'mail', retryLimit: 1, retryDelay: 1, retryBackoff: true, deadLetter: 'mail-failed' });
		sink.failAlways();
		await sendMail({ to: 'kari@kommune.test', subject: 'Tilbakestill passordet', text: 'https://moden.test/reset-password/x.y' });
		const event = await until(
			'the mail to be given up',
			async () => {
				const [row] = await sql()<{ detail: { to: string } }[]>`select detail from audit_event where action = 'mail.failed'`;
				return row;
			},
			60
		);
		expect(event.detail.to).toBe('kari@kommune.test');
		expect(sink.refused).toBe(2);
		expect(sink.received).toHaveLength(0);
		expect(await sql()`select 1 from mail_outbox`).toHaveLength(0);
	});

	it('without a mail server nothing is queued: the caller shows the link instead', async () => {
		delete process.env.SMTP_URL;
		try {
			expect(await sendMail({ to: 'per@kommune.test', subject: 'Invitasjon', text: 'link' })).toEqual({ sent: false });
			expect(await sql()`select 1 from mail_outbox`).toHaveLength(0);
		} finally {
			process.env.SMTP_URL = sink.url;
		}
	});
});

describe('the daily clean-up', () => {
	it('removes sessions idle past the limit and throttle rows whose window is long over, and nothing else', async () => {
		const { id: userId } = await first(sql()<{ id: string }[]>`insert into app_user (email) values ('sesjon@kommune.test') returning id`);
		await sql()`
			insert into user_session (id, secret_hash, user_id, last_verified_at) values
				('idle', '\\x00', ${userId}, now() - interval '15 days'),
				('active', '\\x00', ${userId}, now() - interval '13 days')`;
		await sql()`
			insert into throttle (key, hits, window_started) values
				('sign-in:ip:old', 3, now() - interval '2 days'), ('sign-in:ip:current', 3, now() - interval '10 minutes')`;
		expect(await cleanUp(sql())).toEqual({ sessions: 1, throttles: 1 });
		expect((await sql()`select id from user_session where user_id = ${userId}`).map((r) => r.id)).toEqual(['active']);
		expect((await sql()`select key from throttle where key like 'sign-in:ip:%'`).map((r) => r.key)).toEqual(['sign-in:ip:current']);
	});
});

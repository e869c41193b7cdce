import { timeZones } from '../calendar';
import PgBoss from 'pg-boss';
import type { Sql } from 'postgres';
import { closeDueRounds, publishClosedRounds } from '../assessments/closing';
import { sendDueReminders } from '../assessments/reminders';
import { queueMailThrough } from '../mail';
import { bossDb } from './boss-db';
import { cleanUp } from './cleanup';
import { deliverQueued, enqueueMail, giveUp, MAIL_FAILED_QUEUE, MAIL_QUEUE, type MailJob } from './mail-queue';

/**
 * The job runner: pg-boss inside the app process, on the app's own database client. Every
 * instance runs one; they share the queues in PostgreSQL, where a job is fetched by one
 * instance only (SKIP LOCKED) and each schedule fires once a minute across all of them.
 *
 * | queue          | when                                 | does |
 * |----------------|--------------------------------------|------|
 * | round-closing  | every 5 minutes, and at start        | closes rounds past their closing day, final snapshot, peer publication |
 * | reminders      | every hour 08–17 (Norwegian time)    | the automatic reminders due (assessments/reminders.ts) |
 * | cleanup        | daily 03:30                          | idle sessions, spent throttle rows |
 * | mail           | when a mail is sent                  | delivers it; retries with backoff while SMTP fails |
 * | mail-failed    | when a mail ran out of retries       | drops it from the outbox, audit event |
 *
 * Every handler can run twice or on two instances at once without doing its work twice.
 */
export interface RunnerOptions {
	/** the public address, for links in reminder mails */
	origin: string;
	/** how often each worker asks for a job (pg-boss: at least 0.5 s); default 2 s for mail, 10 s for the scheduled queues */
	pollingSeconds?: number;
	/** tries after the first, and the first delay; each retry waits about twice as long as the one before */
	mailRetry?: { limit: number; delaySeconds: number };
}

export interface JobRunner {
	readonly boss: PgBoss;
	stop(): Promise<void>;
}

// Reminders and clean-up run on the platform's clock: Norway's and Sweden's offsets are the same.
const TIME_ZONE = timeZones.NO;
/** One waiting and one running job at most: a schedule firing on top of a slow run adds nothing. */
const STATELY = { policy: 'stately', retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 30 * 60 } as const;

const schedules = [
	{ queue: 'round-closing', cron: '*/5 * * * *' },
	{ queue: 'reminders', cron: '0 8-17 * * *' },
	{ queue: 'cleanup', cron: '30 3 * * *' }
] as const;

export async function startJobs(sql: Sql, options: RunnerOptions): Promise<JobRunner> {
	const boss = new PgBoss({ db: bossDb(sql), schema: 'pgboss', application_name: 'moden' });
	boss.on('error', (e) => console.error('[jobs]', e));
	await boss.start();

	const mailRetry = options.mailRetry ?? { limit: 8, delaySeconds: 30 };
	await oneAtATime(sql, async () => {
		await ensureQueue(boss, MAIL_FAILED_QUEUE, {});
		await ensureQueue(boss, MAIL_QUEUE, {
			retryLimit: mailRetry.limit,
			retryDelay: mailRetry.delaySeconds,
			retryBackoff: true,
			deadLetter: MAIL_FAILED_QUEUE,
			expireInSeconds: 5 * 60
		});
		for (const { queue, cron } of schedules) {
			await ensureQueue(boss, queue, STATELY);
			await boss.schedule(queue, cron, undefined, { tz: TIME_ZONE });
		}
	});

	// Mail should leave within seconds; a scheduled job may wait a few more (its schedule is per minute at most).
	const work = <T extends object>(queue: string, handler: (data: T) => Promise<void>) =>
		boss.work<T>(queue, { pollingIntervalSeconds: options.pollingSeconds ?? (queue === MAIL_QUEUE ? 2 : 10), batchSize: 1 }, async ([job]) => {
			if (job) await handler(job.data);
		});
	await work('round-closing', async () => {
		const closed = await closeDueRounds(sql);
		const published = await publishClosedRounds(sql);
		if (closed.length > 0 || published.length > 0) console.log(`[jobs] rounds closed: ${closed.length}, final snapshots: ${published.length}`);
	});
	await work('reminders', async () => {
		const mailed = await sendDueReminders(sql, options.origin);
		if (mailed > 0) console.log(`[jobs] automatic reminders: ${mailed} mail(s)`);
	});
	await work('cleanup', async () => {
		const removed = await cleanUp(sql);
		console.log(`[jobs] clean-up: ${removed.sessions} idle session(s), ${removed.throttles} throttle row(s)`);
	});
	await work<MailJob>(MAIL_QUEUE, (job) => deliverQueued(sql, job));
	await work<MailJob>(MAIL_FAILED_QUEUE, (job) => giveUp(sql, job));

	const sendAtOnce = queueMailThrough((mail) => enqueueMail(sql, boss, mail));
	// Rounds whose closing day passed while no instance ran are closed now, not at the next tick.
	await boss.send('round-closing', {});

	return {
		boss,
		async stop() {
			sendAtOnce();
			// Lets running jobs finish (10 s at most); one still running then is failed and retried later.
			await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
			console.log('[jobs] stopped');
		}
	};
}

/**
 * Runs the queues' set-up while holding a lock, so instances starting together take turns:
 * pg-boss creates a queue's table without a lock of its own, and two at once deadlock.
 */
async function oneAtATime(sql: Sql, setUp: () => Promise<void>) {
	const connection = await sql.reserve();
	try {
		await connection`select pg_advisory_lock(hashtext('moden.jobs.setup'))`;
		await setUp();
	} finally {
		await connection`select pg_advisory_unlock(hashtext('moden.jobs.setup'))`.catch(() => {});
		connection.release();
	}
}

/** Creates the queue, or brings an existing one's options up to date. */
async function ensureQueue(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>) {
	await boss.createQueue(name, { name, ...options });
	await boss.updateQueue(name, { name, ...options });
}

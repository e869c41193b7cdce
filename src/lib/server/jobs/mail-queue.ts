import type PgBoss from 'pg-boss';
import type { Sql } from 'postgres';
import { audit } from '../audit';
import { deliverMail, type Mail } from '../mail';
import { bossDb } from './boss-db';

/**
 * Mail through the job queue: the message waits in `mail_outbox`, its job carries only the
 * row's id, and the row goes once the SMTP server has taken the message or the runner has
 * given up, so a one-time link lives no longer in the database than it must.
 */
export const MAIL_QUEUE = 'mail';
export const MAIL_FAILED_QUEUE = 'mail-failed';

export interface MailJob {
	mailId: string;
}

/** Puts a message in the outbox and its job in the queue, in one transaction. */
export async function enqueueMail(sql: Sql, boss: PgBoss, mail: Mail): Promise<void> {
	await sql.begin(async (tx) => {
		const [row] = await tx<{ id: string }[]>`
			insert into mail_outbox (recipient, subject, body) values (${mail.to}, ${mail.subject}, ${mail.text}) returning id`;
		await boss.send(MAIL_QUEUE, { mailId: row!.id } satisfies MailJob, { db: bossDb(tx) });
	});
}

/**
 * Sends one queued message; throws while the SMTP server fails, and pg-boss tries again
 * later. A message no longer in the outbox was delivered already (a job run again after
 * its completion was lost), so nothing is sent twice from here.
 */
export async function deliverQueued(sql: Sql, { mailId }: MailJob): Promise<void> {
	const [mail] = await sql<Mail[]>`select recipient as "to", subject, body as text from mail_outbox where id = ${mailId}`;
	if (!mail) return;
	await deliverMail(mail);
	await sql`delete from mail_outbox where id = ${mailId}`;
}

/** Every retry failed: the message is dropped, and the audit trail and the log say to whom. */
export async function giveUp(sql: Sql, { mailId }: MailJob): Promise<void> {
	const [mail] = await sql<{ to: string; subject: string }[]>`
		delete from mail_outbox where id = ${mailId} returning recipient as "to", subject`;
	if (!mail) return;
	console.error(`[mail] gave up sending "${mail.subject}" to ${mail.to}: the mail server kept failing`);
	await audit(sql, { action: 'mail.failed', subjectType: 'mail', subjectId: mailId, detail: { to: mail.to, subject: mail.subject } });
}

import nodemailer from 'nodemailer';

/**
 * Outgoing mail. With SMTP_URL set, mail goes through that server; without it the
 * message is written to the server log, and the caller shows the link to the admin,
 * so a local installation works without a mail server.
 *
 * While the job runner runs in this process (jobs/runner.ts), a message is not sent during
 * the request but put in the outbox, and the runner delivers it, retrying with backoff
 * while the SMTP server fails (jobs/mail-queue.ts). Without the runner it is sent at once.
 */
export interface Mail {
	to: string;
	subject: string;
	text: string;
}

export interface MailResult {
	/** false when no SMTP server is configured: the link must be passed on by hand */
	sent: boolean;
}

/** True when mail leaves the installation (SMTP_URL is set). */
export function mailConfigured(): boolean {
	return Boolean(process.env.SMTP_URL);
}

type Enqueue = (mail: Mail) => Promise<void>;
let outbox: Enqueue | null = null;

/** Routes mail through the job runner's queue; the function returned sends at once again. */
export function queueMailThrough(enqueue: Enqueue): () => void {
	outbox = enqueue;
	return () => {
		if (outbox === enqueue) outbox = null;
	};
}

export async function sendMail(mail: Mail): Promise<MailResult> {
	if (!mailConfigured()) {
		logUnsent(mail);
		return { sent: false };
	}
	if (outbox) await outbox(mail);
	else await deliverMail(mail);
	return { sent: true };
}

const transports = new Map<string, nodemailer.Transporter>();

/** Hands the message to the SMTP server now; throws when the server cannot be reached or refuses it. */
export async function deliverMail(mail: Mail): Promise<void> {
	const url = process.env.SMTP_URL;
	if (!url) {
		logUnsent(mail); // the setting was removed while the message waited in the outbox
		return;
	}
	let transport = transports.get(url);
	if (!transport) transports.set(url, (transport = nodemailer.createTransport(url)));
	await transport.sendMail({ from: process.env.MAIL_FROM ?? 'Moden <noreply@localhost>', ...mail });
}

function logUnsent(mail: Mail) {
	console.log(`[mail not sent: SMTP_URL is not set] to ${mail.to}: ${mail.subject}\n${mail.text}\n`);
}

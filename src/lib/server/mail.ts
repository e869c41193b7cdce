import nodemailer from 'nodemailer';

/**
 * Outgoing mail. With SMTP_URL set, mail goes through that server; without it the
 * message is written to the server log, and the caller shows the link to the admin,
 * so a local installation works without a mail server.
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

let transport: { url: string; transporter: nodemailer.Transporter } | undefined;

/** Whether mail can be sent at all (SMTP_URL is set). */
export function mailConfigured(): boolean {
	return Boolean(process.env.SMTP_URL);
}

export async function sendMail(mail: Mail): Promise<MailResult> {
	const url = process.env.SMTP_URL;
	if (!url) {
		console.log(`[mail not sent: SMTP_URL is not set] to ${mail.to}: ${mail.subject}\n${mail.text}\n`);
		return { sent: false };
	}
	if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
	await transport.transporter.sendMail({ from: process.env.MAIL_FROM ?? 'Moden <noreply@localhost>', ...mail });
	return { sent: true };
}

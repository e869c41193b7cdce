import net from 'node:net';

/**
 * A mail server for the tests: speaks just enough SMTP for nodemailer and keeps every
 * message it is given, so a test can see who got what. Not a mock of anything of ours:
 * the app's own mail code sends through it over TCP, as it would to a real server.
 */
export interface ReceivedMail {
	to: string[];
	data: string;
}

export interface MailSink {
	url: string;
	received: ReceivedMail[];
	/** waits until `count` messages have arrived (or fails after `ms`) */
	waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
	const received: ReceivedMail[] = [];
	const server = net.createServer((socket) => {
		let buffer = '';
		let to: string[] = [];
		let data: string | null = null;
		socket.setEncoding('utf8');
		socket.write('220 sink ESMTP\r\n');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			let end: number;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (data !== null) {
					if (line === '.') {
						received.push({ to, data });
						data = null;
						to = [];
						socket.write('250 queued\r\n');
					} else data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
					continue;
				}
				const command = line.slice(0, 4).toUpperCase();
				if (command === 'RCPT') to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
				if (command === 'DATA') data = '';
				const replies: Record<string, string> = { EHLO: '250-sink\r\n250 8BITMIME\r\n', HELO: '250 sink\r\n', DATA: '354 go on\r\n' };
				if (command === 'QUIT') socket.end('221 bye\r\n');
				else socket.write(replies[command] ?? '250 ok\r\n');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		async waitFor(count, ms = 5000) {
			const deadline = Date.now() + ms;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`expected ${count} mail(s), got ${received.length}`);
				await new Promise((r) => setTimeout(r, 20));
			}
			return received.slice(0, count);
		},
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

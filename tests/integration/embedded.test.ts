import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/lib/server/db/index';
import { startEmbedded } from '../../src/lib/server/db/embedded';

/** Runs startEmbedded in a separate Node process, as a second app would. */
function startInChild(dataDir: string, stayUp: boolean) {
	const script = `
		import { startEmbedded } from ${JSON.stringify(path.resolve('src/lib/server/db/embedded.ts'))};
		try {
			const db = await startEmbedded(${JSON.stringify(dataDir)});
			console.log('STARTED ' + db.url);
			if (!${stayUp}) await db.stop();
			else setInterval(() => {}, 1000);
		} catch (e) {
			console.log('FAILED ' + e.message);
			process.exit(3);
		}`;
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const output = new Promise<string>((resolve) => {
		let text = '';
		child.stdout.on('data', (chunk) => {
			text += chunk;
			if (/STARTED|FAILED/.test(text) && text.endsWith('\n')) resolve(text);
		});
		child.on('exit', () => resolve(text));
	});
	return { child, output };
}

describe('embedded PostgreSQL', () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-embedded-'));
	fs.chmodSync(root, 0o755);
	afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

	it('gives a second process on the same data directory a clear message and leaves the data alone', async () => {
		const dataDir = path.join(root, 'shared');
		const db = await startEmbedded(dataDir);
		try {
			const { output } = startInChild(dataDir, false);
			expect(await output).toMatch(/FAILED The database directory .*shared is in use by another Moden process \(PID \d+\)/);
			const sql = connect(db.url, { max: 1 });
			expect((await sql`select 1 as ok`)[0]?.ok).toBe(1);
			await sql.end();
		} finally {
			await db.stop();
		}
	});

	it('takes the data directory over after its owner was killed with SIGKILL, keeping the data', async () => {
		const dataDir = path.join(root, 'killed');
		const first = startInChild(dataDir, true);
		const url = (await first.output).match(/STARTED (\S+)/)?.[1];
		expect(url).toBeDefined();
		const sql = connect(url!, { max: 1 });
		await sql`create table kept (note text)`;
		await sql`insert into kept values ('written before the crash')`;
		await sql.end();
		first.child.kill('SIGKILL');
		await new Promise((r) => first.child.once('exit', r));

		const db = await startEmbedded(dataDir);
		try {
			const again = connect(db.url, { max: 1 });
			expect(await again`select note from kept`).toEqual([{ note: 'written before the crash' }]);
			await again.end();
		} finally {
			await db.stop();
		}
	});
});

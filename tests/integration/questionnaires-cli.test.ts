import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const check = (dir?: string) =>
	spawnSync(process.execPath, ['--import', 'tsx', 'scripts/questionnaires.ts', 'check', ...(dir ? [dir] : [])], {
		encoding: 'utf8'
	});

describe('npm run questionnaires:check', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-qcheck-'));
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('passes on the shipped files', () => {
		const run = check();
		expect(run.stdout).toContain('All questionnaire files are valid.');
		expect(run.status).toBe(0);
	});

	it('lists every problem of a damaged copy with file and line, and exits non-zero', () => {
		fs.cpSync('questionnaires', dir, { recursive: true });
		// the later versions' crosswalks would echo the damage
		fs.rmSync(path.join(dir, 'digital-maturity', '2.yaml'));
		fs.rmSync(path.join(dir, 'digital-maturity', '3.yaml'));
		const file = path.join(dir, 'digital-maturity', '1.yaml');
		const text = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(
			file,
			text
				.replace(/\n(\s+)sv: "[^\n]*"\n/, '\n') // a missing Swedish text
				.replace(/(\n\s+weight: )1\n/, '$1-1\n') // a negative weight
				.replace(/(\n\s+kind: )practice\n/, '$1opinion\n') // a value outside the list
				.replace('key: culture.collaboration-as-ours', 'key: culture.openness-to-change') // a duplicate key
				.replace('key: technology.shared-systems', 'key: technology.shared-systems\n    extra: 1') // an unknown field
		);
		const run = check(dir);
		const lines = run.stderr.trim().split('\n');
		expect(lines).toHaveLength(5);
		for (const line of lines) expect(line).toMatch(/digital-maturity\/1\.yaml:\d+ — \S+ — .+/);
		expect(run.stdout).toContain('5 problem(s) found.');
		expect(run.status).toBe(1);
	});
});

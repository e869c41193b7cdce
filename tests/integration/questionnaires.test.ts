import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '../../src/lib/server/questionnaires/load';
import { FrozenVersionError, publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { getVersion, listVersions } from '../../src/lib/server/questionnaires/versions';
import { completeTexts } from '../../src/lib/server/questionnaires/languages';
import { useTestDatabase } from './database';

describe('publishing questionnaires', () => {
	const { sql } = useTestDatabase();
	let dir: string;
	const silent = () => {};

	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-publish-'));
		fs.cpSync('questionnaires', dir, { recursive: true });
	});
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('registers every shipped version with its items, once', async () => {
		const first = await publishFromDirectory(sql(), dir, silent);
		expect(first.published.map((f) => path.relative(dir, f)).sort()).toEqual([
			'digital-maturity/1.yaml',
			'digital-maturity/2.yaml',
			'digital-maturity/3.yaml',
			'digital-services/1.yaml'
		]);
		const again = await publishFromDirectory(sql(), dir, silent);
		expect(again).toEqual({ published: [], unchanged: first.published });

		const versions = await listVersions(sql());
		expect(versions.map((v) => [v.slug, v.version])).toEqual([
			['digital-maturity', 3],
			['digital-maturity', 2],
			['digital-maturity', 1],
			['digital-services', 1]
		]);
		const files = loadQuestionnaires(dir).files;
		for (const file of files) {
			const rows = await sql()`
				select i.key, i.dimension, i.weight::float8 as weight, i.allow_na
				from questionnaire_item i join questionnaire_version v on v.id = i.questionnaire_version_id
				join questionnaire q on q.id = v.questionnaire_id
				where q.slug = ${file.definition.slug} and v.version = ${file.definition.version} order by i.position`;
			expect(rows).toEqual(file.definition.items.map((it) => ({ key: it.key, dimension: it.dimension, weight: it.weight, allow_na: it.allow_na })));
			// read back as published, every text complete in every interface language (the reader's fallback where the file has none)
			expect(await getVersion(sql(), file.definition.slug, file.definition.version)).toEqual(completeTexts(file.definition));
		}
	});

	it('refuses a published version whose file changed, naming the file and what to do, and publishes nothing', async () => {
		const file = path.join(dir, 'digital-maturity', '1.yaml');
		const original = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(file, original.replace(/(\n\s+weight: )1\n/, '$12\n'));
		fs.mkdirSync(path.join(dir, 'another'));
		fs.writeFileSync(path.join(dir, 'another', '1.yaml'), original.replace('slug: digital-maturity', 'slug: another'));
		try {
			const failure = publishFromDirectory(sql(), dir, silent);
			await expect(failure).rejects.toThrow(FrozenVersionError);
			await expect(failure).rejects.toThrow(
				/digital-maturity\/1\.yaml: version 1 of "digital-maturity" was published on \d{4}-\d{2}-\d{2} and is frozen.*\n.*new version file, .*digital-maturity\/4\.yaml/
			);
			expect((await listVersions(sql())).map((v) => v.slug)).not.toContain('another');
		} finally {
			fs.writeFileSync(file, original);
			fs.rmSync(path.join(dir, 'another'), { recursive: true });
		}
	});

	it('accepts comment and layout edits of a published file', async () => {
		const file = path.join(dir, 'digital-maturity', '1.yaml');
		const original = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(file, `# reviewed by the instrument group\n${original}\n`);
		try {
			expect((await publishFromDirectory(sql(), dir, silent)).published).toEqual([]);
		} finally {
			fs.writeFileSync(file, original);
		}
	});

	it('skips files with problems, reports them and publishes the rest', async () => {
		fs.mkdirSync(path.join(dir, 'broken'));
		fs.writeFileSync(path.join(dir, 'broken', '1.yaml'), 'slug: broken\nversion: 1\n');
		const lines: string[] = [];
		try {
			await publishFromDirectory(sql(), dir, (line) => lines.push(line));
			expect(lines.join('\n')).toMatch(/broken\/1\.yaml:1 — title — must be a text per language/);
			expect((await listVersions(sql())).map((v) => v.slug)).not.toContain('broken');
		} finally {
			fs.rmSync(path.join(dir, 'broken'), { recursive: true });
		}
	});
});

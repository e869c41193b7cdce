import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQuestionnaires } from '../../src/lib/server/questionnaires/load';
import { publishQuestionnaires } from '../../src/lib/server/questionnaires/publish';
import { first, useTestDatabase } from './database';

/**
 * Advice is guidance, not meaning: a version published before its items had advice takes
 * the advice over when the files are published again, with the same content hash, and
 * without the "frozen version changed" refusal that any other change gets.
 */
describe('advice in a published questionnaire version', () => {
	const { sql } = useTestDatabase();

	it('is refreshed on publishing, while the version stays frozen', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moden-advice-'));
		fs.mkdirSync(path.join(dir, 'digital-maturity'));
		const original = fs.readFileSync('questionnaires/digital-maturity/1.yaml', 'utf8');
		// The same file without any advice: what was published before advice existed.
		const withoutAdvice = original.replace(/\n {4}advice:\n(?: {6}.*\n)+/g, '\n');
		fs.writeFileSync(path.join(dir, 'digital-maturity', '1.yaml'), withoutAdvice);
		const before = loadQuestionnaires(dir);
		expect(before.problems).toEqual([]);
		expect(before.files[0]!.definition.items.some((i) => i.advice)).toBe(false);
		await publishQuestionnaires(sql(), before.files);

		fs.writeFileSync(path.join(dir, 'digital-maturity', '1.yaml'), original);
		const after = loadQuestionnaires(dir);
		expect(after.files[0]!.contentHash).toBe(before.files[0]!.contentHash);
		await expect(publishQuestionnaires(sql(), after.files)).resolves.toMatchObject({ published: [], unchanged: [expect.stringContaining('1.yaml')] });
		const stored = await first(sql()<{ advice: unknown; hash: string }[]>`
			select definition->'items'->0->'advice' as advice, content_hash as hash from questionnaire_version where version = 1`);
		expect(stored.hash).toBe(before.files[0]!.contentHash);
		expect(stored.advice).toEqual(after.files[0]!.definition.items[0]!.advice);

		// Anything else changed in the published version is still refused.
		fs.writeFileSync(path.join(dir, 'digital-maturity', '1.yaml'), original.replace('weight: 1\n', 'weight: 2\n'));
		await expect(publishQuestionnaires(sql(), loadQuestionnaires(dir).files)).rejects.toThrow(/frozen/);
		fs.rmSync(dir, { recursive: true, force: true });
	});
});

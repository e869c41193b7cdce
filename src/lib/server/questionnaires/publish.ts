import type { Sql } from 'postgres';
import { itemScale } from '../scoring/items';
import { formatProblem, loadQuestionnaires, type QuestionnaireFile } from './load';

export class FrozenVersionError extends Error {}

export interface PublishResult {
	published: string[];
	unchanged: string[];
}

/**
 * Registers every valid questionnaire file as a published version. A version that is
 * already published must have the same content: answers given under it must keep
 * their meaning, so a changed file stops everything with instructions to add a new
 * version instead. Nothing is published while any published file has changed.
 */
export async function publishQuestionnaires(sql: Sql, files: QuestionnaireFile[]): Promise<PublishResult> {
	const published = await sql<{ slug: string; version: number; content_hash: string; published_at: Date; latest: number }[]>`
		select q.slug, v.version, v.content_hash, v.published_at,
			max(v.version) over (partition by q.slug) as latest
		from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id`;
	const frozen = new Map(published.map((p) => [`${p.slug}@${p.version}`, p]));

	const changed = files.flatMap((f) => {
		const p = frozen.get(`${f.definition.slug}@${f.definition.version}`);
		if (!p || p.content_hash === f.contentHash) return [];
		const next = Math.max(p.latest, ...files.filter((o) => o.definition.slug === p.slug).map((o) => o.definition.version)) + 1;
		const nextFile = f.file.replace(/[^/\\]+$/, `${next}.yaml`);
		return [
			`${f.file}: version ${p.version} of "${p.slug}" was published on ${p.published_at.toISOString().slice(0, 10)} and is frozen, ` +
				`but the file's content has changed since.\n  Answers given under version ${p.version} must keep their meaning: restore the file ` +
				`(e.g. git checkout -- ${f.file}) and put the change in a new version file, ${nextFile}, with a crosswalk to version ${p.version}.`
		];
	});
	if (changed.length > 0) throw new FrozenVersionError(changed.join('\n'));

	const result: PublishResult = { published: [], unchanged: [] };
	const ordered = [...files].sort((a, b) => a.definition.version - b.definition.version);
	for (const { definition: def, contentHash, file } of ordered) {
		if (frozen.has(`${def.slug}@${def.version}`)) {
			// Same content; its advice (outside the hash) may have been improved.
			await sql`
				update questionnaire_version v set definition = ${sql.json(def as never)}
				from questionnaire q
				where q.id = v.questionnaire_id and q.slug = ${def.slug} and v.version = ${def.version} and v.definition <> ${sql.json(def as never)}`;
			result.unchanged.push(file);
			continue;
		}
		await sql.begin(async (tx) => {
			const [questionnaire] = await tx<{ id: string }[]>`
				insert into questionnaire (slug) values (${def.slug})
				on conflict (slug) do update set slug = excluded.slug
				returning id`;
			const [version] = await tx<{ id: string }[]>`
				insert into questionnaire_version (questionnaire_id, version, content_hash, definition)
				values (${questionnaire!.id}, ${def.version}, ${contentHash}, ${tx.json(def as never)})
				on conflict (questionnaire_id, version) do nothing
				returning id`;
			if (!version) return; // another instance published it a moment ago
			const items = def.items.map((it, position) => ({
				questionnaire_version_id: version.id,
				key: it.key,
				dimension: it.dimension,
				weight: it.weight,
				allow_na: it.allow_na,
				position,
				// what the database checks answers against and scores them by (migrations/014)
				scale: tx.json(itemScale(def.scoring.values, it) as never)
			}));
			await tx`insert into questionnaire_item ${tx(items)}`;
		});
		result.published.push(file);
	}
	return result;
}

/**
 * Start-up and `npm run questionnaires:publish`: loads the files in `root`, reports
 * files with problems (they are skipped, the server still starts) and publishes the rest.
 */
export async function publishFromDirectory(sql: Sql, root: string, log: (line: string) => void = console.warn): Promise<PublishResult> {
	const { files, problems } = loadQuestionnaires(root);
	if (problems.length > 0) {
		log(`Questionnaire files with problems are not published (npm run questionnaires:check lists them):`);
		for (const p of problems) log(`  ${formatProblem(p)}`);
	}
	return publishQuestionnaires(sql, files);
}

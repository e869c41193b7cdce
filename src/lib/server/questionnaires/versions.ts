import type { Sql } from 'postgres';
import type { Db } from '../db/index';
import { completeText, completeTexts } from './languages';
import type { QuestionnaireDefinition } from './schema';

/*
 * Definitions are read with every text complete in every interface language (a language a
 * file lacks gets its reader's fallback, languages.ts), so a page can read any text in its
 * reader's language; `languages` still says what the file itself has.
 */

export interface VersionSummary {
	slug: string;
	version: number;
	title: QuestionnaireDefinition['title'];
	items: number;
	publishedAt: Date;
}

/** Published versions, newest first within each questionnaire. */
export async function listVersions(sql: Sql): Promise<VersionSummary[]> {
	const rows = await sql<
		{ slug: string; version: number; title: QuestionnaireDefinition['title']; languages: unknown; fallback: unknown; items: number; published_at: Date }[]
	>`
		select q.slug, v.version, v.definition -> 'title' as title, v.definition -> 'languages' as languages, v.definition -> 'fallback' as fallback,
			(select count(*)::int from questionnaire_item i where i.questionnaire_version_id = v.id) as items,
			v.published_at
		from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id
		order by q.slug, v.version desc`;
	return rows.map((r) => ({ slug: r.slug, version: r.version, title: completeText(r.title, r), items: r.items, publishedAt: r.published_at }));
}

/** The frozen definition of one published version, as answers given under it see it. */
export async function getVersion(sql: Sql, slug: string, version: number): Promise<QuestionnaireDefinition | null> {
	const [row] = await sql<{ definition: QuestionnaireDefinition }[]>`
		select v.definition from questionnaire_version v join questionnaire q on q.id = v.questionnaire_id
		where q.slug = ${slug} and v.version = ${version}`;
	return row ? completeTexts(row.definition) : null;
}

// Published versions never change (publish.ts refuses it), so their definitions can be
// kept in memory once read.
const definitions = new Map<string, QuestionnaireDefinition>();

/** The frozen definition of the version with this id, or null if there is none. */
export async function getVersionById(sql: Db, versionId: string): Promise<QuestionnaireDefinition | null> {
	const cached = definitions.get(versionId);
	if (cached) return cached;
	const [row] = await sql<{ definition: QuestionnaireDefinition }[]>`select definition from questionnaire_version where id = ${versionId}`;
	if (!row) return null;
	const complete = completeTexts(row.definition);
	definitions.set(versionId, complete);
	return complete;
}

import type { Db } from '../db/index';
import type { QuestionnaireDefinition } from '../questionnaires/schema';
import { getVersionById } from '../questionnaires/versions';

/** The instrument of the collaboration's latest round: what new initiatives name their items and levels by. */
export async function latestDefinition(sql: Db, collaborationId: string): Promise<QuestionnaireDefinition | null> {
	const [round] = await sql<{ versionId: string }[]>`
		select questionnaire_version_id as "versionId" from round where collaboration_id = ${collaborationId} order by year desc limit 1`;
	return round ? getVersionById(sql, round.versionId) : null;
}

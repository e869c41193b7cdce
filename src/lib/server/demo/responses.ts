import type { Sql } from 'postgres';
import { syncAssessmentStatus } from '../assessments/response-lifecycle';
import { refreshAssessmentScores } from '../results/scores';

/**
 * Submitted responses written straight into past rounds, for demo data, fixtures and
 * benchmarks: the answering path refuses closed rounds, as it must. Everything else is
 * as the app stores it (the database's own checks apply), and the caches are refreshed
 * from the stored answers. Snapshots and peer publications follow when results are read.
 */
export interface SyntheticAnswer {
	itemKey: string;
	kind: 'level' | 'dont_know' | 'not_applicable';
	level: number | null;
	naReason?: string;
}

export async function insertSubmittedResponse(
	sql: Sql,
	input: { assessmentId: string; respondentId: string | null; answers: SyntheticAnswer[]; submittedAt: Date }
): Promise<string> {
	return sql.begin(async (tx) => {
		const [response] = await tx<{ id: string; collaborationId: string; versionId: string }[]>`
			insert into response (collaboration_id, assessment_id, respondent_id, status, started_at, submitted_at)
			select a.collaboration_id, a.id, ${input.respondentId}, 'submitted', ${input.submittedAt}, ${input.submittedAt}
			from assessment a where a.id = ${input.assessmentId}
			returning id, collaboration_id as "collaborationId",
				(select r.questionnaire_version_id from assessment a join round r on r.id = a.round_id where a.id = ${input.assessmentId}) as "versionId"`;
		const rows = input.answers.map((a) => ({
			response_id: response!.id,
			collaboration_id: response!.collaborationId,
			questionnaire_version_id: response!.versionId,
			item_key: a.itemKey,
			kind: a.kind,
			level: a.level,
			na_reason: a.kind === 'not_applicable' ? (a.naReason ?? 'Not part of this sector') : null,
			updated_at: input.submittedAt
		}));
		if (rows.length > 0) await tx`insert into answer ${tx(rows)}`;
		await syncAssessmentStatus(tx, input.assessmentId);
		await refreshAssessmentScores(tx, input.assessmentId);
		return response!.id;
	});
}

import type { Sql } from 'postgres';
import { audit } from '../audit';
import { can } from '../auth/access';
import type { Db } from '../db/index';
import { refreshScores } from '../results/scores';
import { assessmentContext, syncAssessmentStatus, type Person } from './response-lifecycle';

/**
 * Sign-off (BRIEF §2: the coordinator "reviews and signs off"): a submitted assessment is
 * approved, or returned to its respondents with a note. Returning reopens every submitted
 * response, so the respondents can change their answers; the note is shown to them and
 * kept in the audit trail. An approval lapses by itself once the assessment leaves
 * 'submitted' (migrations/018). Where the collaboration counts only approved
 * assessments, a decision changes the scores, so they are refreshed in the same transaction.
 */
export type Signoff = 'approved' | 'returned';

export interface SignoffState {
	signoff: Signoff | null;
	note: string | null;
	at: Date | null;
	by: string | null;
}

export class SignoffError extends Error {
	constructor(readonly reason: 'not_found' | 'forbidden' | 'round_closed' | 'not_submitted' | 'note_required') {
		super(reason);
	}
}

/** What a coordinator may do with an assessment of this status and sign-off. */
export function signoffChoices(status: string, signoff: Signoff | null): { approve: boolean; giveBack: boolean } {
	const submitted = status === 'submitted';
	return { approve: submitted && signoff !== 'approved', giveBack: submitted };
}

export async function decideSignoff(sql: Sql, person: Person, collaborationId: string, assessmentId: string, decision: Signoff, note: string): Promise<void> {
	await sql.begin(async (tx) => {
		const context = await assessmentContext(tx, assessmentId);
		if (!context || context.collaborationId !== collaborationId) throw new SignoffError('not_found');
		if (!can(person.grants, 'municipality.coordinate', context)) throw new SignoffError('forbidden');
		if (context.state === 'closed') throw new SignoffError('round_closed');
		const [row] = await tx<{ status: string }[]>`select status from assessment where id = ${assessmentId} for update`;
		if (row?.status !== 'submitted') throw new SignoffError('not_submitted');
		if (decision === 'returned' && note.trim() === '') throw new SignoffError('note_required');

		if (decision === 'returned') {
			const reopened = await tx<{ id: string }[]>`
				update response set status = 'reopened', submitted_at = null
				where assessment_id = ${assessmentId} and status = 'submitted' returning id`;
			await syncAssessmentStatus(tx, assessmentId);
			// Each response's reopening is recorded as a coordinator's reopening is, with the note as its reason.
			for (const r of reopened) {
				await audit(tx, {
					action: 'response.reopened',
					actorId: person.id,
					collaborationId,
					subjectType: 'response',
					subjectId: r.id,
					detail: { assessmentId, reason: note }
				});
			}
		}
		await tx`
			update assessment set signoff = ${decision}, signoff_note = ${note.trim() || null}, signoff_by = ${person.id}, signoff_at = now()
			where id = ${assessmentId}`;
		await refreshScores(tx, assessmentId);
		await audit(tx, {
			action: decision === 'approved' ? 'assessment.approved' : 'assessment.returned',
			actorId: person.id,
			collaborationId,
			subjectType: 'assessment',
			subjectId: assessmentId,
			detail: { note: note.trim() || null }
		});
	});
}

/** The sign-off of each of these assessments, by id. */
export async function signoffsOf(sql: Db, assessmentIds: readonly string[]): Promise<Map<string, SignoffState>> {
	if (assessmentIds.length === 0) return new Map();
	const rows = await sql<(SignoffState & { id: string })[]>`
		select a.id, a.signoff, a.signoff_note as note, a.signoff_at as at, coalesce(nullif(u.name, ''), u.email) as by
		from assessment a left join app_user u on u.id = a.signoff_by
		where a.id = any(${assessmentIds as string[]}::uuid[])`;
	return new Map(rows.map(({ id, ...state }) => [id, state]));
}

/**
 * Why the person's own response to each of these assessments is open again, while it is:
 * the reason the coordinator gave when reopening it (kept in the audit trail), for the
 * banner the respondent sees.
 */
export async function reopenReasons(sql: Db, userId: string, assessmentIds: readonly string[]): Promise<Map<string, string>> {
	if (assessmentIds.length === 0) return new Map();
	const rows = await sql<{ assessmentId: string; reason: string }[]>`
		select r.assessment_id as "assessmentId", e.detail ->> 'reason' as reason
		from response r
		join lateral (
			select detail from audit_event
			where subject_type = 'response' and subject_id = r.id::text and action = 'response.reopened' and collaboration_id = r.collaboration_id
			order by at desc limit 1
		) e on true
		where r.respondent_id = ${userId} and r.status = 'reopened' and r.assessment_id = any(${assessmentIds as string[]}::uuid[])`;
	return new Map(rows.filter((r) => r.reason).map((r) => [r.assessmentId, r.reason]));
}

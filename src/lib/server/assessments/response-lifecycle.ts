import type { Sql } from 'postgres';
import { audit } from '../audit';
import { can, type Grant } from '../auth/access';
import type { Db } from '../db/index';
import type { Team } from '../disclosure/respondents';
import { refreshScores } from '../results/scores';
import { roundState, type RoundState } from '../calendar';

/**
 * The response lifecycle: who may answer an assessment, the person's own response to it
 * (created by the first real answer, in progress, submitted, reopened), and the
 * assessment's status that follows its responses. Saving the answers themselves, with
 * their revisions and conflicts, is the save protocol (save-protocol.ts); the form the
 * pages post is form.ts.
 * Every refusal of answering, here or in the save protocol, is an AnsweringError with a
 * reason the route turns into a message.
 */

/** A point of a scale (level), options ticked, an amount, or no score (scoring/items.ts). */
export const answerKinds = ['level', 'ticked', 'amount', 'not_applicable', 'dont_know'] as const;
export type AnswerKind = (typeof answerKinds)[number];

/** An answer as stored in a response, as the pages get it back. */
export interface StoredAnswer {
	itemKey: string;
	kind: AnswerKind | null;
	level: number | null;
	ticked: string[] | null;
	amount: number | null;
	naReason: string | null;
	comment: string | null;
	evidenceUrl: string | null;
	revision: number;
	updatedAt: Date;
}

export const refusals = [
	'not_found',
	'forbidden',
	'round_closed',
	'round_not_open',
	'submitted',
	'unknown_item',
	'unknown_level',
	'na_not_allowed',
	'na_reason_required',
	'evidence_invalid',
	'too_long',
	'nothing_answered',
	'not_submitted'
] as const;
export type Refusal = (typeof refusals)[number];

export class AnsweringError extends Error {
	constructor(readonly reason: Refusal) {
		super(reason);
	}
}

/** Who is asking: the user's id and grants (a SessionUser fits). */
export interface Person {
	id: string;
	grants: readonly Grant[];
}

export interface AssessmentContext {
	id: string;
	collaborationId: string;
	municipalityId: string;
	sectorId: string;
	roundId: string;
	versionId: string;
	state: RoundState;
	/** whether those who answer it together see each other's answers (disclosure/respondents.ts) */
	team: Team;
}

const contextColumns = (sql: Db) => sql`
	a.id, a.collaboration_id as "collaborationId", a.municipality_id as "municipalityId", a.sector_id as "sectorId",
	a.round_id as "roundId", r.questionnaire_version_id as "versionId", ${roundState(sql)} as state, a.team`;

export async function assessmentContext(sql: Db, assessmentId: string): Promise<AssessmentContext | null> {
	const [row] = await sql<AssessmentContext[]>`
		select ${contextColumns(sql)} from assessment a join round r on r.id = a.round_id where a.id = ${assessmentId}`;
	return row ?? null;
}

export interface FoundResponse {
	id: string;
	status: string;
}

/**
 * The assessment, if the person may answer it, and the person's response to it if there
 * is one, locked for the transaction: one round trip, as every save starts with it.
 * Refusals otherwise.
 */
export async function answerable(tx: Db, person: Person, assessmentId: string): Promise<{ context: AssessmentContext; response: FoundResponse | null }> {
	const [row] = await tx<(AssessmentContext & { responseId: string | null; responseStatus: string | null })[]>`
		select ${contextColumns(tx)}, own.id as "responseId", own.status as "responseStatus"
		from assessment a join round r on r.id = a.round_id
		left join lateral (select id, status from response where assessment_id = a.id and respondent_id = ${person.id} for update) own on true
		where a.id = ${assessmentId}`;
	if (!row) throw new AnsweringError('not_found');
	const { responseId, responseStatus, ...context } = row;
	if (!can(person.grants, 'assessment.answer', context)) throw new AnsweringError('forbidden');
	if (context.state === 'closed') throw new AnsweringError('round_closed');
	if (context.state === 'upcoming') throw new AnsweringError('round_not_open');
	return { context, response: responseId ? { id: responseId, status: responseStatus! } : null };
}

export const answerColumns = (sql: Db) => sql`
	item_key as "itemKey", kind, level, ticked, amount::float8 as amount, na_reason as "naReason", comment, evidence_url as "evidenceUrl", revision, updated_at as "updatedAt"`;

/**
 * The person's response to the assessment (`found` by answerable, locked); created when
 * missing and `create` (the first real answer), else null while there is none. Refused
 * once submitted. `created` tells the caller that the assessment's status may have changed.
 */
export async function ownResponse(
	tx: Db,
	context: AssessmentContext,
	userId: string,
	found: FoundResponse | null,
	{ create }: { create: boolean }
): Promise<{ id: string; created: boolean } | null> {
	let response = found;
	let created = false;
	if (!response && create) {
		await tx`
			insert into response (collaboration_id, assessment_id, respondent_id)
			values (${context.collaborationId}, ${context.id}, ${userId})
			on conflict (assessment_id, respondent_id) where respondent_id is not null do nothing`;
		const [row] = await tx<FoundResponse[]>`
			select id, status from response where assessment_id = ${context.id} and respondent_id = ${userId} for update`;
		response = row ?? null;
		created = true;
	}
	if (!response) return null;
	if (response.status === 'submitted') throw new AnsweringError('submitted');
	return { id: response.id, created };
}

/**
 * The assessment's status follows its responses: reopened while one is reopened, in
 * progress while one is being answered, submitted once all started ones are.
 */
export async function syncAssessmentStatus(tx: Db, assessmentId: string): Promise<void> {
	await tx`
		update assessment a set status = s.status, updated_at = now()
		from (
			select case
				when bool_or(r.status = 'reopened') then 'reopened'
				when bool_or(r.status = 'in_progress') then 'in_progress'
				when bool_or(r.status = 'submitted') then 'submitted'
				else 'not_started' end as status
			from response r where r.assessment_id = ${assessmentId}
		) s
		where a.id = ${assessmentId} and a.status is distinct from s.status`;
}

/** Submits the person's response: from now on it is locked, until a coordinator reopens it. */
export async function submitResponse(sql: Sql, person: Person, assessmentId: string): Promise<void> {
	await sql.begin(async (tx) => {
		const { context, response } = await answerable(tx, person, assessmentId);
		const responseId = (await ownResponse(tx, context, person.id, response, { create: false }))?.id ?? null;
		const [answered] = responseId
			? await tx<{ n: number }[]>`select count(*)::int as n from answer where response_id = ${responseId} and kind is not null`
			: [];
		if (!responseId || !answered?.n) throw new AnsweringError('nothing_answered');
		await tx`update response set status = 'submitted', submitted_at = now() where id = ${responseId}`;
		await syncAssessmentStatus(tx, assessmentId);
		await refreshScores(tx, assessmentId);
		await audit(tx, {
			action: 'response.submitted',
			actorId: person.id,
			collaborationId: context.collaborationId,
			subjectType: 'response',
			subjectId: responseId,
			detail: { assessmentId, answered: answered.n }
		});
	});
}

/**
 * A coordinator (or collaboration admin) reopens a submitted response so its respondent
 * can change it; the reason goes to the audit trail.
 */
export async function reopenResponse(sql: Sql, person: Person, collaborationId: string, responseId: string, reason: string): Promise<void> {
	await sql.begin(async (tx) => {
		const [row] = await tx<{ assessmentId: string; status: string }[]>`
			select assessment_id as "assessmentId", status from response
			where id = ${responseId} and collaboration_id = ${collaborationId} for update`;
		if (!row) throw new AnsweringError('not_found');
		const context = (await assessmentContext(tx, row.assessmentId))!;
		if (!can(person.grants, 'municipality.coordinate', context)) throw new AnsweringError('forbidden');
		if (context.state === 'closed') throw new AnsweringError('round_closed');
		if (row.status !== 'submitted') throw new AnsweringError('not_submitted');
		await tx`update response set status = 'reopened', submitted_at = null where id = ${responseId}`;
		await syncAssessmentStatus(tx, row.assessmentId);
		await refreshScores(tx, row.assessmentId);
		await audit(tx, {
			action: 'response.reopened',
			actorId: person.id,
			collaborationId,
			subjectType: 'response',
			subjectId: responseId,
			detail: { assessmentId: row.assessmentId, reason }
		});
	});
}

export interface OwnResponse {
	id: string;
	status: 'in_progress' | 'submitted' | 'reopened';
	submittedAt: Date | null;
	answers: Record<string, StoredAnswer>;
}

/** The person's own response to the assessment with its answers, or null before the first save. */
export async function loadOwnResponse(sql: Db, userId: string, assessmentId: string): Promise<OwnResponse | null> {
	const [response] = await sql<Omit<OwnResponse, 'answers'>[]>`
		select id, status, submitted_at as "submittedAt" from response where assessment_id = ${assessmentId} and respondent_id = ${userId}`;
	if (!response) return null;
	const answers = await sql<StoredAnswer[]>`select ${answerColumns(sql)} from answer where response_id = ${response.id}`;
	return { ...response, answers: Object.fromEntries(answers.map((a) => [a.itemKey, a])) };
}

/** May the person open the assessment's answering pages at all (whatever the round's state)? */
export function mayAnswer(person: Person, context: Pick<AssessmentContext, 'collaborationId' | 'municipalityId' | 'sectorId'>): boolean {
	return can(person.grants, 'assessment.answer', context);
}

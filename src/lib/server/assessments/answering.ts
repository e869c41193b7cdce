import type { Fragment, Sql } from 'postgres';
import { audit } from '../audit';
import { can, type Grant } from '../auth/access';
import type { Db } from '../db/index';
import type { Team } from '../disclosure/respondents';
import { refreshScores } from '../results/scores';
import { getVersionById } from '../questionnaires/versions';
import { fitsScale, itemScale, storedAnswer, type ItemScale } from '../scoring/items';
import { roundState, type RoundState } from './rounds';

/**
 * Answering an assessment: one response per respondent, saved item by item.
 *
 * Nothing is ever lost or silently overwritten:
 * - each save is an upsert of one item, so two tabs never wipe each other's other items;
 * - each answer carries a revision; a save names the revision the page had, and a save
 *   over a newer answer (changed in another tab) comes back as a conflict with the
 *   stored answer, instead of replacing it;
 * - a save whose content is already stored is acknowledged as saved, so a page may
 *   safely re-send anything it is not sure arrived.
 * Every refusal is an AnsweringError with a reason the route turns into a message.
 */

/** A point of a scale (level), options ticked, an amount, or no score (scoring/items.ts). */
export const answerKinds = ['level', 'ticked', 'amount', 'not_applicable', 'dont_know'] as const;
export type AnswerKind = (typeof answerKinds)[number];

export interface AnswerInput {
	itemKey: string;
	/** null: no choice yet (a comment or link may still be kept) */
	kind: AnswerKind | null;
	level: number | null;
	/** a checklist's options ticked (kind "ticked") */
	ticked?: string[] | null;
	/** a percent or a count (kind "amount") */
	amount?: number | null;
	naReason: string | null;
	comment: string | null;
	evidenceUrl: string | null;
	/** the revision the person's page showed; 0 when it had none */
	baseRevision: number;
}

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

export type SaveResult = { itemKey: string; outcome: 'saved'; revision: number } | { itemKey: string; outcome: 'conflict'; current: StoredAnswer };

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

interface FoundResponse {
	id: string;
	status: string;
}

/**
 * The assessment, if the person may answer it, and the person's response to it if there
 * is one, locked for the transaction: one round trip, as every save starts with it.
 * Refusals otherwise.
 */
async function answerable(tx: Db, person: Person, assessmentId: string): Promise<{ context: AssessmentContext; response: FoundResponse | null }> {
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

const answerColumns = (sql: Db) => sql`
	item_key as "itemKey", kind, level, ticked, amount::float8 as amount, na_reason as "naReason", comment, evidence_url as "evidenceUrl", revision, updated_at as "updatedAt"`;

const LIMITS = { naReason: 2000, comment: 4000, evidenceUrl: 2000 };

/** The same answer with every field there, the ones its kind does not use null. */
function normalised(input: AnswerInput): AnswerInput & { ticked: string[] | null; amount: number | null } {
	return {
		...input,
		level: input.kind === 'level' ? input.level : null,
		ticked: input.kind === 'ticked' ? (input.ticked ?? []) : null,
		amount: input.kind === 'amount' ? (input.amount ?? null) : null
	};
}

/** The rules of one answer's shape that do not need its item; `scale`: also whether the item can have it. */
function checkInput(input: AnswerInput, allowNa: boolean, scale?: ItemScale): void {
	if (input.kind !== null && !answerKinds.includes(input.kind)) throw new AnsweringError('unknown_level');
	if (input.kind === 'level' && !(Number.isInteger(input.level) && input.level! >= 1 && input.level! <= 100)) throw new AnsweringError('unknown_level');
	if (
		input.kind === 'ticked' &&
		!(
			Array.isArray(input.ticked) &&
			input.ticked.length > 0 &&
			input.ticked.length <= 100 &&
			input.ticked.every((t) => typeof t === 'string' && t.length <= 60)
		)
	)
		throw new AnsweringError('unknown_level');
	if (input.kind === 'amount' && !(typeof input.amount === 'number' && Number.isFinite(input.amount) && input.amount >= 0 && input.amount <= 1e9))
		throw new AnsweringError('unknown_level');
	if (scale && input.kind !== null) {
		const answer = storedAnswer(input);
		if (answer && !fitsScale(scale, answer)) throw new AnsweringError('unknown_level');
	}
	if (input.kind === 'not_applicable') {
		if (!allowNa) throw new AnsweringError('na_not_allowed');
		if (!input.naReason?.trim()) throw new AnsweringError('na_reason_required');
	} else if (input.naReason !== null) {
		input.naReason = null; // a reason belongs only to "not applicable"
	}
	for (const [field, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
		if ((input[field]?.length ?? 0) > max) throw new AnsweringError('too_long');
	}
	if (input.evidenceUrl !== null && !isWebAddress(input.evidenceUrl)) throw new AnsweringError('evidence_invalid');
}

/**
 * Whether an answer keeps every rule that does not depend on its item, so its update may
 * go out before the checks. "Not applicable" waits: only the version says whether the
 * item allows it.
 */
function mayGoEarly(input: AnswerInput): boolean {
	if (input.kind === 'not_applicable') return false;
	try {
		checkInput(input, false);
		return true;
	} catch {
		return false;
	}
}

export function isWebAddress(value: string): boolean {
	if (!/^https?:\/\//i.test(value)) return false;
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
}

function sameContent(a: StoredAnswer, input: AnswerInput): boolean {
	const b = normalised(input);
	return (
		a.kind === b.kind &&
		a.level === b.level &&
		JSON.stringify(a.ticked) === JSON.stringify(b.ticked) &&
		a.amount === b.amount &&
		a.naReason === b.naReason &&
		a.comment === b.comment &&
		a.evidenceUrl === b.evidenceUrl
	);
}

const isEmpty = (input: AnswerInput) => input.kind === null && input.comment === null && input.evidenceUrl === null;

/**
 * Saves the person's answers to items of the assessment, each as its own upsert, in one
 * transaction. The whole request is refused (nothing stored) when the person may not
 * answer, the round is not open, the response is submitted, or any answer breaks a rule.
 */
export async function saveAnswers(sql: Sql, person: Person, assessmentId: string, inputs: AnswerInput[], writer: string | null = null): Promise<SaveResult[]> {
	return sql.begin(async (tx) => {
		// The usual save changes answers that exist. Sent together, in this order, in one
		// round trip (postgres.js pipelines them): the check that locks the response, then
		// the update of each answer. A refusal below throws, and the transaction takes the
		// updates back; an update that found nothing to change goes the long way (saveOne).
		// Only inputs that keep every rule the database checks go out early, so no update
		// can fail and abort the transaction before the refusal it deserves.
		const checked = answerable(tx, person, assessmentId);
		const ownResponseId = tx`(select id from response where assessment_id = ${assessmentId} and respondent_id = ${person.id})`;
		const early = inputs.every(mayGoEarly);
		const updates = inputs.map((input) => (early ? updateAnswer(tx, ownResponseId, input, writer) : null));
		for (const update of updates) update?.catch(() => {}); // awaited below, unless a refusal comes first
		const { context, response } = await checked;
		if (inputs.length === 0) return [];
		const definition = (await getVersionById(tx, context.versionId))!;
		const items = new Map(definition.items.map((i) => [i.key, i]));
		for (const input of inputs) {
			const item = items.get(input.itemKey);
			if (!item) throw new AnsweringError('unknown_item');
			checkInput(input, item.allow_na, itemScale(definition.scoring.values, item));
		}

		const own = await ownResponse(tx, context, person.id, response, { create: inputs.some((i) => !isEmpty(i)) });
		const results: SaveResult[] = [];
		for (const [i, input] of inputs.entries()) {
			const [changed] = (await updates[i]) ?? [];
			if (changed) results.push({ itemKey: input.itemKey, outcome: 'saved', revision: changed.revision });
			else if (own === null) results.push({ itemKey: input.itemKey, outcome: 'saved', revision: 0 });
			else results.push(await saveOne(tx, context, own.id, input, writer));
		}
		if (own?.created) await syncAssessmentStatus(tx, assessmentId);
		return results;
	});
}

/**
 * The person's response to the assessment (`found` by answerable, locked); created when
 * missing and `create` (the first real answer), else null while there is none. Refused
 * once submitted. `created` tells the caller that the assessment's status may have changed.
 */
async function ownResponse(
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
 * The usual save in one statement: the answer exists, the page knew its revision (or the
 * stored revision is the page's own write), and the content differs. No row back when
 * any of that is not so.
 *
 * `writer` is the posting page's random id. A page sends one save at a time, so when the
 * stored revision is its own, nobody changed the answer after it: the page only missed
 * the acknowledgement (a server restart between commit and reply) and is not stale.
 */
function updateAnswer(tx: Db, responseId: string | Fragment, given: AnswerInput, writer: string | null) {
	const input = normalised(given);
	// An answer its item cannot have changes nothing here (answer_fits, migration 014): the checks refuse it after.
	return tx<{ revision: number }[]>`
		update answer x set kind = ${input.kind}, level = ${input.level}, ticked = ${input.ticked}::text[], amount = ${input.amount}::numeric,
			na_reason = ${input.naReason}, comment = ${input.comment},
			evidence_url = ${input.evidenceUrl}, revision = revision + 1, updated_at = now(), written_by = ${writer}
		where response_id = ${responseId} and item_key = ${input.itemKey}
			and (revision = ${input.baseRevision} or written_by = ${writer}::uuid)
			and (kind, level, ticked, amount, na_reason, comment, evidence_url) is distinct from
				(${input.kind}, ${input.level}::smallint, ${input.ticked}::text[], ${input.amount}::numeric, ${input.naReason}, ${input.comment}, ${input.evidenceUrl})
			and answer_fits((select scale from questionnaire_item i where i.questionnaire_version_id = x.questionnaire_version_id and i.key = x.item_key),
				${input.kind}, ${input.level}::smallint, ${input.ticked}::text[], ${input.amount}::numeric)
		returning revision`;
}

/**
 * One item the usual update did not change: the stored answer decides. Same content is
 * saved, a revision written by someone else since is a conflict, no answer yet is an insert.
 */
async function saveOne(tx: Db, context: AssessmentContext, responseId: string, input: AnswerInput, writer: string | null): Promise<SaveResult> {
	const selectCurrent = async () =>
		(
			await tx<(StoredAnswer & { writtenBy: string | null })[]>`
			select ${answerColumns(tx)}, written_by as "writtenBy" from answer
			where response_id = ${responseId} and item_key = ${input.itemKey} for update`
		)[0];
	let current = await selectCurrent();
	if (!current) {
		if (isEmpty(input)) return { itemKey: input.itemKey, outcome: 'saved', revision: 0 };
		const full = normalised(input);
		const [inserted] = await tx<{ revision: number }[]>`
			insert into answer (response_id, collaboration_id, questionnaire_version_id, item_key, kind, level, ticked, amount, na_reason, comment, evidence_url, written_by)
			values (${responseId}, ${context.collaborationId}, ${context.versionId}, ${input.itemKey}, ${full.kind}, ${full.level}, ${full.ticked}::text[], ${full.amount}::numeric,
				${input.naReason}, ${input.comment}, ${input.evidenceUrl}, ${writer})
			on conflict (response_id, item_key) do nothing returning revision`;
		if (inserted) return { itemKey: input.itemKey, outcome: 'saved', revision: inserted.revision };
		current = (await selectCurrent())!; // another tab inserted it a moment ago
	}
	const { writtenBy, ...stored } = current;
	if (sameContent(stored, input)) return { itemKey: input.itemKey, outcome: 'saved', revision: stored.revision };
	if (stored.revision !== input.baseRevision && (writer === null || writtenBy !== writer))
		return { itemKey: input.itemKey, outcome: 'conflict', current: stored };
	// The first update ran before the response existed in this transaction; with the row locked now it applies.
	const [updated] = await updateAnswer(tx, responseId, input, writer);
	return { itemKey: input.itemKey, outcome: 'saved', revision: updated!.revision };
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
export function mayAnswer(person: Person, context: AssessmentContext): boolean {
	return can(person.grants, 'assessment.answer', context);
}

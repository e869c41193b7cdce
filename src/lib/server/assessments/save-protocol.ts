import type { Fragment, Sql } from 'postgres';
import type { Db } from '../db/index';
import { getVersionById } from '../questionnaires/versions';
import { roundState } from '../calendar';
import { fitsScale, itemScale, storedAnswer, type ItemScale } from '../scoring/items';
import {
	answerable,
	answerColumns,
	AnsweringError,
	answerKinds,
	mayAnswer,
	ownResponse,
	syncAssessmentStatus,
	type AnswerKind,
	type AssessmentContext,
	type Person,
	type StoredAnswer
} from './response-lifecycle';

/**
 * The save protocol: how the person's answers are saved, item by item, into their own
 * response (response-lifecycle.ts). Nothing is ever lost or silently overwritten:
 * - each save is an upsert of one item, so two tabs never wipe each other's other items;
 * - each answer carries a revision; a save names the revision the page had, and a save
 *   over a newer answer (changed in another tab) comes back as a conflict with the
 *   stored answer, instead of replacing it;
 * - a save whose content is already stored is acknowledged as saved, so a page may
 *   safely re-send anything it is not sure arrived;
 * - `writer`, the posting page's random id, tells a lost acknowledgement from a change
 *   made elsewhere (updateAnswer).
 * Every answer is checked against its item (the version's definition) before anything
 * is stored; the database checks the same rules again (migration 014).
 */

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

export type SaveResult = { itemKey: string; outcome: 'saved'; revision: number } | { itemKey: string; outcome: 'conflict'; current: StoredAnswer };

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
	const quick = inputs.length === 1 ? await quickSave(sql, person, assessmentId, inputs[0]!, writer) : null;
	if (quick) return [quick];
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
		remember(context);
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
 * Where an assessment belongs (collaboration, municipality, sector) and which version its
 * round asks: facts that never change once the round is opened, kept per server from the
 * first save so the next ones can be checked before any SQL. quickSave's statement
 * confirms them, so a stale entry only sends a save the long way.
 */
type Placement = Pick<AssessmentContext, 'collaborationId' | 'municipalityId' | 'sectorId' | 'versionId'>;
const placements = new Map<string, Placement>();
const PLACEMENTS_KEPT = 10_000;

function remember({ id, collaborationId, municipalityId, sectorId, versionId }: AssessmentContext) {
	if (placements.size >= PLACEMENTS_KEPT) placements.clear();
	placements.set(id, { collaborationId, municipalityId, sectorId, versionId });
}

/**
 * The state of the round `ro` as SQL (the calendar's), built once per client: its nested
 * fragments took half of the save statement's own CPU when built anew for each save (a profile).
 */
const roundStates = new WeakMap<Sql, Fragment>();
function openRoundState(sql: Sql): Fragment {
	let state = roundStates.get(sql);
	if (!state) roundStates.set(sql, (state = roundState(sql, 'ro')));
	return state;
}

/**
 * The usual autosave, one changed answer, in one statement and one round trip, when
 * everything but the stored state is known to be right: the person may answer the
 * assessment (its remembered placement) and the answer fits its item (the version's
 * definition). The statement checks the rest as saveAnswers' transaction would, with the
 * response locked: the placement, the round open, the person's response there and not
 * submitted, the revision (or writer) and a change of content. Null, with nothing
 * stored, when any of that is not so: the long way then decides, refusals included.
 */
async function quickSave(sql: Sql, person: Person, assessmentId: string, input: AnswerInput, writer: string | null): Promise<SaveResult | null> {
	const placement = placements.get(assessmentId);
	if (!placement || !mayAnswer(person, placement) || !mayGoEarly(input)) return null;
	const definition = await getVersionById(sql, placement.versionId);
	const item = definition?.items.find((i) => i.key === input.itemKey);
	if (!definition || !item) return null;
	try {
		checkInput(input, item.allow_na, itemScale(definition.scoring.values, item));
	} catch {
		return null;
	}
	const ownOpenResponse = sql`(
		select r.id from response r join assessment a on a.id = r.assessment_id join round ro on ro.id = a.round_id
		where r.assessment_id = ${assessmentId} and r.respondent_id = ${person.id} and r.status <> 'submitted'
			and a.collaboration_id = ${placement.collaborationId} and a.municipality_id = ${placement.municipalityId}
			and a.sector_id = ${placement.sectorId} and ro.questionnaire_version_id = ${placement.versionId}
			and ${openRoundState(sql)} = 'open'
		for update of r)`;
	const [changed] = await updateAnswer(sql, ownOpenResponse, input, writer, { fits: true });
	return changed ? { itemKey: input.itemKey, outcome: 'saved', revision: changed.revision } : null;
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
function updateAnswer(tx: Db, responseId: string | Fragment, given: AnswerInput, writer: string | null, { fits = false } = {}) {
	const input = normalised(given);
	// Unless `fits` (checked against the item already), an answer its item cannot have
	// changes nothing here (answer_fits, migration 014): the checks refuse it after.
	const fitsItem = fits
		? tx``
		: tx`and answer_fits((select scale from questionnaire_item i where i.questionnaire_version_id = x.questionnaire_version_id and i.key = x.item_key),
				${input.kind}, ${input.level}::smallint, ${input.ticked}::text[], ${input.amount}::numeric)`;
	return tx<{ revision: number }[]>`
		update answer x set kind = ${input.kind}, level = ${input.level}, ticked = ${input.ticked}::text[], amount = ${input.amount}::numeric,
			na_reason = ${input.naReason}, comment = ${input.comment},
			evidence_url = ${input.evidenceUrl}, revision = revision + 1, updated_at = now(), written_by = ${writer}
		where response_id = ${responseId} and item_key = ${input.itemKey}
			and (revision = ${input.baseRevision} or written_by = ${writer}::uuid)
			and (kind, level, ticked, amount, na_reason, comment, evidence_url) is distinct from
				(${input.kind}, ${input.level}::smallint, ${input.ticked}::text[], ${input.amount}::numeric, ${input.naReason}, ${input.comment}, ${input.evidenceUrl})
			${fitsItem}
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

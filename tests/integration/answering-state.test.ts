import { beforeAll, describe, expect, it } from 'vitest';
import { AnsweringState, type AnsweringEnvironment, type ItemState, type SaveReply } from '../../src/lib/components/answering/answering-state.svelte';
import { AnsweringError, type Person } from '../../src/lib/server/assessments/response-lifecycle';
import { saveAnswers } from '../../src/lib/server/assessments/save-protocol';
import { parseAnswerForm } from '../../src/lib/server/assessments/form';
import { openRound } from '../../src/lib/server/assessments/rounds';
import { createCollaboration } from '../../src/lib/server/collaborations/collaborations';
import { formFields } from '../../src/lib/server/forms';
import { publishFromDirectory } from '../../src/lib/server/questionnaires/publish';
import { MemoryStore } from '../fixtures/unsent-memory';
import { first, useTestDatabase } from './database';

/**
 * The answering state (answering-state.md, R9) against the real save path on PostgreSQL:
 * pages that close with answers unsent, and the page opened after them, which sends what
 * they left as they would have. The network between them is the only thing simulated: a
 * request that never arrives, or one whose reply is lost after the server committed.
 */
const { sql } = useTestDatabase();
let assessmentId: string;
let person: Person;
let itemKeys: string[];
const level = (choice: string): ItemState => ({ choice, reason: '', comment: '', evidence: '' });

/** What the save action answers (answer-actions.ts), called directly. */
async function saveAction(body: URLSearchParams): Promise<SaveReply> {
	const { answers, errors, writer } = parseAnswerForm(formFields(body));
	try {
		const results = await saveAnswers(sql(), person, assessmentId, answers, writer);
		const failed = Object.keys(errors).length > 0 || results.some((r) => r.outcome === 'conflict');
		return { type: failed ? 'failure' : 'success', data: { results, errors } };
	} catch (e) {
		if (!(e instanceof AnsweringError)) throw e;
		return { type: 'failure', data: { refusal: `answer.refused.${e.reason}` as const } };
	}
}

type Network = 'up' | 'down' | 'reply-lost';
/** One page load: its state on the shared browser storage, and the network as the test sets it. */
function openPage(store: MemoryStore) {
	const page = { network: 'up' as Network };
	const env: AnsweringEnvironment = {
		async post(body) {
			if (page.network === 'down') throw new TypeError('Failed to fetch');
			const reply = await saveAction(body);
			if (page.network === 'reply-lost') throw new TypeError('network error'); // committed, but the page never hears it
			return reply;
		},
		online: () => page.network !== 'down',
		store,
		schedule: () => () => {} // no automatic retries: the test decides when a page tries
	};
	return Object.assign(page, { state: new AnsweringState([], env) });
}

/** What the server holds for the person, as the step's load gives it to a new page. */
async function storedAnswers() {
	const rows = await sql()<
		{ itemKey: string; kind: 'level' | 'dont_know' | 'not_applicable'; level: number | null; revision: number; writtenBy: string | null }[]
	>`
		select a.item_key as "itemKey", a.kind, a.level, a.revision, a.written_by as "writtenBy"
		from answer a join response r on r.id = a.response_id where r.respondent_id = ${person.id} and r.assessment_id = ${assessmentId}`;
	return new Map(rows.map((r) => [r.itemKey, r]));
}

/** A new page of the step: it reads the stored answers (as its load does), then restores. */
async function reopen(store: MemoryStore) {
	const page = openPage(store);
	for (const [key, a] of await storedAnswers())
		page.state.initial(key, { kind: a.kind, level: a.level, naReason: null, comment: null, evidenceUrl: null, revision: a.revision });
	await page.state.restore();
	return page;
}
const settled = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
	await publishFromDirectory(sql(), 'questionnaires', () => {});
	const { id: versionId } = await first(
		sql()<
			{ id: string }[]
		>`select id from questionnaire_version where version = 2 and questionnaire_id = (select id from questionnaire where slug = 'digital-maturity')`
	);
	itemKeys = (await sql()<{ key: string }[]>`select key from questionnaire_item where questionnaire_version_id = ${versionId} order by position`).map(
		(i) => i.key
	);
	const { id: collaborationId } = await createCollaboration(sql(), { name: 'Hedmark IKT', legalForm: 'iks', country: 'NO' }, null);
	const { id: hamar } = await first(
		sql()<{ id: string }[]>`insert into municipality (country, national_number, name) values ('NO', '3403', 'Hamar') returning id`
	);
	await sql()`insert into membership (collaboration_id, municipality_id, valid_from) values (${collaborationId}, ${hamar}, '2006-01-01')`;
	const [sector] = await sql()<{ id: string }[]>`select id from sector where collaboration_id = ${collaborationId} order by position limit 1`;
	const today = (await first(sql()<{ d: string }[]>`select (now() at time zone 'Europe/Oslo')::date::text as d`)).d;
	const roundId = await openRound(
		sql(),
		collaborationId,
		{
			year: Number(today.slice(0, 4)),
			questionnaireVersionId: versionId,
			opensOn: '2000-01-01',
			closesOn: '2199-12-31',
			municipalityIds: [hamar],
			sectorIds: [sector!.id]
		},
		null
	);
	({ id: assessmentId } = await first(sql()<{ id: string }[]>`select id from assessment where round_id = ${roundId}`));
	const { id } = await first(sql()<{ id: string }[]>`insert into app_user (email) values ('kari@hamar.no') returning id`);
	await sql()`insert into role_grant (user_id, role, collaboration_id, municipality_id, sector_id) values (${id}, 'respondent', ${collaborationId}, ${hamar}, ${sector!.id})`;
	person = { id, grants: [{ role: 'respondent', collaborationId, municipalityId: hamar, sectorId: sector!.id }] };
});

describe('a page closed with answers unsent, and the next one', () => {
	it('answers that never left the closed page arrive from the next page, and leave the storage', async () => {
		const store = new MemoryStore();
		const closed = openPage(store);
		await closed.state.restore();
		closed.network = 'down';
		closed.state.change(itemKeys[0]!, level('3'));
		closed.state.change(itemKeys[1]!, level('dont_know'));
		await settled();
		expect(store.records.size).toBe(2);
		store.close(closed.state.writer);

		const next = await reopen(store);
		await settled();
		expect(next.state.status).toBe('saved');
		const stored = await storedAnswers();
		expect(stored.get(itemKeys[0]!)).toMatchObject({ kind: 'level', level: 3, revision: 1, writtenBy: closed.state.writer });
		expect(stored.get(itemKeys[1]!)).toMatchObject({ kind: 'dont_know', revision: 1 });
		expect(store.records.size).toBe(0);
	});

	it('a change made after a save whose reply was lost is saved over that save, not refused as changed elsewhere', async () => {
		const store = new MemoryStore();
		const key = itemKeys[2]!;
		const closed = openPage(store);
		closed.network = 'reply-lost';
		closed.state.change(key, level('2'));
		await settled();
		expect((await storedAnswers()).get(key)).toMatchObject({ level: 2, revision: 1 }); // on the server, unknown to the page
		closed.network = 'down';
		closed.state.change(key, level('4'));
		await settled();
		store.close(closed.state.writer);

		const next = await reopen(store);
		await settled();
		expect(next.state.phase.get(key)).toBe('saved');
		expect((await storedAnswers()).get(key)).toMatchObject({ level: 4, revision: 2, writtenBy: closed.state.writer });
	});

	it('a save that arrived although its reply was lost is acknowledged as it is, without a new revision', async () => {
		const store = new MemoryStore();
		const key = itemKeys[3]!;
		const closed = openPage(store);
		closed.network = 'reply-lost';
		closed.state.change(key, level('5'));
		await settled();
		store.close(closed.state.writer);

		const next = await reopen(store);
		await settled();
		expect(next.state.phase.get(key)).toBe('saved');
		expect((await storedAnswers()).get(key)).toMatchObject({ level: 5, revision: 1 });
		expect(store.records.size).toBe(0);
	});

	it('an answer changed on another device meanwhile is not overwritten: the next page shows it as changed elsewhere', async () => {
		const store = new MemoryStore();
		const key = itemKeys[4]!;
		const closed = openPage(store);
		closed.network = 'down';
		closed.state.change(key, level('1'));
		await settled();
		store.close(closed.state.writer);

		const phone = openPage(new MemoryStore());
		phone.state.change(key, level('5'));
		await settled();

		const next = await reopen(store);
		await settled();
		expect(next.state.phase.get(key)).toBe('conflict');
		expect(next.state.replaced.get(key)).toEqual(level('5'));
		expect((await storedAnswers()).get(key)).toMatchObject({ level: 5, revision: 1, writtenBy: phone.state.writer });
		expect(store.records.size).toBe(0);
	});

	it('answers of a page that is still open are left to it', async () => {
		const store = new MemoryStore();
		const key = itemKeys[5]!;
		const open = openPage(store);
		await open.state.restore();
		open.network = 'down';
		open.state.change(key, level('2'));
		await settled();

		const other = await reopen(store);
		await settled();
		expect(other.state.pendingCount()).toBe(0);
		expect((await storedAnswers()).has(key)).toBe(false);
		open.network = 'up';
		expect(await open.state.retryNow()).toBe(true);
		expect((await storedAnswers()).get(key)).toMatchObject({ level: 2 });
	});
});

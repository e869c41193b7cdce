import { describe, expect, it } from 'vitest';
import { AnsweringState, RETRY_MS, type AnsweringEnvironment, type ItemState, type SaveReply } from './answering-state.svelte';
import type { UnsentAnswer } from './unsent-store';
import { MemoryStore } from '../../../../tests/fixtures/unsent-memory';

/**
 * The rules of answering-state.md, one `describe` per rule. The network is scripted (each
 * test says what the server answers); the server's own rules are tested against PostgreSQL
 * (tests/integration/answering.test.ts, answering-state.test.ts).
 */
const level = (choice: string, comment = ''): ItemState => ({ choice, reason: '', comment, evidence: '' });
const stored = (l: number, revision: number) => ({ kind: 'level' as const, level: l, naReason: null, comment: null, evidenceUrl: null, revision });

interface Sent {
	writer: string;
	items: Record<string, { rev: number; choice: string; comment: string }>;
}

/** A page's state with a scripted server: `reply` answers each request (the default: all saved, revision + 1). */
function page({ keys = [] as string[], store = new MemoryStore() as MemoryStore | null, online = true } = {}) {
	const sent: Sent[] = [];
	const timers: { run: () => void; ms: number }[] = [];
	const world = {
		online,
		reply: (request: Sent): Promise<SaveReply> | SaveReply => saveAll(request)
	};
	const env: AnsweringEnvironment = {
		async post(body) {
			const request = parse(body);
			sent.push(request);
			return world.reply(request);
		},
		online: () => world.online,
		store,
		schedule(run, ms) {
			const timer = { run, ms };
			timers.push(timer);
			return () => timers.splice(timers.indexOf(timer), 1);
		}
	};
	const state = new AnsweringState(keys, env);
	return { state, sent, timers, world, store };
}

function parse(body: URLSearchParams): Sent {
	const items: Sent['items'] = {};
	for (const [name, value] of body) {
		const [field, key] = name.split(/:(.*)/s) as [string, string | undefined];
		if (!key) continue;
		items[key] ??= { rev: 0, choice: '', comment: '' };
		if (field === 'rev') items[key].rev = Number(value);
		if (field === 'choice') items[key].choice = String(value);
		if (field === 'comment') items[key].comment = String(value);
	}
	return { writer: String(body.get('writer')), items };
}

const saveAll = (request: Sent): SaveReply => ({
	type: 'success',
	data: { results: Object.entries(request.items).map(([itemKey, i]) => ({ itemKey, outcome: 'saved' as const, revision: i.rev + 1 })) }
});
const settled = () => new Promise((r) => setTimeout(r, 0));

describe('R1 changes', () => {
	it('queues the latest state of an item, marks it pending and answered, and sends it', async () => {
		const { state, sent } = page();
		state.initial('a', stored(2, 3));
		state.change('a', level('4'));
		expect(state.phase.get('a')).toBe('pending');
		expect(state.answered.has('a')).toBe(true);
		expect(state.status).toBe('saving');
		await settled();
		expect(sent).toEqual([{ writer: state.writer, items: { a: { rev: 3, choice: '4', comment: '' } } }]);
		expect(state.status).toBe('saved');
		expect(state.phase.get('a')).toBe('saved');
	});

	it('an emptied choice takes the item out of the answered ones', () => {
		const { state } = page({ keys: ['a'] });
		state.change('a', level(''));
		expect(state.answered.has('a')).toBe(false);
	});
});

describe('R2 one request at a time', () => {
	it('changes made while a request is under way go in the next one, over the acknowledged revision', async () => {
		const { state, sent, world } = page();
		let answer!: () => void;
		world.reply = (request) => new Promise((resolve) => (answer = () => resolve(saveAll(request))));
		state.change('a', level('1'));
		state.change('a', level('2'));
		state.change('b', level('3'));
		expect(await state.flush()).toBe(false);
		expect(sent).toHaveLength(1);
		expect(state.waiting).toBe(2);
		answer();
		await settled();
		answer();
		await settled();
		expect(sent.map((r) => r.items)).toEqual([
			{ a: { rev: 0, choice: '1', comment: '' } },
			{ a: { rev: 1, choice: '2', comment: '' }, b: { rev: 0, choice: '3', comment: '' } }
		]);
		expect(state.status).toBe('saved');
		expect(state.waiting).toBe(0);
	});
});

describe('R3 acknowledged', () => {
	it('an item changed back to what was sent counts as acknowledged', async () => {
		const { state, world } = page();
		let answer!: () => void;
		world.reply = (request) => new Promise((resolve) => (answer = () => resolve(saveAll(request))));
		state.change('a', level('1'));
		state.change('a', level('2'));
		state.change('a', level('1'));
		answer();
		await settled();
		expect(state.pendingCount()).toBe(0);
		expect(state.phase.get('a')).toBe('saved');
	});
});

describe('R4 conflict', () => {
	it('shows the stored answer, drops the change from the queue and the storage, and does not send it again', async () => {
		const { state, sent, world, store } = page();
		world.reply = () => ({ type: 'failure', data: { results: [{ itemKey: 'a', outcome: 'conflict', current: { itemKey: 'a', ...stored(5, 7) } }] } });
		state.change('a', level('2'));
		await settled();
		expect(state.phase.get('a')).toBe('conflict');
		expect(state.replaced.get('a')).toEqual(level('5'));
		expect(state.pendingCount()).toBe(0);
		expect(store!.records.size).toBe(0);
		world.reply = saveAll;
		state.change('a', level('3'));
		await settled();
		expect(sent.at(-1)!.items.a!.rev).toBe(7);
	});
});

describe('R5 invalid', () => {
	it('marks the item with its error and takes it out of the queue', async () => {
		const { state, world } = page();
		world.reply = () => ({ type: 'failure', data: { results: [], errors: { a: 'answer.refused.evidence_invalid' } } });
		state.change('a', { ...level('3'), evidence: 'ftp://x' });
		await settled();
		expect(state.phase.get('a')).toBe('invalid');
		expect(state.errors.get('a')).toBe('answer.refused.evidence_invalid');
		expect(state.pendingCount()).toBe(0);
		state.change('a', level('3'));
		expect(state.errors.has('a')).toBe(false);
	});
});

describe('R6 refused', () => {
	it('keeps the queue and the stored copy, says why, and does not retry', async () => {
		const { state, world, timers, store } = page();
		world.reply = () => ({ type: 'failure', data: { refusal: 'answer.refused.round_closed' } });
		state.change('a', level('2'));
		await settled();
		expect(state.status).toBe('refused');
		expect(state.refusal).toBe('answer.refused.round_closed');
		expect(state.pendingCount()).toBe(1);
		expect(store!.records.has('a')).toBe(true);
		expect(timers).toHaveLength(0);
	});
});

describe('R7 not delivered', () => {
	it('keeps the queue and retries after 1, 2, 4, 8, 15, 15 s; offline or retrying as the browser says', async () => {
		const { state, world, timers, sent } = page({ online: false });
		world.reply = () => Promise.reject(new TypeError('Failed to fetch'));
		state.change('a', level('2'));
		await settled();
		expect(state.status).toBe('offline');
		world.online = true;
		const delays: number[] = [];
		for (let i = 0; i < 5; i++) {
			delays.push(timers[0]!.ms);
			timers.shift()!.run();
			await settled();
		}
		delays.push(timers[0]!.ms);
		expect(delays).toEqual([...RETRY_MS, 15000]);
		expect(state.status).toBe('retrying');
		expect(sent).toHaveLength(6);
		expect(state.pendingCount()).toBe(1);
	});

	it('a server error or a redirect is not an answer: the queue is kept and tried again', async () => {
		const { state, world, timers } = page();
		world.reply = () => ({ type: 'error' });
		state.change('a', level('2'));
		await settled();
		expect(state.status).toBe('retrying');
		world.reply = () => ({ type: 'redirect' });
		timers.shift()!.run();
		await settled();
		expect(state.status).toBe('retrying');
		world.reply = saveAll;
		timers.shift()!.run();
		await settled();
		expect(state.status).toBe('saved');
	});

	it('back online, it tries at once and starts the delays again', async () => {
		const { state, world, timers } = page();
		world.reply = () => Promise.reject(new TypeError('Failed to fetch'));
		state.change('a', level('2'));
		await settled();
		timers.shift()!.run();
		await settled();
		expect(timers[0]!.ms).toBe(RETRY_MS[1]);
		void state.retryNow();
		await settled();
		expect(timers).toHaveLength(1);
		expect(timers[0]!.ms).toBe(RETRY_MS[0]);
		world.reply = saveAll;
		expect(await state.retryNow()).toBe(true);
		expect(timers).toHaveLength(0);
	});
});

describe('R8 kept in the browser', () => {
	it('writes each change with the revision it was made over and the page, and removes it once acknowledged', async () => {
		const { state, store, world } = page();
		state.initial('a', stored(2, 4));
		world.reply = () => Promise.reject(new TypeError('offline'));
		state.change('a', level('3', 'notat'));
		expect(state.durable).toBe(false);
		await settled();
		expect(state.durable).toBe(true);
		expect(store!.records.get('a')).toMatchObject({ itemKey: 'a', state: level('3', 'notat'), baseRevision: 4, writer: state.writer });
		world.reply = saveAll;
		await state.retryNow();
		expect(store!.records.size).toBe(0);
	});

	it('an acknowledgement never removes a later change of the item', async () => {
		const { state, store, world } = page();
		let answer!: () => void;
		world.reply = (request) => new Promise((resolve) => (answer = () => resolve(saveAll(request))));
		state.change('a', level('1'));
		state.change('a', level('2'));
		await settled();
		answer();
		await settled();
		expect(store!.records.get('a')!.state.choice).toBe('2');
	});

	it('without storage, or when writing fails, the page is not durable (and asks before it is left)', async () => {
		const none = page({ store: null });
		none.world.reply = () => Promise.reject(new TypeError('offline'));
		expect(none.state.durable).toBe(true);
		none.state.change('a', level('1'));
		await settled();
		expect(none.state.durable).toBe(false);

		const full = page();
		full.store!.failWrites = true;
		full.world.reply = () => Promise.reject(new TypeError('offline'));
		full.state.change('a', level('1'));
		await settled();
		expect(full.state.durable).toBe(false);
	});
});

describe('R9 the next page sends what a closed page left', () => {
	const left = (itemKey: string, choice: string, baseRevision: number, writer: string): UnsentAnswer => ({
		itemKey,
		state: level(choice),
		baseRevision,
		writer,
		changedAt: 1000
	});

	it('sends the records of a closed page as that page, over their own revisions, and shows them', async () => {
		const store = new MemoryStore();
		for (const r of [left('a', '4', 2, 'closed-tab'), left('b', '5', 0, 'closed-tab')]) await store.put(r);
		const { state, sent } = page({ store });
		state.initial('a', stored(1, 3)); // the closed page's save reached the server, its reply did not
		await state.restore();
		expect(sent).toEqual([{ writer: 'closed-tab', items: { a: { rev: 2, choice: '4', comment: '' }, b: { rev: 0, choice: '5', comment: '' } } }]);
		expect(state.replaced.get('a')).toEqual(level('4'));
		expect(state.answered.has('b')).toBe(true);
		expect(state.status).toBe('saved');
		expect(store.records.size).toBe(0);
		expect(store.open.has(state.writer)).toBe(true);
	});

	it('leaves the records of a page that is still open to that page, and takes each closed page once', async () => {
		const store = new MemoryStore();
		await store.put(left('a', '4', 2, 'open-tab'));
		await store.put(left('b', '1', 0, 'closed-tab'));
		store.open.add('open-tab');
		const first = page({ store });
		const second = page({ store });
		await Promise.all([first.state.restore(), second.state.restore()]);
		expect([...first.sent, ...second.sent].map((r) => [r.writer, Object.keys(r.items)])).toEqual([['closed-tab', ['b']]]);
		expect(store.records.has('a')).toBe(true);
	});

	it('an item already changed in this page keeps this page’s change', async () => {
		const store = new MemoryStore();
		await store.put(left('a', '4', 2, 'closed-tab'));
		const { state, sent, world } = page({ store });
		world.reply = () => Promise.reject(new TypeError('offline'));
		state.change('a', level('1'));
		await state.restore();
		expect(sent.every((r) => r.writer === state.writer && r.items.a!.choice === '1')).toBe(true);
	});

	it('a change of a taken-over item keeps the closed page’s id and revision until it is acknowledged', async () => {
		const store = new MemoryStore();
		await store.put(left('a', '4', 2, 'closed-tab'));
		const { state, sent, world } = page({ store });
		world.reply = () => Promise.reject(new TypeError('offline'));
		await state.restore();
		state.change('a', level('5'));
		await settled();
		world.reply = saveAll;
		expect(await state.retryNow()).toBe(true);
		expect(sent.at(-1)).toEqual({ writer: 'closed-tab', items: { a: { rev: 2, choice: '5', comment: '' } } });
		state.change('a', level('3'));
		await settled();
		expect(sent.at(-1)).toEqual({ writer: state.writer, items: { a: { rev: 3, choice: '3', comment: '' } } });
	});

	it('restores once per page', async () => {
		const store = new MemoryStore();
		await store.put(left('a', '4', 2, 'closed-tab'));
		const { state, sent } = page({ store });
		await state.restore();
		await store.put(left('b', '4', 0, 'another-closed-tab'));
		await state.restore();
		expect(sent).toHaveLength(1);
	});
});

describe('R10 closed rounds', () => {
	it('discard() forgets every record of the assessment', async () => {
		const store = new MemoryStore();
		await store.put({ itemKey: 'a', state: level('4'), baseRevision: 0, writer: 'w', changedAt: 1 });
		const { state } = page({ store });
		await state.discard();
		expect(store.records.size).toBe(0);
	});
});

describe('R11 changed elsewhere, seen on reload', () => {
	it('takes over a newer stored revision and says so; leaves queued items alone', async () => {
		const { state, world } = page();
		state.initial('a', stored(2, 1));
		state.initial('b', stored(2, 1));
		world.reply = () => Promise.reject(new TypeError('offline'));
		state.change('b', level('3'));
		state.observe('a', stored(5, 2));
		state.observe('b', stored(5, 2));
		expect(state.phase.get('a')).toBe('conflict');
		expect(state.replaced.get('a')).toEqual(level('5'));
		expect(state.phase.get('b')).toBe('pending');
		expect(state.replaced.has('b')).toBe(false);
	});
});

describe('R12 what a step shows', () => {
	it('a queued change wins over the stored answer', () => {
		const { state, world } = page();
		world.reply = () => Promise.reject(new TypeError('offline'));
		expect(state.initial('a', stored(2, 1))).toEqual(level('2'));
		state.change('a', level('4'));
		expect(state.initial('a', stored(2, 1))).toEqual(level('4'));
	});
});

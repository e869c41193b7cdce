import { getContext, setContext } from 'svelte';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { MessageKey } from '$lib/i18n';
import type { UnsentAnswer, UnsentStore } from './unsent-store';

/**
 * The answering page's memory in the browser, shared by every step of one assessment:
 * which items are answered, the revision of each saved answer, and the queue of answers
 * not yet acknowledged by the server, mirrored into the browser's storage so that closing
 * the page loses none. What it does, exactly, is in answering-state.md; the unit tests
 * (answering-state.spec.ts) follow that document.
 */
export interface ItemState {
	/** a point ("1", "2", …), "dont_know", "not_applicable", "given" (the ticks or the amount below), or "" before a choice */
	choice: string;
	/** a checklist's options ticked */
	ticked?: string[];
	/** a percent or a count, as typed */
	amount?: string;
	reason: string;
	comment: string;
	evidence: string;
}

export type ItemPhase = 'saved' | 'pending' | 'conflict' | 'invalid';
export type SaveStatus = 'saved' | 'saving' | 'retrying' | 'offline' | 'refused';

export interface StoredItem {
	kind: 'level' | 'ticked' | 'amount' | 'not_applicable' | 'dont_know' | null;
	level: number | null;
	ticked?: string[] | null;
	amount?: number | null;
	naReason: string | null;
	comment: string | null;
	evidenceUrl: string | null;
	revision: number;
}

type SaveResult = { itemKey: string; outcome: 'saved'; revision: number } | { itemKey: string; outcome: 'conflict'; current: StoredItem & { itemKey: string } };
interface SaveData {
	results?: SaveResult[];
	errors?: Record<string, MessageKey>;
	refusal?: MessageKey;
}

/** What the save action answered: its result (a `fail` included), or anything else (an error page, a redirect to sign-in). */
export type SaveReply = { type: 'success' | 'failure'; data?: SaveData } | { type: 'error' | 'redirect' };

/** The page's ties to the world, so the state itself can be tested without a browser. */
export interface AnsweringEnvironment {
	/**
	 * Posts one save; rejects when the request or its reply got lost. The body is the step
	 * form's fields, URL-encoded: the server reads it in about half the time of a multipart one.
	 */
	post(body: URLSearchParams): Promise<SaveReply>;
	online(): boolean;
	/** where unsent answers outlive the page; null: only in the page */
	store: UnsentStore | null;
	/** waits for the next try (tests pass their own clock) */
	schedule?(retry: () => void, ms: number): () => void;
}

export const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

/** One unsent change. `base` and `writer` are fixed for a change another page made (taken over); else the page's own. */
interface Pending {
	state: ItemState;
	writer: string;
	/** the revision to send; undefined: the one the page knows when it sends */
	base: number | undefined;
	changedAt: number;
}

export function itemStateOf(stored: StoredItem | undefined): ItemState {
	if (!stored) return { choice: '', reason: '', comment: '', evidence: '' };
	const given = stored.kind === 'ticked' || stored.kind === 'amount';
	return {
		choice: stored.kind === 'level' ? String(stored.level) : given ? 'given' : (stored.kind ?? ''),
		...(stored.kind === 'ticked' ? { ticked: [...(stored.ticked ?? [])] } : {}),
		...(stored.kind === 'amount' ? { amount: String(stored.amount ?? '') } : {}),
		reason: stored.naReason ?? '',
		comment: stored.comment ?? '',
		evidence: stored.evidenceUrl ?? ''
	};
}

export class AnsweringState {
	readonly answered: SvelteSet<string>;
	readonly phase = new SvelteMap<string, ItemPhase>();
	readonly errors = new SvelteMap<string, MessageKey>();
	/** what the page shows for items whose stored answer changed elsewhere, or that a closed page left unsent */
	readonly replaced = new SvelteMap<string, ItemState>();
	status = $state<SaveStatus>('saved');
	refusal = $state<MessageKey | null>(null);
	waiting = $state(0);
	/** every unsent answer is in the browser's storage too: closing the page loses none */
	durable = $state(true);

	// Bookkeeping, not shown: plain maps on purpose (what the page shows is above).
	readonly #pending = new Map<string, Pending>(); // eslint-disable-line svelte/prefer-svelte-reactivity
	readonly #revisions = new Map<string, number>(); // eslint-disable-line svelte/prefer-svelte-reactivity
	/** pending changes whose copy in the store is not written yet */
	readonly #unwritten = new Set<Pending>(); // eslint-disable-line svelte/prefer-svelte-reactivity
	/** this page's id, sent with each save: lets the server recognise a re-sent save of its own */
	readonly writer = randomId();
	#inFlight = false;
	#attempt = 0;
	#cancelRetry: (() => void) | undefined;
	#clock = 0;
	#restored = false;

	constructor(
		answeredKeys: readonly string[],
		private readonly env: AnsweringEnvironment
	) {
		this.answered = new SvelteSet(answeredKeys);
	}

	/** Listens for the browser coming back online; returns the cleanup. */
	connect(): () => void {
		const online = () => this.retryNow();
		window.addEventListener('online', online);
		return () => {
			window.removeEventListener('online', online);
			this.#cancelRetry?.();
		};
	}

	/** Tries at once, without waiting for the next retry (the browser is back online). */
	retryNow(): Promise<boolean> {
		this.#attempt = 0;
		return this.flush();
	}

	/** The state a step should show for an item: an unsent change wins over what the server sent. */
	initial(key: string, stored: StoredItem | undefined): ItemState {
		const known = this.#revisions.get(key) ?? 0;
		if (stored && stored.revision >= known) this.#revisions.set(key, stored.revision);
		return this.#pending.get(key)?.state ?? itemStateOf(stored);
	}

	pendingCount(): number {
		return this.#pending.size;
	}

	change(key: string, state: ItemState) {
		const before = this.#pending.get(key);
		// A change over one that a closed page left keeps that page's revision and id until it is acknowledged.
		const adopted = before && before.writer !== this.writer;
		this.#queue(key, { state: { ...state }, writer: adopted ? before.writer : this.writer, base: adopted ? before.base : undefined, changedAt: this.#now() });
		this.phase.set(key, 'pending');
		this.errors.delete(key);
		this.#mark(key, state);
		void this.flush();
	}

	/**
	 * Takes over what pages of this assessment that are gone left unsent, and sends it as
	 * they would have: with the revision each change was made over and that page's id.
	 * Items changed in this page already keep this page's change.
	 */
	async restore(): Promise<void> {
		const store = this.env.store;
		if (!store || this.#restored) return;
		this.#restored = true;
		try {
			await store.claim(this.writer);
			const left = (await store.load()).filter((a) => a.writer !== this.writer);
			const writers = [...new Set(left.map((a) => a.writer))]; // eslint-disable-line svelte/prefer-svelte-reactivity -- bookkeeping
			const gone: string[] = [];
			for (const writer of writers) if (await store.adopt(writer)) gone.push(writer);
			for (const answer of left) {
				if (!gone.includes(answer.writer) || this.#pending.has(answer.itemKey)) continue;
				this.#pending.set(answer.itemKey, { state: answer.state, writer: answer.writer, base: answer.baseRevision, changedAt: answer.changedAt });
				this.phase.set(answer.itemKey, 'pending');
				this.replaced.set(answer.itemKey, { ...answer.state });
				this.#mark(answer.itemKey, answer.state);
			}
		} catch {
			this.durable = false; // storage refused (full, private mode): the page still sends what it has
		}
		this.waiting = this.#pending.size;
		await this.flush();
	}

	/** Forgets what pages of this assessment left unsent (its round has closed: it can never be saved). */
	async discard(): Promise<void> {
		const store = this.env.store;
		if (!store) return;
		try {
			for (const answer of await store.load()) await store.forget(answer);
		} catch {
			// nothing kept, nothing to forget
		}
	}

	/** Sends everything unsent, one request at a time. Resolves true when nothing is left waiting. */
	async flush(): Promise<boolean> {
		if (this.#inFlight) return false;
		if (this.#pending.size === 0) {
			if (this.status !== 'refused') this.status = 'saved';
			return true;
		}
		this.#cancelRetry?.();
		// One page's changes per request: the server recognises a writer's own earlier save by its id.
		const writer = this.#pending.values().next().value!.writer;
		const batch = new Map([...this.#pending].filter(([, p]) => p.writer === writer)); // eslint-disable-line svelte/prefer-svelte-reactivity -- a snapshot
		this.#inFlight = true;
		this.status = 'saving';
		let retry = false;
		try {
			const reply = await this.env.post(this.#body(batch, writer));
			if (reply.type === 'success' || reply.type === 'failure') {
				const data = reply.data ?? {};
				if (data.refusal) {
					this.status = 'refused';
					this.refusal = data.refusal;
				} else {
					this.#settle(batch, data.results ?? [], data.errors ?? {});
					this.#attempt = 0;
				}
			} else {
				retry = true; // a server error or a redirect (signed out): keep the answers, try again
			}
		} catch {
			retry = true; // no connection, or the reply was lost
		} finally {
			this.#inFlight = false;
		}
		this.waiting = this.#pending.size;
		if (retry) {
			this.status = this.env.online() ? 'retrying' : 'offline';
			const delay = RETRY_MS[Math.min(this.#attempt++, RETRY_MS.length - 1)]!;
			const schedule = this.env.schedule ?? ((run, ms) => clearTimeout.bind(null, setTimeout(run, ms)));
			this.#cancelRetry = schedule(() => void this.flush(), delay);
			return false;
		}
		if (this.status === 'refused') return false;
		if (this.#pending.size > 0) return this.flush();
		this.status = 'saved';
		return true;
	}

	#body(batch: Map<string, Pending>, writer: string): URLSearchParams {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a request body, built and sent, never state
		const body = new URLSearchParams();
		body.set('writer', writer);
		for (const [key, { state, base }] of batch) {
			body.set(`rev:${key}`, String(base ?? this.#revisions.get(key) ?? 0));
			body.set(`choice:${key}`, state.choice);
			for (const option of state.ticked ?? []) body.set(`tick:${key}:${option}`, 'on');
			if (state.amount) body.set(`amount:${key}`, state.amount);
			body.set(`reason:${key}`, state.reason);
			body.set(`comment:${key}`, state.comment);
			body.set(`evidence:${key}`, state.evidence);
		}
		return body;
	}

	#settle(batch: Map<string, Pending>, results: SaveResult[], errors: Record<string, MessageKey>) {
		// An item changed again while its save was under way stays queued with the newer change.
		const unchanged = (key: string) => {
			const now = this.#pending.get(key);
			const sent = batch.get(key)!;
			return now === undefined || now === sent || (now.writer === sent.writer && sameState(now.state, sent.state));
		};
		for (const result of results) {
			if (result.outcome === 'saved') {
				this.#revisions.set(result.itemKey, result.revision);
				if (unchanged(result.itemKey)) {
					this.#unqueue(result.itemKey);
					this.phase.set(result.itemKey, 'saved');
				} else {
					// Sent again over the revision just acknowledged, as this page's own change.
					const newer = this.#pending.get(result.itemKey)!;
					if (newer.writer !== this.writer) this.#queue(result.itemKey, { ...newer, writer: this.writer, base: undefined });
				}
			} else {
				// Changed in another tab or device: show what is stored, never overwrite it unseen.
				const current = itemStateOf(result.current);
				this.#revisions.set(result.itemKey, result.current.revision);
				this.#unqueue(result.itemKey);
				this.phase.set(result.itemKey, 'conflict');
				this.replaced.set(result.itemKey, current);
				this.#mark(result.itemKey, current);
			}
		}
		for (const [key, message] of Object.entries(errors)) {
			if (unchanged(key)) this.#unqueue(key);
			this.phase.set(key, 'invalid');
			this.errors.set(key, message);
		}
	}

	/** A stored answer newer than the page's (another tab saved it): take it, and say so. */
	observe(key: string, stored: StoredItem | undefined) {
		if (!stored || this.#pending.has(key)) return;
		const known = this.#revisions.get(key);
		if (known !== undefined && stored.revision > known) {
			this.#revisions.set(key, stored.revision);
			this.phase.set(key, 'conflict');
			this.replaced.set(key, itemStateOf(stored));
			this.#mark(key, itemStateOf(stored));
		} else if (known === undefined) {
			this.#revisions.set(key, stored.revision);
		}
	}

	/** Queues a change and writes it to the store (the revision it was made over, for a later page). */
	#queue(key: string, pending: Pending) {
		const before = this.#pending.get(key);
		if (before) this.#unwritten.delete(before);
		this.#pending.set(key, pending);
		this.waiting = this.#pending.size;
		const store = this.env.store;
		if (!store) {
			this.durable = false;
			return;
		}
		this.#unwritten.add(pending);
		this.durable = false;
		store.put(this.#record(key, pending)).then(
			() => {
				this.#unwritten.delete(pending);
				this.durable = this.#unwritten.size === 0;
			},
			() => void 0 // not kept: `durable` stays false, and leaving the page asks first
		);
	}

	/** Takes an acknowledged or superseded change out of the queue and out of the store. */
	#unqueue(key: string) {
		const pending = this.#pending.get(key);
		if (!pending) return;
		this.#pending.delete(key);
		this.#unwritten.delete(pending);
		if (this.env.store) {
			this.durable = this.#unwritten.size === 0;
			void this.env.store.forget(this.#record(key, pending)).catch(() => {});
		}
	}

	#record(key: string, p: Pending): UnsentAnswer {
		return { itemKey: key, state: p.state, baseRevision: p.base ?? this.#revisions.get(key) ?? 0, writer: p.writer, changedAt: p.changedAt };
	}

	#mark(key: string, state: ItemState) {
		if (state.choice) this.answered.add(key);
		else this.answered.delete(key);
	}

	/** Milliseconds, strictly increasing within the page, so two changes of an item in one millisecond differ. */
	#now(): number {
		return (this.#clock = Math.max(Date.now(), this.#clock + 1));
	}
}

/** A random UUID; crypto.randomUUID exists only on HTTPS and localhost, getRandomValues everywhere. */
function randomId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sameState(a: ItemState, b: ItemState): boolean {
	return (
		a.choice === b.choice &&
		(a.ticked ?? []).join() === (b.ticked ?? []).join() &&
		(a.amount ?? '') === (b.amount ?? '') &&
		a.reason === b.reason &&
		a.comment === b.comment &&
		a.evidence === b.evidence
	);
}

const KEY = Symbol('answering');

export function setAnsweringState(state: AnsweringState): AnsweringState {
	return setContext(KEY, state);
}

export function useAnsweringState(): AnsweringState {
	return getContext<AnsweringState>(KEY);
}

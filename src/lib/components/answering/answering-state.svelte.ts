import { getContext, setContext } from 'svelte';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { deserialize } from '$app/forms';
import type { MessageKey } from '$lib/i18n';

/**
 * The answering page's memory in the browser, shared by every step of one assessment:
 * which items are answered, the revision of each saved answer, and the queue of answers
 * not yet acknowledged by the server.
 *
 * An answer is sent the moment it is given. Until the server acknowledges it, it stays
 * in the queue: a lost connection, a restarting server or a 5xx keeps it there and it is
 * sent again (with backoff, and at once when the browser is back online). Re-sending is
 * safe: the server acknowledges an answer it already holds, and a newer change over a
 * save whose acknowledgement was lost is recognised by the page's id (`writer`), not
 * taken for another tab's. Only the latest state of each item is kept, and each item is
 * its own upsert on the server.
 */
export interface ItemState {
	/** "1"…"5", "dont_know", "not_applicable", or "" before a choice */
	choice: string;
	reason: string;
	comment: string;
	evidence: string;
}

export type ItemPhase = 'saved' | 'pending' | 'conflict' | 'invalid';
export type SaveStatus = 'saved' | 'saving' | 'retrying' | 'offline' | 'refused';

export interface StoredItem {
	kind: 'level' | 'not_applicable' | 'dont_know' | null;
	level: number | null;
	naReason: string | null;
	comment: string | null;
	evidenceUrl: string | null;
	revision: number;
}

type SaveResult = { itemKey: string; outcome: 'saved'; revision: number } | { itemKey: string; outcome: 'conflict'; current: StoredItem & { itemKey: string } };

const RETRY_MS = [1000, 2000, 4000, 8000, 15000];

export function itemStateOf(stored: StoredItem | undefined): ItemState {
	if (!stored) return { choice: '', reason: '', comment: '', evidence: '' };
	return {
		choice: stored.kind === 'level' ? String(stored.level) : (stored.kind ?? ''),
		reason: stored.naReason ?? '',
		comment: stored.comment ?? '',
		evidence: stored.evidenceUrl ?? ''
	};
}

export class AnsweringState {
	readonly answered: SvelteSet<string>;
	readonly phase = new SvelteMap<string, ItemPhase>();
	readonly errors = new SvelteMap<string, MessageKey>();
	/** what the page shows for items whose stored answer changed elsewhere */
	readonly replaced = new SvelteMap<string, ItemState>();
	status = $state<SaveStatus>('saved');
	refusal = $state<MessageKey | null>(null);
	waiting = $state(0);

	// Bookkeeping, not shown: plain maps on purpose (what the page shows is above).
	readonly #pending = new Map<string, ItemState>(); // eslint-disable-line svelte/prefer-svelte-reactivity
	readonly #revisions = new Map<string, number>(); // eslint-disable-line svelte/prefer-svelte-reactivity
	/** this page's id, sent with each save: lets the server recognise a re-sent save of its own */
	readonly #writer = randomId();
	#inFlight = false;
	#attempt = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		answeredKeys: readonly string[],
		private readonly actionUrl: () => string
	) {
		this.answered = new SvelteSet(answeredKeys);
	}

	/** Listens for the browser coming back online; returns the cleanup. */
	connect(): () => void {
		const online = () => {
			this.#attempt = 0;
			void this.flush();
		};
		window.addEventListener('online', online);
		return () => {
			window.removeEventListener('online', online);
			clearTimeout(this.#timer);
		};
	}

	/** The state a step should show for an item: an unsent change wins over what the server sent. */
	initial(key: string, stored: StoredItem | undefined): ItemState {
		const known = this.#revisions.get(key) ?? 0;
		if (stored && stored.revision >= known) this.#revisions.set(key, stored.revision);
		return this.#pending.get(key) ?? itemStateOf(stored);
	}

	pendingCount(): number {
		return this.#pending.size;
	}

	change(key: string, state: ItemState) {
		this.#pending.set(key, { ...state });
		this.phase.set(key, 'pending');
		this.errors.delete(key);
		if (state.choice) this.answered.add(key);
		else this.answered.delete(key);
		this.waiting = this.#pending.size;
		void this.flush();
	}

	/** Sends everything unsent. Resolves true when nothing is left waiting. */
	async flush(): Promise<boolean> {
		if (this.#inFlight) return false;
		if (this.#pending.size === 0) {
			if (this.status !== 'refused') this.status = 'saved';
			return true;
		}
		clearTimeout(this.#timer);
		const batch = new Map(this.#pending); // eslint-disable-line svelte/prefer-svelte-reactivity -- a snapshot
		this.#inFlight = true;
		this.status = 'saving';
		let retry = false;
		try {
			const response = await fetch(this.actionUrl(), {
				method: 'POST',
				body: this.#body(batch),
				headers: { 'x-sveltekit-action': 'true', accept: 'application/json' }
			});
			const result = deserialize(await response.text());
			if (result.type === 'success' || result.type === 'failure') {
				const data = (result.data ?? {}) as { results?: SaveResult[]; errors?: Record<string, MessageKey>; refusal?: MessageKey };
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
			retry = true; // no connection
		} finally {
			this.#inFlight = false;
		}
		this.waiting = this.#pending.size;
		if (retry) {
			this.status = navigator.onLine ? 'retrying' : 'offline';
			const delay = RETRY_MS[Math.min(this.#attempt++, RETRY_MS.length - 1)]!;
			this.#timer = setTimeout(() => void this.flush(), delay);
			return false;
		}
		if (this.status === 'refused') return false;
		if (this.#pending.size > 0) return this.flush();
		this.status = 'saved';
		return true;
	}

	#body(batch: Map<string, ItemState>): FormData {
		const body = new FormData();
		body.set('writer', this.#writer);
		for (const [key, state] of batch) {
			body.set(`rev:${key}`, String(this.#revisions.get(key) ?? 0));
			body.set(`choice:${key}`, state.choice);
			body.set(`reason:${key}`, state.reason);
			body.set(`comment:${key}`, state.comment);
			body.set(`evidence:${key}`, state.evidence);
		}
		return body;
	}

	#settle(batch: Map<string, ItemState>, results: SaveResult[], errors: Record<string, MessageKey>) {
		const unchanged = (key: string) => this.#pending.get(key) === undefined || sameState(this.#pending.get(key)!, batch.get(key)!);
		for (const result of results) {
			if (result.outcome === 'saved') {
				this.#revisions.set(result.itemKey, result.revision);
				if (unchanged(result.itemKey)) {
					this.#pending.delete(result.itemKey);
					this.phase.set(result.itemKey, 'saved');
				}
			} else {
				// Changed in another tab or device: show what is stored, never overwrite it unseen.
				const current = itemStateOf(result.current);
				this.#revisions.set(result.itemKey, result.current.revision);
				this.#pending.delete(result.itemKey);
				this.phase.set(result.itemKey, 'conflict');
				this.replaced.set(result.itemKey, current);
				if (current.choice) this.answered.add(result.itemKey);
				else this.answered.delete(result.itemKey);
			}
		}
		for (const [key, message] of Object.entries(errors)) {
			if (unchanged(key)) this.#pending.delete(key);
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
			if (stored.kind) this.answered.add(key);
			else this.answered.delete(key);
		} else if (known === undefined) {
			this.#revisions.set(key, stored.revision);
		}
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
	return a.choice === b.choice && a.reason === b.reason && a.comment === b.comment && a.evidence === b.evidence;
}

const KEY = Symbol('answering');

export function setAnsweringState(state: AnsweringState): AnsweringState {
	return setContext(KEY, state);
}

export function useAnsweringState(): AnsweringState {
	return getContext<AnsweringState>(KEY);
}

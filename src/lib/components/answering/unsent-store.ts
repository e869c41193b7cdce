import type { ItemState } from './answering-state.svelte';

/**
 * Where the answering page keeps answers the server has not acknowledged, so that closing
 * the tab (or a crash, or a flat battery) loses none: the browser's IndexedDB, one record
 * per person, assessment and item (the latest change of that item wins), removed once the
 * server has acknowledged it. The next page of the same assessment sends what it finds
 * (answering-state.md).
 */
export interface UnsentAnswer {
	itemKey: string;
	state: ItemState;
	/** the revision of the stored answer that the change was made over */
	baseRevision: number;
	/** the page that made the change (its `writer` id) */
	writer: string;
	/** when it was made (ms), which tells two records of one item and page apart */
	changedAt: number;
}

export interface UnsentStore {
	/** The person's unsent answers to the assessment, left by any page. */
	load(): Promise<UnsentAnswer[]>;
	put(answer: UnsentAnswer): Promise<void>;
	/** Removes the record, unless a later change (of this or another page) replaced it meanwhile. */
	forget(answer: UnsentAnswer): Promise<void>;
	/** Marks the page with this writer id as open, for as long as it is. */
	claim(writer: string): Promise<void>;
	/**
	 * Takes over the records of another page if that page is gone (closed, crashed): true,
	 * and from then on no third page can take them. False while it is still open: it sends
	 * its answers itself.
	 */
	adopt(writer: string): Promise<boolean>;
}

const DATABASE = 'moden-answering';
const STORE = 'unsent';

type Key = [string, string, string];
interface Row extends UnsentAnswer {
	person: string;
	assessment: string;
}

/**
 * The store of one person's answers to one assessment in IndexedDB; null where the browser
 * has none. Whether a page is still open is asked through the Web Locks API: each page holds
 * a lock named by its writer id until it is gone (where the API is missing, a page counts as
 * gone, so its answers are never stranded).
 */
export function indexedDbStore(personId: string, assessmentId: string): UnsentStore | null {
	if (typeof indexedDB === 'undefined') return null;
	let opened: Promise<IDBDatabase> | undefined;
	const database = () => (opened ??= open());
	const key = (itemKey: string): Key => [personId, assessmentId, itemKey];
	const lockName = (writer: string) => `moden-answering:${writer}`;

	return {
		async load() {
			const db = await database();
			const range = IDBKeyRange.bound([personId, assessmentId, ''], [personId, assessmentId, '\uffff']);
			const rows = await request<Row[]>(db.transaction(STORE).objectStore(STORE).getAll(range));
			return rows.map(({ itemKey, state, baseRevision, writer, changedAt }) => ({ itemKey, state, baseRevision, writer, changedAt }));
		},
		async put(answer) {
			const db = await database();
			const tx = db.transaction(STORE, 'readwrite');
			tx.objectStore(STORE).put({ ...answer, person: personId, assessment: assessmentId } satisfies Row);
			await done(tx);
		},
		async forget(answer) {
			const db = await database();
			const tx = db.transaction(STORE, 'readwrite');
			const store = tx.objectStore(STORE);
			const current = await request<Row | undefined>(store.get(key(answer.itemKey)));
			if (current && current.writer === answer.writer && current.changedAt === answer.changedAt) store.delete(key(answer.itemKey));
			await done(tx);
		},
		async claim(writer) {
			if (!navigator.locks) return;
			void navigator.locks.request(lockName(writer), () => new Promise<never>(() => {}));
		},
		adopt(writer) {
			if (!navigator.locks) return Promise.resolve(true);
			return new Promise((resolve) => {
				void navigator.locks.request(lockName(writer), { ifAvailable: true }, (lock) => {
					resolve(lock !== null);
					// Held for as long as this page is open, so that no other page takes them too.
					return lock ? new Promise<never>(() => {}) : undefined;
				});
			});
		}
	};
}

function open(): Promise<IDBDatabase> {
	const opening = indexedDB.open(DATABASE, 1);
	opening.onupgradeneeded = () => {
		opening.result.createObjectStore(STORE, { keyPath: ['person', 'assessment', 'itemKey'] });
	};
	return request(opening);
}

function request<T>(r: IDBRequest): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result as T);
		r.onerror = () => reject(r.error);
	});
}

function done(tx: IDBTransaction): Promise<void> {
	return new Promise((resolve, reject) => {
		tx.oncomplete = () => resolve();
		tx.onerror = tx.onabort = () => reject(tx.error);
	});
}

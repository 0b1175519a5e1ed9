import { dirtyKey, userPrefix } from './localKeys';

/** A demand written on this device, kept until the server has it and all its photos. */
export interface OutboxItem {
	/** The demand's id, made here: the server stores a retried filing once. */
	id: string;
	communityId: string;
	/** The filing as POST /api/demands takes it. */
	body: Record<string, unknown>;
	photos: Blob[];
	/** How many photos the server has confirmed (sent in order, one at a time). */
	photosSent: number;
	/** Whether the server confirmed the demand itself. */
	filed: boolean;
	createdAt: number;
	/** A refusal that retrying will not fix (shown to the user); the item is then not retried. */
	error: string | null;
	/**
	 * The last try was held back by the filing limit (429), not by the network: the page says
	 * "later" rather than "once connected". Absent on items stored before it was kept.
	 */
	heldBack?: boolean;
}

const STORE = 'items';
const RETRY_MS = 20_000;

export function outboxDbName(userId: string) {
	return `${userPrefix(userId)}demand-outbox`;
}

function request<T>(r: IDBRequest<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		r.onsuccess = () => resolve(r.result);
		r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
	});
}

/**
 * Answers that say "not now" rather than "no": the session ended (log in again), the server is
 * down, or this person filed past DEMAND_FILINGS. The item keeps waiting for the next flush.
 */
const waitsToRetry = (status: number) => status === 401 || status === 429 || status >= 500;

/**
 * Demands filed without a connection (or with a bad one). Kept per user in IndexedDB, photos as
 * blobs, and sent when the connection returns: on the `online` event, on page load and on a
 * retry timer. Each is sent by one flush at a time; the server's id check makes a demand sent
 * twice (an answer lost on the way back) count once. The user's logout removes the database
 * (its name carries the user prefix) and is warned while something is still waiting.
 */
export class DemandOutbox {
	#db: Promise<IDBDatabase> | null = null;
	#flushing: Promise<void> | null = null;
	#listeners = new Set<() => void>();

	constructor(
		private readonly userId: string,
		private readonly fetcher: typeof fetch = (...a) => fetch(...a)
	) {}

	#open(): Promise<IDBDatabase> {
		this.#db ??= new Promise((resolve, reject) => {
			const r = indexedDB.open(outboxDbName(this.userId), 1);
			r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'id' });
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
		});
		return this.#db;
	}

	async #tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
		const db = await this.#open();
		return request(fn(db.transaction(STORE, mode).objectStore(STORE)));
	}

	async add(item: Omit<OutboxItem, 'photosSent' | 'filed' | 'error'>) {
		await this.#tx('readwrite', (s) =>
			s.put({ ...item, photosSent: 0, filed: false, error: null })
		);
		this.#changed(true);
	}

	async list(communityId?: string): Promise<OutboxItem[]> {
		const all = await this.#tx('readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
		return all
			.filter((i) => communityId === undefined || i.communityId === communityId)
			.sort((a, b) => a.createdAt - b.createdAt);
	}

	async remove(id: string) {
		await this.#tx('readwrite', (s) => s.delete(id));
		this.#changed((await this.list()).length > 0);
	}

	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/** Sends what is waiting; a second call while one runs waits for it instead. */
	flush(): Promise<void> {
		this.#flushing ??= this.#send().finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	/** Flushes now, when the browser comes online, and every RETRY_MS; returns the stop. */
	start(): () => void {
		const run = () => void this.flush().catch(() => undefined);
		window.addEventListener('online', run);
		const timer = setInterval(run, RETRY_MS);
		run();
		return () => {
			window.removeEventListener('online', run);
			clearInterval(timer);
		};
	}

	async #send() {
		for (const item of await this.list()) {
			if (item.error) continue;
			const ok = await this.#sendOne(item);
			// No connection (or the session ended): the rest waits for the next attempt.
			if (!ok) return;
		}
	}

	/** False to stop the flush (network or session), true to go on with the next item. */
	async #sendOne(item: OutboxItem): Promise<boolean> {
		let res: Response;
		try {
			if (!item.filed) {
				res = await this.fetcher('/api/demands', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(item.body)
				});
				if (!(await this.#settle(item, res))) return !waitsToRetry(res.status);
				item.filed = true;
				await this.#tx('readwrite', (s) => s.put(item));
			}
			while (item.photosSent < item.photos.length) {
				const photo = item.photos[item.photosSent]!;
				res = await this.fetcher(`/api/files?demand=${encodeURIComponent(item.id)}&stage=filed`, {
					method: 'POST',
					headers: { 'content-type': photo.type || 'application/octet-stream' },
					body: photo
				});
				// A refused photo (too big, not an image) is skipped; the demand itself is in.
				if (!res.ok && waitsToRetry(res.status)) return false;
				item.photosSent++;
				await this.#tx('readwrite', (s) => s.put(item));
			}
		} catch {
			return false;
		}
		await this.remove(item.id);
		return true;
	}

	/** True when the server took the demand; otherwise records a lasting refusal. */
	async #settle(item: OutboxItem, res: Response) {
		if (res.ok) return true;
		if (waitsToRetry(res.status)) {
			const heldBack = res.status === 429;
			if ((item.heldBack ?? false) !== heldBack) {
				item.heldBack = heldBack;
				await this.#tx('readwrite', (s) => s.put(item));
			}
			return false;
		}
		const code = ((await res.json().catch(() => null)) as { error?: string } | null)?.error;
		item.error = code ?? `http_${res.status}`;
		await this.#tx('readwrite', (s) => s.put(item));
		this.#changed(true);
		return false;
	}

	#changed(waiting: boolean) {
		try {
			if (waiting) localStorage.setItem(dirtyKey(this.userId, 'demand-outbox'), '1');
			else localStorage.removeItem(dirtyKey(this.userId, 'demand-outbox'));
		} catch {
			// Private mode without storage: nothing to warn about at logout then.
		}
		for (const l of this.#listeners) l();
	}
}

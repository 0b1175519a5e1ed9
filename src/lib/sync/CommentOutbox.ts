import { dirtyKey, userPrefix } from './localKeys';

/** A comment written on this device, kept until the server has it. */
export interface PendingComment {
	/** Made here when it was written; the server stores one comment per (author, key). */
	clientKey: string;
	meetingId: string;
	/** The comment as POST /api/meetings/<id>/comments takes it (clientKey included). */
	input: Record<string, unknown>;
	createdAt: number;
	/** A refusal that retrying will not fix (shown to the user, who may discard it). */
	error: string | null;
}

export function commentOutboxKey(userId: string) {
	return `${userPrefix(userId)}comment-outbox`;
}

/** A random UUID (v4) from getRandomValues: randomUUID is missing on plain-http LAN addresses. */
export function newClientKey(): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Comments waiting to be sent, per user in localStorage (small text; the name carries the user
 * prefix, so logging out removes them, and the dirty flag makes logout warn while any wait).
 * Each is sent with its client key until the server answers: a comment whose answer was lost
 * is sent again and stored once. Another tab of the same user shares the list (`storage`).
 */
export class CommentOutbox {
	#flushing: Promise<void> | null = null;
	/** Where the list lives when the browser keeps no storage (private mode, quota): this page. */
	#memory: PendingComment[] | null = null;

	constructor(
		private readonly userId: string,
		private readonly fetcher: typeof fetch = (...a) => fetch(...a)
	) {}

	list(meetingId?: string): PendingComment[] {
		let all: PendingComment[] = this.#memory ?? [];
		if (!this.#memory)
			try {
				const v = JSON.parse(
					localStorage.getItem(commentOutboxKey(this.userId)) ?? '[]'
				) as unknown;
				if (Array.isArray(v)) all = v as PendingComment[];
			} catch {
				// Unreadable: nothing waits.
			}
		return all.filter((p) => meetingId === undefined || p.meetingId === meetingId);
	}

	add(item: Omit<PendingComment, 'error'>) {
		this.#save([...this.list(), { ...item, error: null }]);
	}

	remove(clientKey: string) {
		this.#save(this.list().filter((p) => p.clientKey !== clientKey));
	}

	/**
	 * Sends what waits, oldest first; a second call while one runs waits for it. `onSent` gets
	 * the server's answer for each comment it took (created now or before).
	 */
	flush(onSent: (meetingId: string, answer: unknown) => void): Promise<void> {
		this.#flushing ??= this.#send(onSent).finally(() => (this.#flushing = null));
		return this.#flushing;
	}

	async #send(onSent: (meetingId: string, answer: unknown) => void) {
		for (const item of this.list()) {
			if (item.error) continue;
			let res: Response;
			try {
				res = await this.fetcher(`/api/meetings/${encodeURIComponent(item.meetingId)}/comments`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(item.input)
				});
			} catch {
				return; // No connection: everything waits for the next attempt.
			}
			// The session ended or the server is down: wait (the user may log in again). Too many
			// at once (a long offline backlog past COMMENT_WRITES): the rest goes on a later try.
			if (res.status === 401 || res.status === 429 || res.status >= 500) return;
			const answer = (await res.json().catch(() => null)) as {
				error?: string;
				reason?: string;
			} | null;
			if (res.ok) {
				this.remove(item.clientKey);
				onSent(item.meetingId, answer);
			} else {
				const error = answer?.reason ?? answer?.error ?? `http_${res.status}`;
				this.#save(this.list().map((p) => (p.clientKey === item.clientKey ? { ...p, error } : p)));
			}
		}
	}

	#save(items: PendingComment[]) {
		try {
			const key = commentOutboxKey(this.userId);
			if (items.length > 0) localStorage.setItem(key, JSON.stringify(items));
			else localStorage.removeItem(key);
			if (items.some((p) => !p.error))
				localStorage.setItem(dirtyKey(this.userId, 'comment-outbox'), '1');
			else localStorage.removeItem(dirtyKey(this.userId, 'comment-outbox'));
			this.#memory = null;
		} catch {
			// No storage: the comments wait in this page only, until sent or the page closes.
			this.#memory = items;
		}
	}
}

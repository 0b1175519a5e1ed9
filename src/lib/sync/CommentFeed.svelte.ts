import type {
	CommentAnchor,
	CommentPowers,
	CommentSnapshot,
	CommentView
} from '$lib/domain/comments';
import { CommentOutbox, newClientKey, type PendingComment } from './CommentOutbox';

/** What a new comment is about, besides its text. */
export interface CommentTarget {
	itemId?: string;
	anchor?: CommentAnchor;
	quote?: string;
	parentId?: string;
}

/** What the composer is about: a selected passage or an item, with what to show for it. */
export type CommentDraft = CommentTarget & { label: string };

/** How often waiting comments are tried again, besides `online` and a reconnected stream. */
const RETRY_MS = 10_000;
/** After the stream is refused for good (a 401, a restart), open a new one after this long… */
const REOPEN_MS = 3000;
/** …doubling while it keeps being refused (a session that ended), up to this. */
const REOPEN_MAX_MS = 60_000;

/**
 * A meeting's comments on one page: the server's stream (snapshot, then each change) and the
 * outbox of comments written here and not yet confirmed. Every write goes through the outbox,
 * online or not, so there is one path, and a comment whose answer was lost is sent again with
 * the same client key and stored once.
 */
export class CommentFeed {
	comments = $state.raw<CommentView[]>([]);
	me = $state.raw<CommentPowers | null>(null);
	mentionable = $state.raw<{ id: string; name: string }[]>([]);
	pending = $state.raw<PendingComment[]>([]);
	live = $state(false);
	/** The last refusal of an action (edit, resolve, hide…), as the server's reason. */
	refused = $state<string | null>(null);

	readonly #outbox: CommentOutbox;
	#source: EventSource | null = null;
	#timers: ReturnType<typeof setTimeout>[] = [];
	#destroyed = false;
	#reopenMs = REOPEN_MS;
	readonly #offs: (() => void)[] = [];

	constructor(
		userId: string,
		private readonly meetingId: string,
		/** Whether waiting comments may go now (the agenda they point into is synced). */
		private readonly ready: () => boolean = () => true
	) {
		this.#outbox = new CommentOutbox(userId);
		this.pending = this.#outbox.list(meetingId);
	}

	start() {
		this.#open();
		const flush = () => this.flush();
		const onStorage = (e: StorageEvent) => {
			if (e.key?.endsWith('comment-outbox')) this.pending = this.#outbox.list(this.meetingId);
		};
		window.addEventListener('online', flush);
		window.addEventListener('storage', onStorage);
		const timer = setInterval(flush, RETRY_MS);
		this.#offs.push(
			() => window.removeEventListener('online', flush),
			() => window.removeEventListener('storage', onStorage),
			() => clearInterval(timer)
		);
		this.flush();
	}

	destroy() {
		this.#destroyed = true;
		this.#source?.close();
		for (const t of this.#timers) clearTimeout(t);
		for (const off of this.#offs) off();
	}

	/** Writes a comment: into the outbox first, then sent (now, or when the connection returns). */
	post(body: string, target: CommentTarget, mentions: string[]) {
		const clientKey = newClientKey();
		this.#outbox.add({
			clientKey,
			meetingId: this.meetingId,
			input: { clientKey, body, mentions, ...target },
			createdAt: Date.now()
		});
		this.pending = this.#outbox.list(this.meetingId);
		this.flush();
	}

	discard(clientKey: string) {
		this.#outbox.remove(clientKey);
		this.pending = this.#outbox.list(this.meetingId);
	}

	flush() {
		if (this.#destroyed || !this.ready()) return;
		void this.#outbox
			.flush((meetingId, answer) => {
				const comment = (answer as { comment?: CommentView | null } | null)?.comment;
				if (meetingId === this.meetingId && comment) this.#upsert(comment);
			})
			.finally(() => (this.pending = this.#outbox.list(this.meetingId)));
	}

	/** Edit, delete, resolve or hide: online only (the page disables them offline). */
	async act(commentId: string, action: Record<string, unknown>): Promise<boolean> {
		this.refused = null;
		try {
			const res = await fetch(
				`/api/meetings/${encodeURIComponent(this.meetingId)}/comments/${encodeURIComponent(commentId)}`,
				{
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(action)
				}
			);
			if (res.ok) return true;
			const answer = (await res.json().catch(() => null)) as { error?: string; reason?: string };
			this.refused = answer?.reason ?? answer?.error ?? 'other';
		} catch {
			this.refused = 'offline';
		}
		return false;
	}

	#open() {
		if (this.#destroyed) return;
		const source = new EventSource(
			`/api/meetings/${encodeURIComponent(this.meetingId)}/comments/stream`
		);
		this.#source = source;
		source.addEventListener('snapshot', (e) => {
			const snap = JSON.parse((e as MessageEvent<string>).data) as CommentSnapshot;
			this.comments = snap.comments;
			this.me = snap.me;
			this.mentionable = snap.mentionable;
			this.live = true;
			this.#reopenMs = REOPEN_MS;
			// A (re)connected stream means the server is reachable: send what waits.
			this.flush();
		});
		source.addEventListener('comment', (e) => {
			this.#upsert(JSON.parse((e as MessageEvent<string>).data) as CommentView);
		});
		source.addEventListener('remove', (e) => {
			const { id } = JSON.parse((e as MessageEvent<string>).data) as { id: string };
			this.comments = this.comments.filter((c) => c.id !== id && c.parentId !== id);
		});
		source.addEventListener('error', () => {
			this.live = false;
			// EventSource retries a dropped connection itself; a refused one (401, 404) it drops.
			if (source.readyState === EventSource.CLOSED) {
				const reopen = () => {
					if (this.#source === source) this.#open();
				};
				this.#timers.push(setTimeout(reopen, this.#reopenMs));
				this.#reopenMs = Math.min(this.#reopenMs * 2, REOPEN_MAX_MS);
			}
		});
	}

	#upsert(comment: CommentView) {
		const at = this.comments.findIndex((c) => c.id === comment.id);
		this.comments =
			at < 0 ? [...this.comments, comment] : this.comments.map((c, i) => (i === at ? comment : c));
	}
}

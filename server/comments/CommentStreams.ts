import type { CommentFeedEvent } from '../../src/lib/domain/comments';
import type { CommentBus } from './CommentBus';
import type { CommentService } from './CommentService';
import { namesFor, viewComment, type CommentViewer } from './commentView';
import type { CommentRecord } from '../storage/CommentStore';
import type { Stores } from '../storage/Stores';

/** Where one open stream's events go (the SSE route writes them to its response). */
export interface CommentListener {
	send(event: CommentFeedEvent): void;
	/** The server ends the stream: session revoked, access lost, shutdown. */
	end(): void;
}

interface OpenStream {
	userId: string;
	sessionId: string;
	meetingId: string;
	viewer: CommentViewer;
	listener: CommentListener;
	off(): void;
}

export interface CommentStreamsDeps {
	stores: Stores;
	comments: CommentService;
	bus: CommentBus;
	/** Subscriptions to session revocation and role changes; each returns its stop. */
	onRevoke(listener: (event: { sessionIds: string[] }) => void): () => void;
	onAccessChange(listener: (userId: string) => void): () => void;
}

/**
 * The live side of comments: each open stream starts with the reader's snapshot, then receives
 * every change the bus carries for its meeting, shaped for that reader (a hidden comment becomes
 * a removal for everyone but the secretary). A revoked session ends its streams; a role change
 * re-checks the user's streams and ends those they may no longer read.
 */
export class CommentStreams {
	readonly #open = new Set<OpenStream>();
	readonly #stops: (() => void)[];

	constructor(private readonly deps: CommentStreamsDeps) {
		this.#stops = [
			deps.onRevoke(({ sessionIds }) => {
				for (const s of [...this.#open]) if (sessionIds.includes(s.sessionId)) this.#end(s);
			}),
			deps.onAccessChange((userId) => {
				for (const s of [...this.#open]) if (s.userId === userId) void this.#recheck(s);
			})
		];
	}

	/** Opens a stream (not_found if the user may not read the meeting); returns its stop. */
	async open(
		userId: string,
		sessionId: string,
		meetingId: string,
		listener: CommentListener
	): Promise<() => void> {
		const { viewer } = await this.deps.comments.viewer(userId, meetingId);
		// Subscribed before the snapshot is read, so nothing that happens meanwhile is missed
		// (an event repeating what the snapshot has is harmless: the page replaces by id).
		const held: CommentRecord[] = [];
		let ready = false;
		const stream: OpenStream = { userId, sessionId, meetingId, viewer, listener, off: () => {} };
		stream.off = this.deps.bus.subscribe(meetingId, (record) => {
			if (ready) void this.#deliver(stream, record);
			else held.push(record);
		});
		this.#open.add(stream);
		try {
			listener.send({ type: 'snapshot', data: await this.deps.comments.list(userId, meetingId) });
		} catch (error) {
			this.#end(stream);
			throw error;
		}
		ready = true;
		for (const record of held) await this.#deliver(stream, record);
		return () => this.#close(stream);
	}

	get size() {
		return this.#open.size;
	}

	close() {
		for (const stop of this.#stops) stop();
		for (const s of [...this.#open]) this.#end(s);
	}

	async #deliver(stream: OpenStream, record: CommentRecord) {
		if (!this.#open.has(stream)) return;
		const parent = record.parentId ? await this.deps.stores.comments.get(record.parentId) : null;
		const names = await namesFor(this.deps.stores.users, [record]);
		const view = viewComment(record, stream.viewer, names, !!parent && parent.hiddenAt !== null);
		if (!this.#open.has(stream)) return;
		stream.listener.send(
			view ? { type: 'comment', data: view } : { type: 'remove', data: { id: record.id } }
		);
	}

	async #recheck(stream: OpenStream) {
		try {
			const { viewer } = await this.deps.comments.viewer(stream.userId, stream.meetingId);
			stream.viewer = viewer;
		} catch {
			this.#end(stream);
		}
	}

	/** The reader went away: unsubscribe, nothing to tell. */
	#close(stream: OpenStream) {
		if (!this.#open.delete(stream)) return;
		stream.off();
	}

	/** The server ends it: unsubscribe and close the response. */
	#end(stream: OpenStream) {
		if (!this.#open.delete(stream)) return;
		stream.off();
		try {
			stream.listener.end();
		} catch {
			// Already closed by the other side.
		}
	}
}

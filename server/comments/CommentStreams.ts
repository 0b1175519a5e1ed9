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
	/** Changes that came while the snapshot was being read, sent right after it. */
	held: CommentRecord[] | null;
}

/** The open streams of one meeting and their one subscription to the bus. */
interface MeetingTopic {
	streams: Set<OpenStream>;
	off(): void;
	/** Other instances' changes are being received (cluster mode). */
	ready: Promise<void>;
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
 * a removal for everyone but the secretary). One bus subscription per meeting, however many
 * read it: a change is looked up once (names, its thread) and shaped per reader. A revoked
 * session ends its streams; a role change re-checks the user's streams.
 */
export class CommentStreams {
	readonly #open = new Set<OpenStream>();
	readonly #topics = new Map<string, MeetingTopic>();
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
		const stream: OpenStream = { userId, sessionId, meetingId, viewer, listener, held: [] };
		const joined = this.#join(stream);
		try {
			await joined.ready;
			listener.send({ type: 'snapshot', data: await this.deps.comments.list(userId, meetingId) });
		} catch (error) {
			this.#end(stream);
			throw error;
		}
		const held = stream.held ?? [];
		stream.held = null;
		for (const record of held) this.#send(stream, record, await this.#lookup(record));
		return () => this.#close(stream);
	}

	get size() {
		return this.#open.size;
	}

	/** How many meetings have open streams (one bus subscription each). */
	get meetings() {
		return this.#topics.size;
	}

	close() {
		for (const stop of this.#stops) stop();
		for (const s of [...this.#open]) this.#end(s);
	}

	#join(stream: OpenStream): MeetingTopic {
		this.#open.add(stream);
		let topic = this.#topics.get(stream.meetingId);
		if (!topic) {
			const meetingId = stream.meetingId;
			const off = this.deps.bus.subscribe(
				meetingId,
				(record) => void this.#fanOut(meetingId, record)
			);
			topic = { streams: new Set(), off, ready: off.ready ?? Promise.resolve() };
			this.#topics.set(meetingId, topic);
		}
		topic.streams.add(stream);
		return topic;
	}

	#leave(stream: OpenStream): boolean {
		if (!this.#open.delete(stream)) return false;
		const topic = this.#topics.get(stream.meetingId);
		topic?.streams.delete(stream);
		if (topic && topic.streams.size === 0) {
			topic.off();
			this.#topics.delete(stream.meetingId);
		}
		return true;
	}

	/** What every reader's view of a changed comment needs, read once for all of them. */
	async #lookup(record: CommentRecord) {
		const parent = record.parentId ? await this.deps.stores.comments.get(record.parentId) : null;
		const names = await namesFor(this.deps.stores.users, [record]);
		return { names, parentHidden: !!parent && parent.hiddenAt !== null };
	}

	async #fanOut(meetingId: string, record: CommentRecord) {
		const topic = this.#topics.get(meetingId);
		if (!topic) return;
		const looked = await this.#lookup(record);
		for (const stream of [...topic.streams]) {
			if (stream.held) stream.held.push(record);
			else this.#send(stream, record, looked);
		}
	}

	#send(
		stream: OpenStream,
		record: CommentRecord,
		{ names, parentHidden }: { names: Map<string, string>; parentHidden: boolean }
	) {
		if (!this.#open.has(stream)) return;
		const view = viewComment(record, stream.viewer, names, parentHidden);
		try {
			stream.listener.send(
				view ? { type: 'comment', data: view } : { type: 'remove', data: { id: record.id } }
			);
		} catch {
			this.#end(stream);
		}
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
		this.#leave(stream);
	}

	/** The server ends it: unsubscribe and close the response. */
	#end(stream: OpenStream) {
		if (!this.#leave(stream)) return;
		try {
			stream.listener.end();
		} catch {
			// Already closed by the other side.
		}
	}
}

import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { CLOSE, type SyncUser } from '../sync/SyncEndpoint';
import { SyncRefusal } from './SyncRefusal';
import { TokenBucket } from './TokenBucket';
import { PRESENCE_NOTHING_SENT } from './PresenceLog';
import { NOT_ANSWERED } from './UpdateRelay';
import { YJS_LIMITS } from './limits';

/** What the connection may do, decided at the upgrade and re-decided by `recheckUser`. */
export type ConnectionLevel = 'write' | 'comment' | 'read';

/** The identity the server puts into this connection's awareness entries. */
export interface PresenceUser {
	id: string;
	name: string;
	committee: string | null;
}

/**
 * One socket on one agenda. Messages are handled strictly in arrival order through a promise
 * queue, because handling an update awaits the database and a later message (an ack, a sync
 * step 1) must see the earlier one's effect.
 */
export class YjsConnection {
	level: ConnectionLevel;
	presence: PresenceUser;
	/** Awareness client ids this socket introduced, removed from the room when it closes. */
	readonly awarenessIds = new Set<number>();
	alive = true;
	/** Set when the server refused something: queued messages are then skipped, not handled. */
	refused = false;
	#queue: Promise<void> = Promise.resolve();
	#bucket = new TokenBucket(YJS_LIMITS.messagesPerSecond, YJS_LIMITS.messageBurst);
	#presenceBucket = new TokenBucket(YJS_LIMITS.presencePerSecond, YJS_LIMITS.presenceBurst);
	/** Presence messages dropped over their rate (see YJS_LIMITS.presencePerSecond). */
	presenceDropped = 0;
	/**
	 * The room's relay's marks: the last update sent to this socket, its own last one, and the
	 * last presence change sent to it (see `PresenceLog`). The
	 * socket joins the relay when its sync step 1 is answered (`UpdateRelay.answered`): until then
	 * it is owed nothing, because the step 2 it is about to get holds every update applied so far.
	 */
	readonly relay = { sentSeq: NOT_ANSWERED, ownSeq: 0, presenceSeq: PRESENCE_NOTHING_SENT };
	/** Where `sendFrame` writes: the upgraded socket, while no extension transforms frames. */
	readonly #frames: Duplex | null;

	constructor(
		readonly ws: WebSocket,
		readonly user: SyncUser,
		readonly docId: string,
		level: ConnectionLevel,
		presence: PresenceUser,
		private readonly log: (line: string) => void,
		/** The upgraded socket under `ws`, for frames prepared once for many (see `sendFrame`). */
		socket: Duplex
	) {
		this.level = level;
		this.presence = presence;
		// The server offers no extensions (no permessage-deflate), so none is ever negotiated; if
		// one were, its frames would need `ws` to build them.
		this.#frames = ws.extensions === '' ? socket : null;
	}

	get canWrite() {
		return this.level === 'write';
	}

	/**
	 * Rate-limits, then queues `task`; a refusal or any error closes this socket only. A presence
	 * message over its own rate is dropped instead (false, socket kept).
	 */
	enqueue(task: () => Promise<void> | void, presence = false): boolean {
		if (this.refused) return false;
		if (presence) {
			if (!this.#presenceBucket.take()) {
				this.presenceDropped++;
				return false;
			}
		} else if (!this.#bucket.take()) {
			this.refuse(new SyncRefusal(CLOSE.tooMany, 'message flood'));
			return false;
		}
		this.#queue = this.#queue.then(async () => {
			if (this.refused) return;
			try {
				await task();
			} catch (error) {
				this.refuse(
					error instanceof SyncRefusal
						? error
						: new SyncRefusal(CLOSE.badMessage, `bad message: ${String(error)}`)
				);
			}
		});
		return true;
	}

	/** Resolves when every message queued so far has been handled. */
	drained(): Promise<void> {
		return this.#queue;
	}

	send(message: Uint8Array) {
		if (this.ws.readyState !== WebSocket.OPEN) return;
		this.ws.send(message, this.#afterSend);
	}

	/**
	 * Sends `message` as `frame`, its whole WebSocket frame (see `binaryFrame`), written straight
	 * to the socket: a fan-out frames a message once for all its receivers, instead of `ws`
	 * building a header and corking, writing twice and uncorking for each. The bytes queue on the
	 * socket in order with the frames `ws` writes itself (pings, other messages, the close frame,
	 * after which the state is no longer OPEN and nothing more is written here).
	 */
	sendFrame(frame: Buffer, message: Uint8Array) {
		if (this.ws.readyState !== WebSocket.OPEN) return;
		if (this.#frames) this.#frames.write(frame, this.#afterSend);
		else this.ws.send(message, this.#afterSend);
	}

	/** One callback for every send of this socket (a fan-out to a thousand makes no closures). */
	readonly #afterSend = (err?: Error | null) => {
		// A failed send means the socket is going away; its 'close' cleans up.
		if (err) this.ws.terminate();
	};

	refuse(refusal: SyncRefusal) {
		if (this.refused) return;
		this.refused = true;
		this.log(
			`yjs closed ${this.user.userId} on ${this.docId} (${refusal.code}): ${refusal.reason.slice(0, 200)}`
		);
		this.close(refusal.code, refusal.reason);
	}

	close(code: number, reason = '') {
		if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return;
		// A close reason is limited to 123 bytes on the wire.
		this.ws.close(code, Buffer.from(reason).subarray(0, 120).toString());
		// Do not wait forever for a peer that never answers the close handshake.
		setTimeout(() => this.ws.terminate(), 2_000).unref();
	}
}

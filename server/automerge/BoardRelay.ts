import type { ClusterBus, Unsubscribe } from '../cluster/ClusterBus';
import type { StoredChange } from './incomingChanges';
import {
	decodeRelayMessage,
	encodeRelayMessage,
	topicOf,
	type RelayMessage
} from './relayMessages';

/** What the relay needs from a board room. */
export interface RelayedRoom {
	readonly documentId: string;
	readonly ready: Promise<void>;
	heads(): string[];
	applyFromPeer(changes: readonly Uint8Array[], heads: readonly string[]): Promise<void>;
}

export interface BoardRelayOptions {
	log(line: string): void;
	/** Changes past this many bytes are not relayed: a heads notice sends peers to the store. */
	maxRelayBytes: number;
	/** Quiet time after the last relayed change before a heads reminder goes out. */
	settleMs: number;
	/** How long a board waits for its subscription before it loads anyway. */
	subscribeTimeoutMs: number;
}

/**
 * One open board's link to the other instances (cluster mode). One automerge-repo socket carries
 * every board its client has open, so instances cannot route sockets by board: instead each
 * instance that has a board open listens on the board's topic, and each change an instance
 * accepts is stored (with its author) and then published there. Peers apply it without storing
 * it again, and their own clients get it through the normal sync.
 *
 * Nothing rests on a message arriving: every message carries the sender's heads, and a receiver
 * missing any of them loads the board's stored chunks (BoardRoom.applyFromPeer). A board that
 * opens asks the others for their heads, and after a burst of changes the sender repeats its
 * heads once, so the last message of a burst being lost is repaired too.
 */
export class BoardRelay {
	/**
	 * Resolves once the topic is live, so the room reads the store only after that and misses
	 * nothing stored and published in between. Never rejects: a bus that cannot subscribe in
	 * time lets the board open anyway (this instance's clients still sync; the bus's resume, or
	 * the next message, brings the others' changes).
	 */
	readonly live: Promise<void>;
	#unsubscribe: Unsubscribe | null;
	#room: RelayedRoom | null = null;
	#settle: NodeJS.Timeout | null = null;
	#closed = false;

	constructor(
		private readonly bus: ClusterBus,
		private readonly documentId: string,
		private readonly opts: BoardRelayOptions
	) {
		this.#unsubscribe = bus.subscribe(topicOf(documentId), (bytes, from) =>
			this.#receive(bytes, from)
		);
		this.live = this.#waitLive(this.#unsubscribe.ready);
	}

	/** The room this relay feeds; once it has loaded, it asks the others for their heads. */
	attach(room: RelayedRoom) {
		this.#room = room;
		room.ready.then(
			() => this.#publish({ kind: 'heads', heads: room.heads(), ask: true }),
			() => undefined
		);
	}

	/** The room accepted, stored and applied `changes`: tell the other instances. */
	accepted(changes: readonly StoredChange[], heads: string[]) {
		const size = changes.reduce((n, c) => n + c.bytes.byteLength, 0);
		this.#publish(
			size <= this.opts.maxRelayBytes
				? { kind: 'changes', heads, changes: changes.map((c) => c.bytes) }
				: { kind: 'heads', heads, ask: false }
		);
		if (this.#settle) {
			this.#settle.refresh();
			return;
		}
		this.#settle = setTimeout(() => {
			this.#settle = null;
			if (this.#room) this.#publish({ kind: 'heads', heads: this.#room.heads(), ask: false });
		}, this.opts.settleMs);
		this.#settle.unref();
	}

	close() {
		this.#closed = true;
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		if (this.#settle) clearTimeout(this.#settle);
		this.#settle = null;
	}

	async #waitLive(ready: Promise<void>) {
		let timer: NodeJS.Timeout | undefined;
		const late = new Promise<'late'>((resolve) => {
			timer = setTimeout(() => resolve('late'), this.opts.subscribeTimeoutMs);
		});
		try {
			const outcome = await Promise.race([ready.then(() => 'live' as const), late]);
			if (outcome === 'late') {
				this.opts.log(`automerge: ${this.documentId} opens before its relay is live`);
			}
		} catch (err) {
			this.opts.log(`automerge: subscribing to ${this.documentId} failed: ${String(err)}`);
		} finally {
			clearTimeout(timer);
		}
	}

	#publish(msg: RelayMessage) {
		if (this.#closed) return;
		try {
			this.bus.publish(topicOf(this.documentId), encodeRelayMessage(msg));
		} catch (err) {
			// A bus that cannot publish costs peers latency (they catch up later), not data.
			this.opts.log(`automerge: relaying ${this.documentId} failed: ${String(err)}`);
		}
	}

	#receive(bytes: Uint8Array, from: string) {
		const room = this.#room;
		if (this.#closed || !room) return;
		let msg: RelayMessage;
		try {
			msg = decodeRelayMessage(bytes);
		} catch (err) {
			this.opts.log(`automerge: bad relay message from ${from}: ${String(err)}`);
			return;
		}
		const changes = msg.kind === 'changes' ? msg.changes : [];
		room
			.applyFromPeer(changes, msg.heads)
			.then(() => {
				// Answer a board that just opened, if it does not already hold what we hold.
				if (msg.kind !== 'heads' || !msg.ask) return;
				const mine = room.heads();
				if (!mine.every((h) => msg.heads.includes(h))) {
					this.#publish({ kind: 'heads', heads: mine, ask: false });
				}
			})
			.catch((err: unknown) =>
				this.opts.log(
					`automerge: applying relayed changes to ${this.documentId} failed: ${String(err)}`
				)
			);
	}
}

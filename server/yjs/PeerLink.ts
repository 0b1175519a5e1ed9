import type { ClusterBus } from '../cluster/ClusterBus';

/** Awareness topic messages start with one of these bytes. */
const AWARENESS_UPDATE = 0;
/** "I just opened this document: tell me who is here" (answered with a full awareness update). */
const AWARENESS_QUERY = 1;

/** How long opening a document waits for the bus before loading anyway (Redis down). */
const SUBSCRIBE_WAIT_MS = 2_000;

export interface PeerHandlers {
	/** An update another instance stored and applied. */
	update(update: Uint8Array): void;
	awareness(update: Uint8Array): void;
	/** Another instance opened the document and asks for the presence held here. */
	awarenessQuery(): void;
	/**
	 * The bus lost messages (Redis reconnected): re-read the document from the database and
	 * forget the peers' presence, which they are asked for again right after.
	 */
	resumed(): void;
}

/**
 * One room's link to the same document open on other instances: topics `yjs:<docId>` (updates)
 * and `yjs-aw:<docId>` (presence), subscribed while the room is open. Opening subscribes BEFORE
 * the room reads the database and holds what arrives until the read is applied, so an update
 * stored by a peer meanwhile is either in what was read or in what was held (Yjs updates are
 * idempotent: both is fine).
 */
export class PeerLink {
	#offs: (() => void)[] = [];
	#held: (() => void)[] | null = null;

	constructor(
		private readonly bus: ClusterBus,
		private readonly docId: string,
		private readonly handlers: PeerHandlers,
		private readonly log: (line: string) => void
	) {}

	/** Subscribes and starts holding; call `release` once the database is read. */
	async open() {
		this.#held = [];
		const updates = this.bus.subscribe(`yjs:${this.docId}`, (message) => {
			const copy = message.slice();
			this.#run(() => this.handlers.update(copy));
		});
		const presence = this.bus.subscribe(`yjs-aw:${this.docId}`, (message) => {
			if (message[0] === AWARENESS_QUERY) this.#run(() => this.handlers.awarenessQuery());
			else if (message[0] === AWARENESS_UPDATE) {
				const copy = message.slice(1);
				this.#run(() => this.handlers.awareness(copy));
			}
		});
		this.#offs.push(
			updates,
			presence,
			this.bus.onResume(() => {
				this.handlers.resumed();
				// Presence changes published during the break are lost too: ask again.
				this.bus.publish(`yjs-aw:${this.docId}`, Uint8Array.of(AWARENESS_QUERY));
			})
		);
		let timer: NodeJS.Timeout | undefined;
		const waited = await Promise.race([
			Promise.all([updates.ready, presence.ready]).then(() => true),
			new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), SUBSCRIBE_WAIT_MS)))
		]);
		clearTimeout(timer);
		if (!waited) this.log(`yjs ${this.docId}: the cluster bus did not answer; loading anyway`);
		this.bus.publish(`yjs-aw:${this.docId}`, Uint8Array.of(AWARENESS_QUERY));
	}

	/** Holds what arrives from now until `release` (while the document is re-read). */
	hold() {
		this.#held ??= [];
	}

	/** Applies what was held, in arrival order, and stops holding. */
	release() {
		const held = this.#held ?? [];
		this.#held = null;
		for (const task of held) this.#safely(task);
	}

	publishUpdate(update: Uint8Array) {
		this.bus.publish(`yjs:${this.docId}`, update);
	}

	publishAwareness(update: Uint8Array) {
		const message = new Uint8Array(update.byteLength + 1);
		message[0] = AWARENESS_UPDATE;
		message.set(update, 1);
		this.bus.publish(`yjs-aw:${this.docId}`, message);
	}

	close() {
		for (const off of this.#offs) off();
		this.#offs = [];
		this.#held = null;
	}

	#run(task: () => void) {
		if (this.#held) this.#held.push(task);
		else this.#safely(task);
	}

	#safely(task: () => void) {
		try {
			task();
		} catch (error) {
			// Peers only publish what they validated and applied; a failure here is a bug, logged.
			this.log(`yjs ${this.docId}: a message from another instance failed: ${String(error)}`);
		}
	}
}

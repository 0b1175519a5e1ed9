import type { ClusterBus } from '../cluster/ClusterBus';
import type { YjsUpdateStore } from '../storage/YjsUpdateStore';
import { YjsRoom } from './YjsRoom';

interface Entry {
	room: YjsRoom;
	/** Shared by every connection that arrives while the first load is running. */
	loaded: Promise<YjsRoom>;
	holders: number;
	unloadTimer: NodeJS.Timeout | null;
}

/**
 * The open rooms of one endpoint. A room is loaded once, however many sockets arrive together,
 * and unloaded `unloadAfterMs` after its last holder leaves unless someone comes back first.
 */
export class RoomRegistry {
	readonly #rooms = new Map<string, Entry>();

	constructor(
		private readonly store: YjsUpdateStore,
		private readonly unloadAfterMs: number,
		private readonly log: (line: string) => void,
		private readonly maxDocumentBytes: number,
		/** Whether a document takes edits at all now (false once its meeting is minuted). */
		private readonly isOpen: (docId: string) => Promise<boolean> = async () => true,
		/** The other instances with the same documents open (cluster mode). */
		private readonly bus?: ClusterBus
	) {}

	get size() {
		return this.#rooms.size;
	}

	rooms(): IterableIterator<YjsRoom> {
		return [...this.#rooms.values()].map((e) => e.room).values();
	}

	/** Holds the room open and resolves once it is fully loaded. Pair with `release`. */
	acquire(docId: string): Promise<YjsRoom> {
		let entry = this.#rooms.get(docId);
		if (!entry) {
			const room = new YjsRoom(
				docId,
				this.store,
				this.log,
				this.maxDocumentBytes,
				() => this.isOpen(docId),
				this.bus
			);
			const created: Entry = {
				room,
				loaded: room.load().then(async () => {
					room.closed = !(await room.isOpen());
					room.publishPresence();
					return room;
				}),
				holders: 0,
				unloadTimer: null
			};
			entry = created;
			this.#rooms.set(docId, created);
			// A failed load must not stay cached: the next socket tries again.
			created.loaded.catch((error: unknown) => {
				this.log(`yjs ${docId}: load failed: ${String(error)}`);
				if (this.#rooms.get(docId) === created) this.#rooms.delete(docId);
				room.destroy();
			});
		}
		entry.holders++;
		if (entry.unloadTimer) {
			clearTimeout(entry.unloadTimer);
			entry.unloadTimer = null;
		}
		return entry.loaded;
	}

	release(docId: string) {
		const entry = this.#rooms.get(docId);
		if (!entry || --entry.holders > 0) return;
		entry.unloadTimer = setTimeout(() => {
			entry.unloadTimer = null;
			if (entry.holders > 0) return;
			// Unload only after the room's last writes are stored; a rejoin meanwhile keeps it.
			void entry.room.settled().then(() => {
				if (entry.holders > 0 || this.#rooms.get(docId) !== entry) return;
				this.#rooms.delete(docId);
				entry.room.destroy();
			});
		}, this.unloadAfterMs);
		entry.unloadTimer.unref();
	}

	async close() {
		const entries = [...this.#rooms.values()];
		this.#rooms.clear();
		for (const e of entries) if (e.unloadTimer) clearTimeout(e.unloadTimer);
		await Promise.all(
			entries.map(async (e) => {
				await e.loaded.catch(() => undefined);
				await e.room.settled();
				e.room.destroy();
			})
		);
	}
}

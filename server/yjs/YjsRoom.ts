import { Awareness, applyAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createLocalClusterBus, type ClusterBus } from '../cluster/ClusterBus';
import { CLOSE } from '../sync/SyncEndpoint';
import type { YjsUpdateStore } from '../storage/YjsUpdateStore';
import { SyncRefusal } from './SyncRefusal';
import type { YjsConnection } from './YjsConnection';
import { YJS_LIMITS } from './limits';
import { UpdateRelay } from './UpdateRelay';
import { FullStateAnswer, isEmptyStateVector } from './FullStateAnswer';
import { syncStep2Message } from './messages';
import { PeerLink } from './PeerLink';
import { PEER, PeerPresence, type ChangedClients } from './PeerPresence';

/** An update waiting for the room's write chain, with its sender's promise. */
interface QueuedUpdate {
	from: YjsConnection;
	update: Uint8Array;
	resolve: () => void;
	reject: (error: unknown) => void;
}

/** The least time between two catch-ups from the database (see #catchUp). */
const CATCH_UP_EVERY_MS = 5_000;

/**
 * One agenda in memory: its Y.Doc (loaded from the store before anyone is answered), the
 * server's Awareness (every writer's presence plus the server's own entry carrying the viewer
 * count) and the sockets on it. Updates go through one write chain per room: append to the
 * store, then apply, then relay — so memory never holds an edit the disk does not.
 *
 * In cluster mode the same document may be open on other instances: what this room accepts is
 * published after it is stored, and what a peer published is applied and relayed here without
 * being stored again (the peer stored it before publishing), so an instance that dies loses
 * nothing it acknowledged. Presence crosses over too, the server's own entry included: each
 * instance's entry counts its own sockets, and clients add the counts up.
 */
export class YjsRoom {
	#doc = new Y.Doc();
	// Awareness only reads its doc's client id: it stays with the first doc even if a reload
	// swaps the document underneath.
	readonly awareness = new Awareness(this.#doc);
	readonly connections = new Set<YjsConnection>();
	/** The step 2 shared by first visits until the document's next transaction. */
	readonly #fullState = new FullStateAnswer();
	/** Applied updates and presence go round the sockets in slices, merged per slice (UpdateRelay). */
	readonly #relay = new UpdateRelay(
		this.connections,
		this.awareness,
		YJS_LIMITS.relaySlice,
		YJS_LIMITS.relayRoundMsPerSocket
	);
	#presenceTimer: NodeJS.Timeout | null = null;
	/** Client id → user, mirrored from the store so known ids cost no database write. */
	readonly #owners = new Map<number, string>();
	#rows = 0;
	/** Bytes of the stored rows: what the size cap is held to. */
	#bytes = 0;
	/** `#bytes` right after the last compaction (or the load): see `YJS_LIMITS.compactMaxRows`. */
	#baseBytes = 0;
	#appliedSeq = 0;
	#writes: Promise<unknown> = Promise.resolve();
	/** Updates waiting for the write chain (see `#drain`). */
	#queued: QueuedUpdate[] = [];
	#draining = false;
	readonly #peers: PeerLink;
	readonly #peerPresence: PeerPresence;
	#catchUpTimer: NodeJS.Timeout | null = null;
	#lastCatchUp = 0;
	#compaction: Promise<void> | null = null;
	/** Runs a due compaction once the room has been quiet for `YJS_LIMITS.compactQuietMs`. */
	#quietTimer: NodeJS.Timeout | null = null;
	/** A compaction was asked for while one ran: the rows stored meanwhile are judged after it. */
	#compactAgain = false;
	#destroyed = false;
	/**
	 * The document takes no edits (its meeting was minuted): told to every client through the
	 * server's awareness entry, so an open editor turns read-only instead of queueing edits.
	 */
	closed = false;
	/** Set if a stored row ever failed to apply: compacting then would drop it from disk. */
	#keepAllRows = false;

	constructor(
		readonly docId: string,
		private readonly store: YjsUpdateStore,
		private readonly log: (line: string) => void,
		private readonly maxDocumentBytes = Number.POSITIVE_INFINITY,
		/** Asked inside the write chain before each append: a closed document stores nothing. */
		readonly isOpen: () => Promise<boolean> = async () => true,
		bus: ClusterBus = createLocalClusterBus()
	) {
		this.#peers = new PeerLink(
			bus,
			docId,
			{
				update: (update) => this.#applyPeerUpdate(update),
				awareness: (update) => this.#peerPresence.apply(update),
				awarenessQuery: () => this.#peerPresence.answerQuery(),
				resumed: () => {
					this.#peerPresence.forgetPeers();
					this.#scheduleCatchUp();
				}
			},
			log
		);
		this.#peerPresence = new PeerPresence(this.awareness, this.#peers);
		this.awareness.on('update', (changes: ChangedClients, origin: unknown) => {
			const changed = [...changes.added, ...changes.updated, ...changes.removed];
			this.#relay.presenceChanged(changed);
			this.#peerPresence.noteChange(changes, origin, changed);
		});
		this.#publishPresenceNow();
	}

	/**
	 * Answers a socket's sync step 1 with everything its state vector lacks; from then on the
	 * relay sends it every update applied after that.
	 */
	answerStep1(conn: YjsConnection, stateVector: Uint8Array) {
		if (isEmptyStateVector(stateVector)) {
			const { frame, message } = this.#fullState.for(this.#doc);
			conn.sendFrame(frame, message);
		} else conn.send(syncStep2Message(this.#doc, stateVector));
		this.#relay.answered(conn);
	}

	/** Whole-document step 2s encoded for first visits (see `FullStateAnswer`). */
	get fullStatesEncoded(): number {
		return this.#fullState.encoded;
	}

	/** The document as the server holds it; every read goes through here (it can be reloaded). */
	get doc(): Y.Doc {
		return this.#doc;
	}

	/**
	 * Reads the document from the store, once, before anyone is answered. The link to the other
	 * instances opens first and holds what they publish meanwhile, applied after the read.
	 */
	async load() {
		await this.#peers.open();
		try {
			await this.#read(this.#doc);
		} finally {
			this.#peers.release();
		}
	}

	async #read(into: Y.Doc) {
		const [{ updates, lastSeq }, owners] = await Promise.all([
			this.store.load(this.docId),
			this.store.clientOwners(this.docId)
		]);
		for (const [clientId, userId] of owners) this.#owners.set(clientId, userId);
		for (const update of updates) {
			try {
				Y.applyUpdate(into, update, 'load');
			} catch (error) {
				// Stored rows were validated before they were written; say so loudly if one is not.
				this.log(`yjs ${this.docId}: a stored update failed to apply: ${String(error)}`);
				this.#keepAllRows = true;
			}
		}
		this.#rows = updates.length;
		this.#bytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
		this.#baseBytes = this.#bytes;
		this.#appliedSeq = lastSeq;
	}

	ownerOf(clientId: number): string | undefined {
		return this.#owners.get(clientId);
	}

	/** Binds each new client id to `userId` (first use wins); refuses ids bound to anyone else. */
	async bindClients(clientIds: Iterable<number>, userId: string) {
		const unknown: number[] = [];
		for (const id of clientIds) {
			const owner = this.#owners.get(id);
			if (owner === undefined) unknown.push(id);
			else if (owner !== userId)
				throw new SyncRefusal(CLOSE.forbidden, `client id ${id} belongs to another user`);
		}
		if (unknown.length > YJS_LIMITS.maxNewClientsPerUpdate) {
			throw new SyncRefusal(CLOSE.badMessage, `update introduces ${unknown.length} client ids`);
		}
		for (const id of unknown) {
			const owner = await this.store.bindClient(this.docId, id, userId);
			this.#owners.set(id, owner);
			if (owner !== userId)
				throw new SyncRefusal(CLOSE.forbidden, `client id ${id} belongs to another user`);
		}
	}

	/**
	 * Append, then apply, then relay to every other socket; resolves once stored and applied, or
	 * once dropped because the document was closed to edits (its meeting minuted) meanwhile.
	 */
	submitUpdate(from: YjsConnection, update: Uint8Array): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			this.#queued.push({ from, update, resolve, reject });
			if (this.#draining) return;
			this.#draining = true;
			const drain = this.#writes.then(() => this.#drain());
			this.#writes = drain.catch(() => undefined);
		});
	}

	/**
	 * Group commit, inside the write chain: everything that queued while the last write was in
	 * flight is checked and stored in one go (one "still open?" read, one `appendMany`), then
	 * applied and relayed one by one. With SQLite that is one transaction; with PostgreSQL one
	 * round trip instead of two per keystroke, which is what let a room on PostgreSQL keep up
	 * with 200 edits/s (before, its chain waited on the network for every update in turn).
	 */
	async #drain() {
		try {
			while (this.#queued.length > 0) {
				const batch = this.#queued.splice(0, YJS_LIMITS.maxUpdatesPerWrite);
				try {
					await this.#storeAndApply(batch);
				} catch (error) {
					// The store failed: nobody in this batch was acknowledged.
					for (const item of batch) item.reject(error);
				}
			}
		} finally {
			this.#draining = false;
		}
	}

	async #storeAndApply(batch: QueuedUpdate[]) {
		// Checked in the chain, right before the append: an update queued before the minuting
		// but reaching here after it is dropped like a reader's, never stored.
		if (!(await this.isOpen())) {
			for (const { from, resolve } of batch) {
				this.log(
					`yjs dropped an update from ${from.user.userId} on ${this.docId}: closed to edits`
				);
				resolve();
			}
			return;
		}
		await this.#makeRoomFor(batch.reduce((sum, q) => sum + q.update.byteLength, 0));
		const seqs = await this.store.appendMany(
			this.docId,
			batch.map((q) => ({ update: q.update, userId: q.from.user.userId }))
		);
		this.#rows += batch.length;
		for (const q of batch) this.#bytes += q.update.byteLength;
		for (const [i, { from, update, resolve, reject }] of batch.entries()) {
			const seq = seqs[i] as number;
			const before = this.#integrationMark();
			try {
				Y.applyUpdate(this.doc, update, from);
			} catch (error) {
				// It decoded but does not apply (the fuzzer found such bytes). It was never
				// acknowledged, so it leaves the disk again. Usually Yjs threw before integrating
				// anything; if it got part-way, memory holds structs the disk does not (none were
				// relayed), so the document is loaded afresh from disk — no socket is dropped. The
				// rest of the batch is on disk already and applies again harmlessly after a reload.
				this.log(
					`yjs ${this.docId}: update seq ${seq} decoded but failed to apply: ${String(error)}`
				);
				try {
					await this.store.remove(this.docId, seq);
					if (this.#integrationMark() !== before) await this.#reload();
					else {
						this.#rows--;
						this.#bytes -= update.byteLength;
					}
				} catch (cleanup) {
					this.log(`yjs ${this.docId}: removing seq ${seq} failed: ${String(cleanup)}`);
				}
				reject(new SyncRefusal(CLOSE.badMessage, 'update could not be applied'));
				continue;
			}
			this.#appliedSeq = seq;
			this.#relay.relay(from, update);
			// Stored first, then told: a peer never shows an edit the database could lose.
			this.#peers.publishUpdate(update);
			resolve();
		}
		this.#maybeCompact();
	}

	/**
	 * Runs inside the write chain, after each stored batch. A due compaction waits for a quiet
	 * moment (every batch pushes it back), unless the rows have passed the forced bound.
	 */
	#maybeCompact() {
		if (!this.#compactionDue()) return;
		if (
			this.#rows > YJS_LIMITS.compactForceRows ||
			this.#bytes > YJS_LIMITS.compactForceFactor * this.#baseBytes
		) {
			this.#startCompaction();
			return;
		}
		if (this.#quietTimer) this.#quietTimer.refresh();
		else this.#armQuietTimer();
	}

	#armQuietTimer() {
		this.#quietTimer = setTimeout(() => {
			this.#quietTimer = null;
			this.#compactInChain();
		}, YJS_LIMITS.compactQuietMs);
		this.#quietTimer.unref();
	}

	#compactionDue(): boolean {
		if (this.#rows <= YJS_LIMITS.compactAfterRows) return false;
		return this.#rows > YJS_LIMITS.compactMaxRows || this.#bytes > 2 * this.#baseBytes;
	}

	/**
	 * Queues a due compaction behind the write chain, so that every appended row is applied when
	 * the snapshot is taken. Only its start is in the chain: the store call runs beside it.
	 */
	#compactInChain() {
		const step = this.#writes.then(() => {
			if (this.#compactionDue()) this.#startCompaction();
		});
		this.#writes = step.catch(() => undefined);
	}

	/**
	 * Must run inside the write chain, so every appended row is already applied: the snapshot
	 * covers exactly the rows up to `#appliedSeq`. The store call itself runs beside the chain;
	 * rows appended meanwhile get higher sequence numbers (AUTOINCREMENT) and are not touched.
	 */
	#startCompaction() {
		if (this.#keepAllRows) return;
		if (this.#compaction) {
			this.#compactAgain = true;
			return;
		}
		const snapshot = Y.encodeStateAsUpdate(this.doc);
		const uptoSeq = this.#appliedSeq;
		const replaced = this.#rows;
		const replacedBytes = this.#bytes;
		this.#compaction = this.store.compact(this.docId, snapshot, uptoSeq).then(
			() => {
				this.#rows -= replaced - 1;
				this.#bytes -= replacedBytes - snapshot.byteLength;
				this.#baseBytes = snapshot.byteLength;
				this.#compaction = null;
				// Rows stored while it ran (a forced compaction under steady edits, or a quiet timer
				// that fired meanwhile) would otherwise wait for the next edit: they wait for quiet
				// as any due compaction does. Not after a failure, which would only repeat.
				const again = this.#compactAgain;
				this.#compactAgain = false;
				if (again && !this.#destroyed && !this.#quietTimer && this.#compactionDue())
					this.#armQuietTimer();
			},
			(error: unknown) => {
				this.#compaction = null;
				this.#compactAgain = false;
				this.log(`yjs ${this.docId}: compaction failed: ${String(error)}`);
			}
		);
	}

	/**
	 * The size cap: a document whose stored rows would pass `maxDocumentBytes` takes no more
	 * updates (it stays readable). Rows overcount — every retyped word is a row until compaction
	 * — so the room compacts first and judges the snapshot. Runs inside the write chain.
	 */
	async #makeRoomFor(bytes: number) {
		if (this.#bytes + bytes <= this.maxDocumentBytes) return;
		await this.#compaction;
		if (this.#rows > 1) {
			this.#startCompaction();
			await this.#compaction;
		}
		if (this.#bytes + bytes > this.maxDocumentBytes) {
			throw new SyncRefusal(
				CLOSE.documentTooLarge,
				`document is at its size cap (${this.maxDocumentBytes} bytes)`
			);
		}
	}

	applyAwareness(from: YjsConnection, update: Uint8Array) {
		applyAwarenessUpdate(this.awareness, update, from);
	}

	/**
	 * The server's own awareness entry: how many read and how many write right now. Counts are
	 * published at most every PRESENCE_DELAY_MS: each change goes to every socket, and a thousand
	 * residents joining one at a time would otherwise cost a million frames. Closing the document
	 * to edits is published at once.
	 */
	publishPresence() {
		const closed = this.closed || undefined;
		if (this.awareness.getLocalState()?.closed !== closed) {
			this.#publishPresenceNow();
			return;
		}
		if (this.#presenceTimer) return;
		this.#presenceTimer = setTimeout(() => {
			this.#presenceTimer = null;
			this.#publishPresenceNow();
		}, YJS_LIMITS.presenceDelayMs);
		this.#presenceTimer.unref();
	}

	#publishPresenceNow() {
		let viewers = 0;
		let editors = 0;
		for (const conn of this.connections) {
			if (conn.canWrite) editors++;
			else viewers++;
		}
		const current = this.awareness.getLocalState();
		const closed = this.closed || undefined;
		if (current?.viewers === viewers && current.editors === editors && current.closed === closed)
			return;
		this.awareness.setLocalState({ server: true, viewers, editors, closed });
	}

	/** Removes the presence a socket introduced (on close, or when it loses write access). */
	dropPresenceOf(conn: YjsConnection) {
		const ids = [...conn.awarenessIds].filter((id) => this.awareness.states.has(id));
		conn.awarenessIds.clear();
		if (ids.length > 0) removeAwarenessStates(this.awareness, ids, 'server');
	}

	/** Whether a client here may not speak for this awareness entry (another user's, on a peer). */
	isPeerPresenceOfOther(clientId: number, userId: string): boolean {
		return this.#peerPresence.isOtherUsers(clientId, userId);
	}

	/** An update a peer stored and applied: applied and relayed here, not stored again. */
	#applyPeerUpdate(update: Uint8Array) {
		const before = this.#pendingMark();
		Y.applyUpdate(this.#doc, update, PEER);
		this.#relay.relay(null, update);
		// This update left something waiting for structs never seen: a message was lost on the
		// way, so the gap is read from the database. (Compared with before, so a document that
		// already held something pending does not re-read on every peer update.)
		const after = this.#pendingMark();
		if (after !== '' && after !== before) this.#scheduleCatchUp();
	}

	/** What waits for missing structs, as a cheap fingerprint ('' when nothing waits). */
	#pendingMark(): string {
		const { pendingStructs, pendingDs } = this.#doc.store;
		if (!pendingStructs && !pendingDs) return '';
		return `${pendingStructs?.update.byteLength ?? 0}|${pendingDs?.byteLength ?? 0}`;
	}

	/** Re-reads the stored rows, at most every CATCH_UP_EVERY_MS, after the bus may have lost some. */
	#scheduleCatchUp() {
		if (this.#catchUpTimer) return;
		const wait = Math.max(0, this.#lastCatchUp + CATCH_UP_EVERY_MS - Date.now());
		this.#catchUpTimer = setTimeout(() => {
			this.#catchUpTimer = null;
			this.#lastCatchUp = Date.now();
			const next = this.#writes.then(() => this.#catchUp());
			this.#writes = next.catch((error: unknown) =>
				this.log(`yjs ${this.docId}: catching up from the database failed: ${String(error)}`)
			);
		}, wait);
		this.#catchUpTimer.unref();
	}

	/** Runs in the write chain: applies every stored row and relays what was missing here. */
	async #catchUp() {
		const { updates } = await this.store.load(this.docId);
		const before = Y.encodeStateVector(this.#doc);
		for (const update of updates) {
			try {
				Y.applyUpdate(this.#doc, update, PEER);
			} catch {
				// Logged when the room loaded; a catch-up changes nothing about it.
			}
		}
		this.#relay.relay(null, Y.encodeStateAsUpdate(this.#doc, before));
	}

	/** Changes whenever an update integrates anything: the state vector or what waits pending. */
	#integrationMark(): string {
		const { pendingStructs, pendingDs } = this.doc.store;
		const pending = pendingStructs ? pendingStructs.update.byteLength : 0;
		return `${Y.encodeStateVector(this.doc).join(',')}|${pending}|${pendingDs?.byteLength ?? 0}`;
	}

	/** Swaps in the document as stored. Runs inside the write chain, so nothing interleaves. */
	async #reload() {
		const fresh = new Y.Doc();
		this.#peers.hold();
		try {
			await this.#read(fresh);
			// The stale doc is not destroyed (destroying it would destroy the awareness bound to
			// it); it is dropped with the room.
			this.#doc = fresh;
		} finally {
			this.#peers.release();
		}
		this.log(`yjs ${this.docId}: reloaded from disk after a partly applied update`);
	}

	/**
	 * Resolves when every accepted update is stored and any compaction has finished. A compaction
	 * still waiting for quiet runs now: the room is about to unload, or its meeting just moved.
	 */
	async settled() {
		// Twice at most: a compaction asked for while the first one ran is armed when it ends.
		for (let round = 0; round < 2; round++) {
			if (this.#quietTimer) {
				clearTimeout(this.#quietTimer);
				this.#quietTimer = null;
				this.#compactInChain();
			}
			await this.#writes;
			await this.#compaction;
		}
	}

	destroy() {
		this.#destroyed = true;
		if (this.#presenceTimer) clearTimeout(this.#presenceTimer);
		if (this.#catchUpTimer) clearTimeout(this.#catchUpTimer);
		if (this.#quietTimer) clearTimeout(this.#quietTimer);
		this.#relay.flush();
		// Removes the server's entry, which tells the peers too, before the link closes.
		this.awareness.destroy();
		this.#peers.close();
		this.doc.destroy();
	}
}

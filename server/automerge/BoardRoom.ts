import * as A from '@automerge/automerge';
import { createHash } from 'node:crypto';
import type { AutomergeChangeStore } from '../storage/AutomergeChangeStore';
import { CLOSE } from '../sync/SyncEndpoint';
import { changeHash, changesNewTo, type ChangePart, type StoredChange } from './incomingChanges';
import { Refusal } from './Refusal';
import { SyncAnswers } from './SyncAnswers';
import { SerialQueue } from './SerialQueue';

/** What a room needs from a connection: somewhere to send sync messages for this board. */
export interface BoardPeer {
	sendSync(documentId: string, data: Uint8Array): void;
}

/** Changes a writer sent, already decoded once (so junk was refused before anything was stored). */
export interface IncomingChanges {
	userId: string;
	parts: readonly ChangePart[];
}

export interface BoardRoomOptions {
	store: AutomergeChangeStore;
	/** Compact once the stored chunks pass this count. */
	compactAfterChunks: number;
	/** Stored bytes the board may grow to; changes past it are refused (4413). */
	maxDocumentBytes: number;
	unloadAfterMs: number;
	/** Called when the room has had no peers for `unloadAfterMs`. */
	onIdle: (room: BoardRoom) => void;
	log: (line: string) => void;
	/** A schema migration for a board as loaded, made as a server change; null if none needed. */
	migrate?: (doc: A.Doc<unknown>, documentId: string) => Promise<ServerMadeChange | null>;
	/**
	 * Cluster mode: other instances append to the same store and may have this board open too
	 * (see BoardRelay). Absent when this process is alone with its store.
	 */
	shared?: SharedBoard;
}

export interface SharedBoard {
	/** The store is read only once this resolves: when other instances' news is being heard. */
	live: Promise<void>;
	/** Told once changes this room accepted are stored and applied, with the heads after them. */
	accepted(changes: readonly StoredChange[], heads: string[]): void;
}

export interface ServerMadeChange {
	change: (doc: Record<string, unknown>) => void;
	userId: string;
}

/** Thrown when a sync message cannot be applied; what it appended has been removed again. */
export class UnappliableMessage extends Error {}

/**
 * One open board: its document in memory, one sync state per connected peer, and a queue so
 * that appending to storage, applying, and compacting happen one at a time. The order for a
 * write is append (awaited) → apply → reply and relay: what the server acknowledges is on disk,
 * and what cannot be applied is removed again before anyone sees it.
 */
export class BoardRoom {
	readonly ready: Promise<void>;
	#doc: A.Doc<unknown> = A.init();
	#peers = new Map<BoardPeer, A.SyncState>();
	#queue = new SerialQueue();
	#chunkCount = 0;
	/** Bytes of the stored chunks: what the size cap is held to. */
	#bytes = 0;
	/** The highest stored seq whose chunk is applied in memory: compaction never goes past it. */
	#appliedSeq = 0;
	/**
	 * Cluster mode: the store as this room last merged all of it (its last seq, its chunk count).
	 * Both, because PostgreSQL numbers a row when it is inserted, not when it commits: a row may
	 * appear below a seq already seen, and then only the count tells.
	 */
	#merged = { seq: 0, count: 0 };
	#unloadTimer: NodeJS.Timeout | null = null;
	/** Server calls (hold) in progress. */
	#held = 0;
	#compacting = false;
	/** Peers owed a sync message, sent together once the current burst of messages is handled. */
	#owed = new Set<BoardPeer>();
	#flush: NodeJS.Immediate | null = null;
	/** Peers sent a first message carrying changes and nothing since (see #sendTo). */
	#unsettled = new Set<BoardPeer>();
	/** Peers sent at least one message since they joined. */
	#greeted = new Set<BoardPeer>();
	/** The heads the last message sent to each peer carried: what it knows the server holds. */
	#told = new Map<BoardPeer, string[]>();
	/** Answers generated and acknowledgements read since the document last changed. */
	#answers = new SyncAnswers();
	#generations = 0;

	constructor(
		readonly documentId: string,
		private readonly opts: BoardRoomOptions
	) {
		this.ready = this.#queue.run(() => this.#load());
	}

	/** Sync messages Automerge generated for this room's peers (answers reused not counted). */
	get generations() {
		return this.#generations;
	}

	get peerCount() {
		return this.#peers.size;
	}

	heads(): string[] {
		return A.getHeads(this.#doc);
	}

	join(peer: BoardPeer) {
		if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
		this.#unloadTimer = null;
		if (!this.#peers.has(peer)) this.#peers.set(peer, A.initSyncState());
	}

	leave(peer: BoardPeer) {
		this.#unsettled.delete(peer);
		this.#greeted.delete(peer);
		this.#told.delete(peer);
		if (!this.#peers.delete(peer) || this.#peers.size > 0) return;
		this.#armUnload();
	}

	/** True while peers are connected or server code is using the room. */
	get inUse() {
		return this.#peers.size > 0 || this.#held > 0;
	}

	/**
	 * Runs `use` with the room kept loaded. Server code (a server change, a read of the server's
	 * copy) has no peer whose leaving would start the idle timer, so the timer starts here.
	 */
	async hold<R>(use: () => Promise<R>): Promise<R> {
		this.#held++;
		if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
		this.#unloadTimer = null;
		try {
			return await use();
		} finally {
			this.#held--;
			this.#armUnload();
		}
	}

	#armUnload() {
		if (this.inUse || this.#unloadTimer) return;
		this.#unloadTimer = setTimeout(() => {
			this.#unloadTimer = null;
			if (!this.inUse) this.opts.onIdle(this);
		}, this.opts.unloadAfterMs);
	}

	/**
	 * Applies one sync message from `peer`. `incoming` holds its changes when the sender may
	 * write; a reader's message reaches here only when it carries none.
	 */
	receive(peer: BoardPeer, data: Uint8Array, incoming: IncomingChanges | null): Promise<void> {
		return this.#queue.run(async () => {
			if (!this.#peers.has(peer)) return;
			const fresh = incoming ? changesNewTo(this.#doc, incoming.parts) : [];
			const freshBytes = fresh.reduce((sum, c) => sum + c.bytes.byteLength, 0);
			if (incoming && fresh.length > 0) {
				await this.#makeRoomFor(freshBytes);
				await this.opts.store.appendChanges(this.documentId, fresh, incoming.userId);
			}
			const before = this.heads();
			try {
				const state = this.#peers.get(peer);
				if (!state) throw new UnappliableMessage('peer left while its changes were stored');
				if (incoming) {
					const [doc, next] = A.receiveSyncMessage(this.#doc, state, data);
					this.#changeDoc(doc);
					this.#peers.set(peer, next);
				} else {
					// Carries no changes, so the document stays as it is and only the peer's sync
					// state moves: answers generated stay good (see SyncAnswers).
					this.#peers.set(
						peer,
						this.#answers.received(state, data, () => {
							const [doc, next] = A.receiveSyncMessage(this.#doc, state, data);
							this.#doc = doc;
							return next;
						})
					);
				}
			} catch (err) {
				if (fresh.length > 0) {
					await this.opts.store.removeChanges(
						this.documentId,
						fresh.map((c) => c.hash)
					);
				}
				throw new UnappliableMessage(String(err));
			}
			if (fresh.length > 0) {
				this.#chunkCount += fresh.length;
				this.#bytes += freshBytes;
				await this.#noteStored(fresh.length);
				this.opts.shared?.accepted(fresh, this.heads());
			}
			this.#owe(peer);
			if (!sameHeads(before, this.heads())) {
				for (const other of this.#peers.keys()) if (other !== peer) this.#owe(other);
			}
			if (this.#chunkCount > this.opts.compactAfterChunks) this.#scheduleCompaction();
		});
	}

	/**
	 * A change the server makes itself (a schema migration, a task made from a server record),
	 * as this room's own actor. Like a peer's change it is stored first, with `userId` as its
	 * author, then applied and sent to every connected peer. Returns the hashes stored (none
	 * when `change` changed nothing).
	 */
	changeAsServer<T>(change: (doc: T) => void, userId: string): Promise<string[]> {
		return this.#queue.run(() => this.#applyOwn(change, userId));
	}

	/**
	 * The document as the server holds it once everything queued before this call is applied.
	 * Automerge documents are immutable, so the caller may keep it. It holds every change stored
	 * before the call, even one another instance stored and has not relayed yet (gates and the
	 * history rely on that): in cluster mode a store that grew since the room last read it is
	 * merged first.
	 */
	read<T>(): Promise<A.Doc<T>> {
		return this.#queue.run(async () => {
			if (this.opts.shared) {
				const seq = await this.opts.store.lastSeq(this.documentId);
				const count = await this.opts.store.chunkCount(this.documentId);
				if (seq !== this.#merged.seq || count !== this.#merged.count) {
					const before = this.heads();
					await this.#mergeStored();
					this.#oweAllIfMoved(before);
				}
			}
			return this.#doc as A.Doc<T>;
		});
	}

	/**
	 * Changes another instance accepted and stored (cluster mode), applied here WITHOUT storing
	 * them or recording their author again, and sent to this room's peers by the normal sync.
	 * `heads` are the sender's heads after them: if this room then lacks any of them, an earlier
	 * message was lost (or the changes were too many to relay) and the store has them.
	 */
	applyFromPeer(changes: readonly Uint8Array[], heads: readonly string[]): Promise<void> {
		return this.#queue.run(async () => {
			const before = this.heads();
			const parts = changes.map((bytes) => ({
				kind: 'change' as const,
				hash: changeHash(bytes),
				bytes
			}));
			const fresh = changesNewTo(this.#doc, parts);
			if (fresh.length > 0) {
				// Automerge keeps a change whose dependencies are missing aside until they come.
				const [doc] = A.applyChanges(
					this.#doc,
					fresh.map((c) => c.bytes)
				);
				this.#changeDoc(doc);
				this.#bytes += fresh.reduce((sum, c) => sum + c.bytes.byteLength, 0);
			}
			// Chunks are idempotent to merge: loading what is already here costs time, not data.
			if (!A.hasHeads(this.#doc, [...heads])) await this.#mergeStored();
			this.#oweAllIfMoved(before);
		});
	}

	/** Merges whatever the store holds that this room lacks (cluster mode, after lost news). */
	catchUp(): Promise<void> {
		return this.#queue.run(async () => {
			const before = this.heads();
			await this.#mergeStored();
			this.#oweAllIfMoved(before);
		});
	}

	/** Resolves once everything queued (appends, compaction) has settled. */
	idle(): Promise<void> {
		return this.#queue.idle();
	}

	dispose() {
		if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
		this.#unloadTimer = null;
		if (this.#flush) clearImmediate(this.#flush);
		this.#flush = null;
		this.#owed.clear();
		this.#peers.clear();
		this.#unsettled.clear();
		this.#greeted.clear();
		this.#told.clear();
		this.#answers.clear();
	}

	/**
	 * Every change of the room's document goes through here: the answers remembered for the old
	 * one no longer hold. (A change-free sync message leaves the document as it is and does not.)
	 */
	#changeDoc(doc: A.Doc<unknown>) {
		this.#doc = doc;
		this.#answers.clear();
	}

	/** Runs inside the queue: makes, stores, applies and relays one change of the server's own. */
	async #applyOwn<T>(
		change: (doc: T) => void,
		userId: string,
		/** Makes the change as this actor at this time instead of the room's actor and now. */
		as?: { actor: string; time: number }
	): Promise<string[]> {
		const before = this.#doc as A.Doc<T>;
		// On a clone: changing the room's document in place would leave it ahead of storage
		// if the append below fails.
		let after = as
			? A.change(A.clone(before, as.actor), { time: as.time }, (d) => change(d))
			: A.change(A.clone(before), (d) => change(d));
		// Later changes go out as the room's own actor again: reusing a borrowed one would give
		// two different changes the same actor and sequence number.
		if (as) after = A.clone(after, A.getActorId(before));
		const fresh = A.getChanges(before, after).map((bytes) => ({
			hash: A.decodeChange(bytes).hash,
			bytes
		}));
		if (fresh.length === 0) return [];
		const freshBytes = fresh.reduce((sum, c) => sum + c.bytes.byteLength, 0);
		await this.#makeRoomFor(freshBytes);
		await this.opts.store.appendChanges(this.documentId, fresh, userId);
		this.#changeDoc(after);
		this.#chunkCount += fresh.length;
		this.#bytes += freshBytes;
		await this.#noteStored(fresh.length);
		this.opts.shared?.accepted(fresh, this.heads());
		for (const peer of this.#peers.keys()) this.#owe(peer);
		if (this.#chunkCount > this.opts.compactAfterChunks) this.#scheduleCompaction();
		return fresh.map((c) => c.hash);
	}

	/**
	 * Runs inside the queue: merges every stored chunk into the document, which brings in what
	 * other instances stored and this one has not heard of.
	 */
	async #mergeStored(): Promise<{ chunks: Uint8Array[]; upto: number }> {
		// The seq first: every chunk up to it is in the load below, whatever is appended between.
		const upto = await this.opts.store.lastSeq(this.documentId);
		const chunks = await this.opts.store.load(this.documentId);
		let doc = this.#doc;
		for (const chunk of chunks) {
			try {
				doc = A.loadIncremental(doc, chunk);
			} catch (err) {
				// Another instance may have stored a change it is about to remove as unappliable.
				this.opts.log(`automerge: skipped a stored chunk of ${this.documentId}: ${String(err)}`);
			}
		}
		this.#changeDoc(doc);
		this.#bytes = chunks.reduce((sum, c) => sum + c.byteLength, 0);
		this.#merged = { seq: upto, count: chunks.length };
		return { chunks, upto };
	}

	/** After `added` chunks of ours were appended and applied: what is now known stored. */
	async #noteStored(added: number) {
		const seq = await this.opts.store.lastSeq(this.documentId);
		this.#appliedSeq = seq;
		if (!this.opts.shared || seq !== this.#merged.seq + added) return;
		// If the store grew by exactly our rows, nobody else stored anything meanwhile, and the
		// next read need not load the store.
		const count = await this.opts.store.chunkCount(this.documentId);
		if (count === this.#merged.count + added) this.#merged = { seq, count };
	}

	#oweAllIfMoved(before: readonly string[]) {
		if (sameHeads(before, this.heads())) return;
		for (const peer of this.#peers.keys()) this.#owe(peer);
	}

	async #load() {
		if (this.opts.shared) await this.opts.shared.live;
		// Read the last seq before loading: anything appended in between is in memory but not
		// counted, so compaction can only cover less than what is applied, never more.
		const lastSeq = await this.opts.store.lastSeq(this.documentId);
		const chunks = await this.opts.store.load(this.documentId);
		let doc: A.Doc<unknown> = chunks[0] ? A.load(chunks[0]) : A.init();
		for (const chunk of chunks.slice(1)) doc = A.loadIncremental(doc, chunk);
		this.#changeDoc(doc);
		this.#chunkCount = chunks.length;
		this.#bytes = chunks.reduce((sum, c) => sum + c.byteLength, 0);
		this.#appliedSeq = lastSeq;
		this.#merged = { seq: lastSeq, count: chunks.length };
		// A board stored in an older schema is lifted once, here, before any peer sees it.
		const migration = await this.opts.migrate?.(this.#doc, this.documentId);
		// Two instances loading the same stored board at once both migrate it: made as an actor
		// and time fixed by the board and its heads, their migrations are one identical change
		// (stored and recorded once as one hash) instead of two that create the same containers
		// concurrently, where one side's later edits would be lost in the losing container.
		if (migration) {
			await this.#applyOwn(migration.change, migration.userId, {
				actor: migrationActor(this.documentId, this.heads()),
				time: 0
			});
		}
	}

	/**
	 * Owes `peer` one sync message, generated from the document as it is once every message
	 * already received has been handled. Answering each message on its own breaks down under
	 * load: every answer is answered back while heads differ, so a backlog of N messages
	 * keeps N messages circulating per peer, and every change fans out to every peer again.
	 * One message per peer per burst carries the same state (the sync protocol only needs the
	 * latest one) and lets a backlog drain.
	 */
	#owe(peer: BoardPeer) {
		this.#owed.add(peer);
		this.#flush ??= setImmediate(() => {
			this.#flush = null;
			const owed = [...this.#owed];
			this.#owed.clear();
			// One document for the whole flush: its heads are read once, not once per peer.
			const heads = this.heads();
			for (const p of owed) this.#sendTo(p, heads);
		});
	}

	/**
	 * Sends `peer` what Automerge's sync says it is owed, and settles a first sync. A client that
	 * opened a board it did not have gets the board in one message and acknowledges it, and the
	 * protocol then has nothing more to say. But Automerge keeps a document received that way at
	 * about five times its size (0.25 MB for a 20-task board) until the next sync message reaches
	 * it, and a client holding many such boards slows down as that memory grows (opening 400
	 * boards over ten sockets took 2.3 times the client CPU). So the acknowledgement of a first
	 * sync is answered once with the server's heads, as the stock automerge-repo server answers
	 * it: a true statement (these are our heads, we have nothing you lack) the client takes
	 * without replying.
	 *
	 * The same heads-only answer goes to a peer that Automerge would leave uninformed. When a
	 * burst holds a peer's change and then a message of that peer's whose heads are the server's
	 * heads after the change, Automerge takes the peer to know those heads already and has
	 * nothing to say; but the peer was never told the server holds its change, and would show it
	 * as waiting to sync until the next edit. (Answering each message on its own, as a stock
	 * server does, tells it in the answer to the change.)
	 */
	#sendTo(peer: BoardPeer, heads: string[]) {
		const state = this.#peers.get(peer);
		if (!state) return;
		const [next, message] = this.#answers.for(state, () => {
			this.#generations++;
			return A.generateSyncMessage(this.#doc, state);
		});
		this.#peers.set(peer, next);
		const first = !this.#greeted.has(peer);
		if (message) {
			this.#greeted.add(peer);
			this.#unsettled.delete(peer);
			if (first && A.decodeSyncMessage(message).changes.length > 0) this.#unsettled.add(peer);
			this.#told.set(peer, heads);
			peer.sendSync(this.documentId, message);
			return;
		}
		const told = this.#told.get(peer);
		const uninformed = told !== undefined && !sameHeads(told, heads);
		if (this.#unsettled.delete(peer) || uninformed) {
			this.#told.set(peer, heads);
			peer.sendSync(this.documentId, headsOnly(heads));
		}
	}

	#scheduleCompaction() {
		if (this.#compacting) return;
		this.#compacting = true;
		this.#queue
			.run(() => this.#compact())
			.catch((err: unknown) =>
				this.opts.log(`automerge: compaction of ${this.documentId} failed: ${String(err)}`)
			)
			.finally(() => {
				this.#compacting = false;
			});
	}

	/** Runs inside the queue: replaces the stored chunks by one saved document. */
	async #compact() {
		if (this.opts.shared) return this.#compactShared();
		// A change waiting for a missing dependency is stored but not in `save`'s output.
		if (A.getMissingDeps(this.#doc, []).length > 0) return;
		const saved = A.save(this.#doc);
		await this.opts.store.compact(this.documentId, saved, this.#appliedSeq);
		this.#chunkCount = await this.opts.store.chunkCount(this.documentId);
		// Everything applied is in `saved`; the queue holds back anything newer.
		this.#bytes = saved.byteLength;
	}

	/**
	 * Compaction when other instances append to the same store (runs inside the queue). Chunks
	 * up to the seq replaced may hold changes this room has not heard of yet, so everything
	 * stored up to the seq read first is merged before saving: the saved document covers every
	 * chunk it replaces. Another instance compacting the same board meanwhile puts its snapshot
	 * where the first chunk was; replacing that with ours could drop changes it held that we
	 * never saw, so this round is then left to it. (PostgreSQL's compact also folds into the
	 * saved document any chunk it replaces that the document lacks; SQLite's does not.)
	 */
	async #compactShared() {
		const before = this.heads();
		const { chunks, upto } = await this.#mergeStored();
		const first = chunks[0];
		this.#oweAllIfMoved(before);
		if (A.getMissingDeps(this.#doc, []).length > 0) return;
		const saved = A.save(this.#doc);
		const firstNow = (await this.opts.store.load(this.documentId))[0];
		if (!first || !firstNow || Buffer.compare(first, firstNow) !== 0) {
			this.opts.log(`automerge: ${this.documentId} was compacted by another instance meanwhile`);
			return;
		}
		await this.opts.store.compact(this.documentId, saved, upto);
		this.#chunkCount = await this.opts.store.chunkCount(this.documentId);
		this.#bytes = saved.byteLength;
	}

	/**
	 * The size cap: a board whose stored chunks would pass `maxDocumentBytes` takes no more
	 * changes (it stays readable). Chunks overcount until compaction, so compact first and judge
	 * the saved document. Runs inside the queue.
	 */
	async #makeRoomFor(bytes: number) {
		if (this.#bytes + bytes <= this.opts.maxDocumentBytes) return;
		// Shared: chunks other instances stored are not in the count, but count towards the cap.
		if (this.#chunkCount > 1 || this.opts.shared) await this.#compact();
		if (this.#bytes + bytes > this.opts.maxDocumentBytes) {
			throw new Refusal(
				CLOSE.documentTooLarge,
				`board is at its size cap (${this.opts.maxDocumentBytes} bytes)`
			);
		}
	}
}

function migrationActor(documentId: string, heads: readonly string[]) {
	const basis = `migration:${documentId}:${[...heads].sort().join(',')}`;
	return createHash('sha256').update(basis).digest('hex').slice(0, 32);
}

/** A sync message saying only: these are my heads, and I have nothing beyond them. */
function headsOnly(heads: string[]): Uint8Array {
	return A.encodeSyncMessage({
		heads,
		need: [],
		have: [{ lastSync: heads, bloom: new Uint8Array() }],
		changes: []
	});
}

function sameHeads(a: readonly string[], b: readonly string[]) {
	return a.length === b.length && a.every((h) => b.includes(h));
}

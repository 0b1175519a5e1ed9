import wasmUrl from '@automerge/automerge/automerge.wasm?url';
import {
	Automerge,
	initializeWasm,
	Repo,
	type AnyDocumentId,
	type DocHandle,
	type DocHandleRemoteHeadsPayload
} from '@automerge/automerge-repo/slim';
import { SafeWebSocketClientAdapter } from './SafeWebSocketClientAdapter';
import { IndexedDBStorageAdapter } from '@automerge/automerge-repo-storage-indexeddb';
import { BOARD_SCHEMA_VERSION, nextRank, type Board, type TaskStatus } from '$lib/domain/board';
import type { ConnectionState } from './ConnectionState';
import * as boardEdits from './boardEdits';
import { DirtyFlag } from './DirtyFlag';
import { newId } from './newId';
import { headsCovered } from './headsCovered';
import { automergeDbName } from './localKeys';
import { keepForOffline } from './registerServiceWorker';
import { wsOrigin } from './wsOrigin';

export interface BoardSessionOptions {
	userId: string;
	docId: string;
	/** The server's decision for this user; the server enforces it too. */
	writable: boolean;
}

// How long the page says "connecting" before it admits to being offline.
const CONNECT_GRACE_MS = 4000;

/**
 * One open board: an automerge-repo Repo with the user's own IndexedDB store and the websocket
 * to our server. Every change goes through the methods below, which do nothing unless the
 * document is editable, so a reader's client never calls `handle.change`.
 * Import this module dynamically: it pulls in the Automerge wasm, which only this page needs.
 */
export class BoardSession {
	board = $state.raw<Board | undefined>();
	connection = $state<ConnectionState>('connecting');
	pending = $state(false);
	unavailable = $state(false);
	/** The server refused this user's changes and the page stopped reconnecting (see the adapter). */
	refused = $state(false);

	readonly #repo: Repo;
	readonly #adapter: SafeWebSocketClientAdapter;
	readonly #dirty: DirtyFlag;
	#handle: DocHandle<Board> | undefined;
	// Plain record, not reactive state: only #checkPending reads it.
	#serverHeads: Record<string, DocHandleRemoteHeadsPayload['heads']> = {};
	#graceTimer: ReturnType<typeof setTimeout>;
	#destroyed = false;

	private constructor(private readonly opts: BoardSessionOptions) {
		this.#dirty = new DirtyFlag(opts.userId, opts.docId);
		this.pending = this.#dirty.value;
		this.#adapter = new SafeWebSocketClientAdapter(
			`${wsOrigin()}/sync/automerge`,
			2000,
			() => (this.refused = true)
		);
		this.#adapter.on('peer-candidate', () => {
			clearTimeout(this.#graceTimer);
			this.connection = 'online';
		});
		this.#adapter.on('peer-disconnected', () => (this.connection = 'offline'));
		this.#graceTimer = setTimeout(() => {
			if (this.connection === 'connecting') this.connection = 'offline';
		}, CONNECT_GRACE_MS);
		this.#repo = new Repo({
			network: [this.#adapter],
			storage: new IndexedDBStorageAdapter(automergeDbName(opts.userId)),
			sharePolicy: async () => true
		});
	}

	static async open(opts: BoardSessionOptions): Promise<BoardSession> {
		await initializeWasm(wasmUrl);
		// Not precached (3.6 MB): kept now that this device has needed it once.
		void keepForOffline([wasmUrl]);
		const session = new BoardSession(opts);
		await session.#find();
		return session;
	}

	get docId(): string {
		return this.opts.docId;
	}

	get schemaTooNew(): boolean {
		return (this.board?.schemaVersion ?? 0) > BOARD_SCHEMA_VERSION;
	}

	get editable(): boolean {
		// Once refused, more changes would only pile up on this device unseen: the board turns
		// read-only here too, and the banner says why.
		return this.opts.writable && !this.refused && !!this.board && !this.schemaTooNew;
	}

	addTask(title: string) {
		const text = title.trim();
		if (!text) return;
		const id = newId('t');
		this.#change((d) => {
			// A new key with a fresh id: no other replica can create the same one concurrently.
			d.tasks[id] = {
				id,
				title: text,
				status: 'todo',
				owner: '',
				due: '',
				notes: '',
				checklist: {},
				waivedReason: '',
				rank: nextRank(d, 'todo'),
				createdAt: Date.now()
			};
		});
	}

	move(taskId: string, status: TaskStatus) {
		this.#change((d) => {
			const task = d.tasks[taskId];
			if (!task || task.status === status) return;
			task.rank = nextRank(d, status);
			task.status = status;
		});
	}

	/** Waived with its reason in one change, so nobody ever sees a waived task without one. */
	waive(taskId: string, reason: string) {
		const text = reason.trim();
		if (!text) return;
		this.#change((d) => {
			const task = d.tasks[taskId];
			if (!task) return;
			task.rank = nextRank(d, 'waived');
			task.status = 'waived';
			task.waivedReason = text;
		});
	}

	/**
	 * Any other edit: one of the functions of boardEdits.ts (handed in as `E`, so components need
	 * not import Automerge), run as one change. Does nothing on a reader's page or a board from a
	 * newer schema, like every other method here.
	 */
	edit(change: (d: Board, E: typeof boardEdits) => void) {
		this.#change((d) => change(d, boardEdits));
	}

	/** Notes are collaborative text: diff into the text so a concurrent edit is kept, not overwritten. */
	setNotes(taskId: string, notes: string) {
		this.#change((d) => {
			if (!d.tasks[taskId]) return;
			Automerge.updateText(d, ['tasks', taskId, 'notes'], notes);
		});
	}

	async destroy() {
		this.#destroyed = true;
		clearTimeout(this.#graceTimer);
		await this.#repo.shutdown();
	}

	async #find() {
		try {
			const handle = await this.#repo.find<Board>(this.opts.docId as AnyDocumentId);
			this.#handle = handle;
			this.board = handle.doc();
			handle.on('change', () => {
				this.board = handle.doc();
				this.#checkPending();
			});
			handle.on('remote-heads', ({ storageId, heads }) => {
				this.#serverHeads[storageId] = heads;
				this.#checkPending();
			});
		} catch {
			if (!this.#destroyed) this.unavailable = true;
		}
	}

	#change(fn: (d: Board) => void) {
		const handle = this.#handle;
		if (!handle || !this.editable) return;
		const wasDirty = this.#dirty.value;
		const before = handle.heads().join();
		// Marked before the change, so a page killed mid-change still knows it has something.
		this.#dirty.set(true);
		this.pending = true;
		handle.change(fn);
		// An edit that changed nothing (the same text again, a composition's final input) makes no
		// change: nothing will be acknowledged, so the badge must not wait for it.
		if (!wasDirty && handle.heads().join() === before) {
			this.#dirty.set(false);
			this.pending = false;
		}
	}

	#checkPending() {
		const handle = this.#handle;
		if (!handle || !this.#dirty.value) return;
		const local = handle.heads();
		const doc = handle.doc();
		for (const heads of Object.values(this.#serverHeads)) {
			if (headsCovered(doc, local, heads)) {
				this.#dirty.set(false);
				this.pending = false;
				return;
			}
		}
	}
}

import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';
import type { ClusterBus } from '../cluster/ClusterBus';
import type { SyncDeps } from '../sync/SyncDeps';
import { CLOSE, refuseUpgrade, type SyncEndpoint } from '../sync/SyncEndpoint';
import { boardMigration } from './boardMigration';
import { BoardRelay } from './BoardRelay';
import { BoardRoom, type SharedBoard } from './BoardRoom';
import { serverStorageId } from './serverStorageId';
import { SyncConnection } from './SyncConnection';
import * as A from '@automerge/automerge';
import { verifyHistory, type HistoryCheck } from './verifyHistory';

/**
 * The Automerge endpoint, plus what server code needs from its rooms: the server's own copy of
 * a board, and changes the server makes itself (see serverChange.ts, the one way to call them).
 */
export interface AutomergeSync extends SyncEndpoint {
	/** The board as the server holds it, loading it if it is not open. */
	read<T>(documentId: string): Promise<A.Doc<T>>;
	/** Stores `change` as `userId`'s, applies it and relays it; returns the stored hashes. */
	changeAsServer<T>(
		documentId: string,
		change: (doc: T) => void,
		userId: string
	): Promise<string[]>;
	/**
	 * How the board's stored history compared with the record of accepted changes when it was
	 * last loaded (null: not loaded since the server started). A mismatch means the store was
	 * rewritten behind the server's back; it is logged when found.
	 */
	historyCheck(documentId: string): HistoryCheck | null;
}

const PATH = '/sync/automerge';
const HEARTBEAT_MS = 30_000;
const MAX_DOCUMENTS_PER_SOCKET = 100;
const COMPACT_AFTER_CHUNKS = 200;
/** Bigger batches go to peers as a heads notice; they read the changes from the store. */
const MAX_RELAY_BYTES = 256 * 1024;
const RELAY_SETTLE_MS = 1000;
const SUBSCRIBE_TIMEOUT_MS = 5000;

export interface AutomergeSyncDeps extends SyncDeps {
	/**
	 * Whether other instances share the store and `bus` reaches them (cluster mode). Defaults to
	 * `config.redisUrl` being set. When alone (the embedded default) nothing is relayed, and
	 * rooms need not look for chunks someone else stored.
	 */
	shared?: boolean;
}

/**
 * The Automerge endpoint: automerge-repo's websocket protocol on one socket per client, carrying
 * every board it has open. The server side of the sync is ours (not a server-side Repo): one
 * document in memory per open board, one sync state per (socket, board), writes appended to
 * storage before they are applied, and a reader's changes refused.
 */
export function createAutomergeSync(deps: AutomergeSyncDeps): AutomergeSync {
	const { config, stores, access } = deps;
	const cluster: ClusterBus | null =
		(deps.shared ?? Boolean(config.redisUrl)) && deps.bus ? deps.bus : null;
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxPayloadBytes });
	const serverPeerId = `gongzhi-server-${randomUUID()}`;
	const storageId = serverStorageId(config.dataDir);
	const connections = new Set<SyncConnection>();
	const rooms = new Map<string, BoardRoom>();
	const relays = new Map<BoardRoom, BoardRelay>();
	/** Rooms unloaded while their queue (an append, a compaction) was still running. */
	const draining = new Set<Promise<void>>();
	let closing = false;
	const migrate = boardMigration(stores);
	/** Each loaded board's history against the record, as found when it was loaded. */
	const checks = new Map<string, HistoryCheck>();

	const checkLoaded = async (room: BoardRoom) => {
		let check = await verifyHistory(stores.automerge, room.documentId, await room.read());
		if (cluster && check.missing.length > 0) {
			// Another instance may have recorded changes after this room loaded and not yet
			// relayed them: merge what the store holds now, and judge only what is still absent.
			await room.applyFromPeer([], check.missing);
			const doc = await room.read();
			check = { ...check, missing: check.missing.filter((h) => !A.hasHeads(doc, [h])) };
		}
		checks.set(room.documentId, check);
		if (check.missing.length > 0 || check.unrecorded.length > 0) {
			config.log(
				`automerge: stored history of ${room.documentId} does not match the record: ` +
					`${check.missing.length} recorded change(s) missing, ` +
					`${check.unrecorded.length} change(s) never recorded`
			);
		}
	};

	const forget = (room: BoardRoom) => {
		if (rooms.get(room.documentId) === room) rooms.delete(room.documentId);
		relays.get(room)?.close();
		relays.delete(room);
	};

	const unload = (room: BoardRoom) => {
		if (rooms.get(room.documentId) !== room || room.inUse) return;
		forget(room);
		room.dispose();
		const done = room.idle().finally(() => draining.delete(done));
		draining.add(done);
	};

	const openRoom = (documentId: string) => {
		let room = rooms.get(documentId);
		if (!room) {
			// Listening starts before the room reads the store (the room waits until the topic is
			// live), so a change stored and published in between is not missed.
			const relay = cluster
				? new BoardRelay(cluster, documentId, {
						log: config.log,
						maxRelayBytes: MAX_RELAY_BYTES,
						settleMs: RELAY_SETTLE_MS,
						subscribeTimeoutMs: SUBSCRIBE_TIMEOUT_MS
					})
				: null;
			const shared: SharedBoard | undefined = relay
				? { live: relay.live, accepted: (changes, heads) => relay.accepted(changes, heads) }
				: undefined;
			const created = new BoardRoom(documentId, {
				store: stores.automerge,
				// Instances sharing a store each compact on their own count; spreading the counts
				// makes two of them rewriting one board's chunks at once rarer.
				compactAfterChunks: cluster
					? Math.round(COMPACT_AFTER_CHUNKS * (1 + Math.random()))
					: COMPACT_AFTER_CHUNKS,
				maxDocumentBytes: config.maxDocumentBytes,
				unloadAfterMs: config.unloadAfterMs,
				onIdle: unload,
				log: config.log,
				migrate,
				shared
			});
			if (relay) {
				relay.attach(created);
				relays.set(created, relay);
			}
			// A board that failed to load is forgotten, so the next attempt loads it afresh.
			created.ready.catch((err: unknown) => {
				config.log(`automerge: loading ${documentId} failed: ${String(err)}`);
				forget(created);
			});
			// Tamper evidence on every load; it runs beside the room and never holds it up.
			created.ready
				.then(
					() => checkLoaded(created),
					() => undefined
				)
				.catch((err: unknown) =>
					config.log(`automerge: checking the history of ${documentId} failed: ${String(err)}`)
				);
			rooms.set(documentId, created);
			room = created;
		}
		return room;
	};

	const context = {
		serverPeerId,
		storageId,
		access,
		openRoom,
		log: config.log,
		maxDocuments: MAX_DOCUMENTS_PER_SOCKET,
		messagesPerSecond: 200,
		messageBurst: 1000
	};

	// Whatever was published while the link to the other instances was down is lost: every open
	// board re-reads the store, and every open socket is judged again from the shared database —
	// a logout or a role removed on another instance during the break was never announced here.
	const offResume = cluster?.onResume(() => {
		for (const room of rooms.values()) {
			room
				.catchUp()
				.catch((err: unknown) =>
					config.log(`automerge: catching up on ${room.documentId} failed: ${String(err)}`)
				);
		}
		recheckAll().catch((err: unknown) =>
			config.log(`automerge: recheck after the bus resumed failed: ${String(err)}`)
		);
	});

	// A project was closed or reopened: every socket on its board is judged again before the
	// move is answered (a change it sends after that is refused as from a reader).
	const offDocumentChange = access.onDocumentChange(async (docId) => {
		await Promise.all([...connections].filter((c) => c.hasOpen(docId)).map((c) => c.recheck()));
	});

	async function recheckAll() {
		const now = config.now?.() ?? Date.now();
		for (const conn of [...connections]) {
			const session = await stores.sessions.get(conn.user.sessionId);
			if (!session || session.expiresAt <= now) {
				conn.close(CLOSE.unauthorized, 'session ended');
				continue;
			}
			await conn.recheck();
		}
	}

	const heartbeat = setInterval(() => {
		for (const c of connections) c.heartbeat();
	}, HEARTBEAT_MS);
	heartbeat.unref();

	/** Runs `use` on a room, opened for it if needed, and lets a room nobody joined unload. */
	const withRoom = async <R>(documentId: string, use: (room: BoardRoom) => Promise<R>) => {
		if (closing) throw new Error('server shutting down');
		const room = openRoom(documentId);
		return room.hold(async () => {
			await room.ready;
			return use(room);
		});
	};

	return {
		read: (documentId) => withRoom(documentId, (room) => room.read()),
		changeAsServer: (documentId, change, userId) =>
			withRoom(documentId, (room) => room.changeAsServer(change, userId)),
		historyCheck: (documentId) => checks.get(documentId) ?? null,
		prefix: PATH,
		upgrade(req, socket, head, user) {
			const path = (req.url ?? '').split('?')[0];
			if (path !== PATH && path !== `${PATH}/`) {
				refuseUpgrade(socket, 404, 'Not Found');
				return;
			}
			if (closing) {
				refuseUpgrade(socket, 503, 'Service Unavailable');
				return;
			}
			wss.handleUpgrade(req, socket, head, (ws) => {
				deps.socketLimit?.track(socket, ws);
				const conn = new SyncConnection(ws, user, context);
				connections.add(conn);
				ws.on('close', () => connections.delete(conn));
				if (closing) conn.close(CLOSE.goingAway, 'server shutting down');
			});
		},
		disconnectSessions(sessionIds) {
			const ended = new Set(sessionIds);
			for (const c of connections) {
				if (ended.has(c.user.sessionId)) c.close(CLOSE.unauthorized, 'session ended');
			}
		},
		async recheckUser(userId) {
			const mine = [...connections].filter((c) => c.user.userId === userId);
			await Promise.all(mine.map((c) => c.recheck()));
		},
		stats: () => ({
			connections: connections.size,
			openDocuments: rooms.size,
			syncMessagesGenerated: [...rooms.values()].reduce((n, r) => n + r.generations, 0)
		}),
		async close() {
			closing = true;
			clearInterval(heartbeat);
			offResume?.();
			offDocumentChange();
			for (const c of connections) c.close(CLOSE.goingAway, 'server shutting down');
			connections.clear();
			// Stop hearing other instances first: nothing new is queued on rooms being drained.
			for (const relay of relays.values()) relay.close();
			relays.clear();
			const open = [...rooms.values()];
			await Promise.all([...open.map((r) => r.idle()), ...draining]);
			for (const r of open) r.dispose();
			rooms.clear();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import type { SyncDeps } from '../sync/SyncDeps';
import { CLOSE, refuseUpgrade, type SyncEndpoint, type SyncUser } from '../sync/SyncEndpoint';
import { RoomRegistry } from './RoomRegistry';
import { SyncRefusal } from './SyncRefusal';
import { YjsConnection } from './YjsConnection';
import type { YjsRoom } from './YjsRoom';
import { agendaIdFromPath, authorizeAgenda, type AgendaGrant } from './authorizeAgenda';
import { handleMessage, isPresenceMessage } from './handleMessage';
import { YJS_LIMITS } from './limits';
import { syncStep1Message } from './messages';

/**
 * The y-websocket endpoint for agendas (`/sync/yjs/<agendaId>`), built on y-protocols and ws.
 * The upgrade router has checked Origin and session; here the id and the access level are
 * checked, and every message is held to that level.
 */
export function createYjsSync(deps: SyncDeps): SyncEndpoint {
	const { config, access, stores } = deps;
	const log = config.log;
	const prefix = `${YJS_SYNC_PATH}/`;
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxPayloadBytes });
	const rooms = new RoomRegistry(
		stores.yjs,
		config.unloadAfterMs,
		log,
		config.maxDocumentBytes,
		(docId) => access.agendaOpen(docId),
		deps.bus
	);
	const connections = new Set<YjsConnection>();
	let closing = false;

	// Pinged a slice at a time with a turn of the event loop between slices: 5,000 sockets pinged
	// in one loop stalled everything else for 158 ms (scenario 3 of the bench), the p99 of its edits.
	const heartbeat = setInterval(() => void sweep([...connections]), YJS_LIMITS.heartbeatMs);
	heartbeat.unref();

	async function sweep(list: YjsConnection[]) {
		for (let i = 0; i < list.length; i += YJS_LIMITS.heartbeatSlice) {
			if (i > 0) await new Promise((resolve) => setImmediate(resolve));
			for (const conn of list.slice(i, i + YJS_LIMITS.heartbeatSlice)) {
				if (!connections.has(conn)) continue;
				if (!conn.alive) {
					log(`yjs terminated ${conn.user.userId} on ${conn.docId}: missed a heartbeat`);
					conn.ws.terminate();
					continue;
				}
				conn.alive = false;
				conn.ws.ping();
			}
		}
	}

	function attach(
		ws: WebSocket,
		socket: Duplex,
		room: YjsRoom,
		user: SyncUser,
		grant: AgendaGrant
	) {
		const conn = new YjsConnection(ws, user, grant.docId, grant.level, grant.presence, log, socket);
		connections.add(conn);
		room.connections.add(conn);
		ws.on('error', (error) => {
			// ws closes the socket itself (1009 for an oversized frame, 1002 for a bad frame).
			log(`yjs socket error for ${user.userId} on ${grant.docId}: ${error.message}`);
		});
		ws.on('pong', () => {
			conn.alive = true;
		});
		ws.on('message', (data: RawData, isBinary: boolean) => {
			if (!isBinary) {
				conn.refuse(new SyncRefusal(CLOSE.badMessage, 'text frame'));
				return;
			}
			const bytes = toUint8Array(data);
			conn.enqueue(() => handleMessage(room, conn, bytes, log), isPresenceMessage(bytes));
		});
		ws.on('close', () => {
			connections.delete(conn);
			room.connections.delete(conn);
			room.dropPresenceOf(conn);
			room.publishPresence();
			// Queued updates from a client that left are still stored; the room stays until then.
			void conn.drained().then(() => rooms.release(grant.docId));
		});
		room.publishPresence();
		// Writers get the server's state vector so they send what the server lacks; readers have
		// nothing the server would accept, so they are not asked.
		if (conn.canWrite) conn.send(syncStep1Message(room.doc));
	}

	/** Re-decides what an open socket may do (roles or the document's meeting changed). */
	async function recheck(conn: YjsConnection) {
		if (conn.refused) return;
		const grant = await authorizeAgenda(access, conn.user, conn.docId);
		if (!grant) {
			conn.refuse(new SyncRefusal(CLOSE.forbidden, 'access revoked'));
			return;
		}
		const wasWriter = conn.canWrite;
		conn.level = grant.level;
		conn.presence = grant.presence;
		const room = [...rooms.rooms()].find((r) => r.connections.has(conn));
		if (!room) return;
		if (wasWriter && !conn.canWrite) room.dropPresenceOf(conn);
		room.publishPresence();
	}

	// A meeting moved (minuted, corrected): every socket on that agenda is re-checked at once, and
	// the caller waits until updates already in the room's write chain are through.
	const offDocumentChange = access.onDocumentChange(async (docId) => {
		for (const conn of [...connections]) if (conn.docId === docId) await recheck(conn);
		for (const room of rooms.rooms()) {
			if (room.docId !== docId) continue;
			room.closed = !(await room.isOpen());
			room.publishPresence();
			await room.settled();
		}
	});

	// Cluster mode: what the other instances announced while the bus was down (a logout, a role
	// removed, a meeting minuted) never arrived, so every open socket is judged again from the
	// shared database once the bus is back.
	const offResume = deps.bus?.onResume(() => {
		recheckAll().catch((error: unknown) =>
			log(`yjs recheck after the bus resumed: ${String(error)}`)
		);
	});

	async function recheckAll() {
		const now = config.now?.() ?? Date.now();
		for (const conn of [...connections]) {
			const session = await stores.sessions.get(conn.user.sessionId);
			if (!session || session.expiresAt <= now) {
				conn.refuse(new SyncRefusal(CLOSE.unauthorized, 'session ended'));
				continue;
			}
			await recheck(conn);
		}
		for (const room of rooms.rooms()) {
			room.closed = !(await room.isOpen());
			room.publishPresence();
		}
	}

	async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, user: SyncUser) {
		const docId = agendaIdFromPath(req.url, prefix);
		const grant = docId ? await authorizeAgenda(access, user, docId) : null;
		if (!grant) {
			log(
				`yjs refused ${user.userId}: no readable agenda at ${JSON.stringify((req.url ?? '').slice(0, 100))}`
			);
			refuseUpgrade(socket, 404, 'Not Found');
			return;
		}
		if (closing) {
			refuseUpgrade(socket, 503, 'Service Unavailable');
			return;
		}
		let room: YjsRoom;
		try {
			room = await rooms.acquire(grant.docId);
		} catch {
			rooms.release(grant.docId);
			refuseUpgrade(socket, 500, 'Internal Server Error');
			return;
		}
		if (socket.destroyed || closing) {
			rooms.release(grant.docId);
			socket.destroy();
			return;
		}
		wss.handleUpgrade(req, socket, head, (ws) => {
			deps.socketLimit?.track(socket, ws);
			attach(ws, socket, room, user, grant);
		});
	}

	return {
		prefix,
		upgrade(req, socket, head, user) {
			upgrade(req, socket, head, user).catch((error: unknown) => {
				log(`yjs upgrade failed for ${user.userId}: ${String(error)}`);
				refuseUpgrade(socket, 500, 'Internal Server Error');
			});
		},
		disconnectSessions(sessionIds) {
			const ids = new Set(sessionIds);
			for (const conn of connections) {
				if (ids.has(conn.user.sessionId)) {
					conn.refuse(new SyncRefusal(CLOSE.unauthorized, 'session ended'));
				}
			}
		},
		async recheckUser(userId) {
			for (const conn of [...connections]) {
				if (conn.user.userId === userId) await recheck(conn);
			}
		},
		stats: () => ({
			connections: connections.size,
			openDocuments: rooms.size,
			fullStatesEncoded: [...rooms.rooms()].reduce((n, room) => n + room.fullStatesEncoded, 0)
		}),
		async close() {
			closing = true;
			offDocumentChange();
			offResume?.();
			clearInterval(heartbeat);
			const open = [...connections];
			for (const conn of open) conn.close(CLOSE.goingAway, 'server shutting down');
			await Promise.all(open.map((c) => c.drained()));
			await rooms.close();
			for (const conn of open) conn.ws.terminate();
			await new Promise<void>((resolve) => wss.close(() => resolve()));
		}
	};
}

function toUint8Array(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Who is on the other end of a socket, as the server's session record says. */
export interface SyncUser {
	userId: string;
	sessionId: string;
	displayName: string;
}

/**
 * One websocket sync protocol behind the shared upgrade router. The router has already checked
 * the Origin and the session before calling `upgrade`; the endpoint validates the rest of the
 * request (document ids, access) and owns the socket from then on.
 */
export interface SyncEndpoint {
	/** Path prefix this endpoint answers, e.g. `/sync/yjs/`. */
	readonly prefix: string;
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, user: SyncUser): void;
	/** Closes every socket of these sessions (logout, password change, disabled account). */
	disconnectSessions(sessionIds: readonly string[]): void;
	/** Re-checks the access of a user's open sockets after their roles changed. */
	recheckUser(userId: string): Promise<void>;
	stats(): SyncStats;
	close(): Promise<void>;
}

export interface SyncStats {
	connections: number;
	openDocuments: number;
	/** Boards: sync messages Automerge generated for the open boards (not counting reuses). */
	syncMessagesGenerated?: number;
	/** Agendas: whole-document step 2s encoded for first visits of the open agendas. */
	fullStatesEncoded?: number;
}

/** Close codes shared by both endpoints (and read by the app: src/lib/domain/syncClose.ts). */
export { SYNC_CLOSE as CLOSE } from '../../src/lib/domain/syncClose';

/** Writes a plain HTTP answer on a socket that will not be upgraded, and closes it. */
export function refuseUpgrade(socket: Duplex, status: number, message: string) {
	if (socket.destroyed) return;
	const body = JSON.stringify({ error: message });
	socket.end(
		`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
			`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}

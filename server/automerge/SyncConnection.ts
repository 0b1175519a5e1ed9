import * as A from '@automerge/automerge';
import { isValidDocumentId } from '@automerge/automerge-repo';
import type { WebSocket } from 'ws';
import type { AccessService } from '../access/AccessService';
import { CLOSE, type SyncUser } from '../sync/SyncEndpoint';
import type { BoardPeer, BoardRoom, IncomingChanges } from './BoardRoom';
import { UnappliableMessage } from './BoardRoom';
import { parseChangeChunks } from './incomingChanges';
import { RateLimiter } from './RateLimiter';
import { SerialQueue } from './SerialQueue';
import {
	BadMessage,
	decodeClientMessage,
	encodeServerMessage,
	PROTOCOL_VERSION,
	supportsOurProtocol,
	type DocSyncMessage,
	type ServerMessage
} from './wireMessages';

export interface ConnectionContext {
	serverPeerId: string;
	storageId: string;
	access: AccessService;
	/** The room for a board, created (and loading) if it is not open yet. */
	openRoom(documentId: string): BoardRoom;
	log(line: string): void;
	maxDocuments: number;
	/** Sustained messages per second before the socket counts as a flood, and the burst allowed. */
	messagesPerSecond: number;
	messageBurst: number;
}

type Level = 'write' | 'comment' | 'read';

/** Ends the socket with this code; thrown from message handling. */
class Refusal extends Error {
	constructor(
		readonly code: number,
		message: string
	) {
		super(message);
	}
}

/**
 * One client socket, which may sync many boards. Who it is comes from the session (`user`); the
 * peer id the client claims is only the address we write back to, so two sockets claiming one
 * peer id stay two separate connections. Access is decided per board when the board is first
 * mentioned and re-checked when the user's roles change; writes are enforced on every message.
 */
export class SyncConnection implements BoardPeer {
	#docs = new Map<string, { room: BoardRoom; level: Level }>();
	#denied = new Set<string>();
	#queue = new SerialQueue();
	#limiter: RateLimiter;
	#peerId: string | null = null;
	#closed = false;
	#alive = true;
	#unknownTypes = new Set<string>();

	constructor(
		readonly socket: WebSocket,
		readonly user: SyncUser,
		private readonly ctx: ConnectionContext
	) {
		this.#limiter = new RateLimiter(ctx.messagesPerSecond, ctx.messageBurst);
		socket.on('error', (err) =>
			ctx.log(`automerge: socket error for ${user.userId}: ${err.message}`)
		);
		socket.on('pong', () => (this.#alive = true));
		socket.on('close', () => this.#release());
		socket.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
	}

	get closed() {
		return this.#closed;
	}

	close(code: number, reason: string) {
		if (this.#closed) return;
		this.#release();
		if (code !== CLOSE.normal && code !== CLOSE.goingAway) {
			this.ctx.log(`automerge: closing socket of ${this.user.userId} (${code}): ${reason}`);
		}
		this.socket.close(code, reason.slice(0, 120));
	}

	/** Pings; a socket that did not answer the previous ping is dead and is terminated. */
	heartbeat() {
		if (!this.#alive) {
			this.#release();
			this.socket.terminate();
			return;
		}
		this.#alive = false;
		this.socket.ping();
	}

	/** Re-reads this user's access to every board the socket has open (roles changed). */
	recheck(): Promise<void> {
		return this.#queue.run(async () => {
			this.#denied.clear();
			for (const [documentId, entry] of this.#docs) {
				const access = await this.ctx.access.document(this.user.userId, documentId);
				if (this.#closed) return;
				if (access && access.doc.kind === 'board') {
					entry.level = access.level;
					continue;
				}
				entry.room.leave(this);
				this.#docs.delete(documentId);
				this.#denied.add(documentId);
				this.#unavailable(documentId);
			}
		});
	}

	sendSync(documentId: string, data: Uint8Array) {
		if (!this.#peerId) return;
		this.#send({
			type: 'sync',
			senderId: this.ctx.serverPeerId,
			targetId: this.#peerId,
			documentId,
			data
		});
	}

	#onFrame(data: unknown, isBinary: boolean) {
		if (this.#closed) return;
		try {
			if (!this.#limiter.take()) throw new Refusal(CLOSE.tooMany, 'message flood');
			if (!isBinary) throw new Refusal(CLOSE.badMessage, 'text frame');
			const frame = toBytes(data);
			this.#queue.run(() => this.#handle(frame)).catch((err: unknown) => this.#fail(err));
		} catch (err) {
			this.#fail(err);
		}
	}

	#fail(err: unknown) {
		if (err instanceof Refusal) this.close(err.code, err.message);
		else if (err instanceof BadMessage) this.close(CLOSE.badMessage, `bad message: ${err.message}`);
		else if (err instanceof UnappliableMessage)
			this.close(CLOSE.badMessage, `unappliable sync message: ${err.message}`);
		else this.close(CLOSE.internal, `internal error: ${String(err)}`);
	}

	async #handle(frame: Uint8Array) {
		if (this.#closed) return;
		const msg = decodeClientMessage(frame);
		if (msg.type === 'join' && 'senderId' in msg) {
			if (!supportsOurProtocol(msg.supportedProtocolVersions)) {
				this.#send({
					type: 'error',
					senderId: this.ctx.serverPeerId,
					targetId: msg.senderId,
					message: 'unsupported protocol version'
				});
				throw new Refusal(CLOSE.protocolError, 'unsupported protocol version');
			}
			this.#peerId = msg.senderId;
			this.#send({
				type: 'peer',
				senderId: this.ctx.serverPeerId,
				targetId: msg.senderId,
				peerMetadata: { storageId: this.ctx.storageId, isEphemeral: false },
				selectedProtocolVersion: PROTOCOL_VERSION
			});
			return;
		}
		if (!this.#peerId) throw new BadMessage(`${msg.type} before join`);
		if ((msg.type === 'sync' || msg.type === 'request') && 'data' in msg) {
			await this.#sync(msg);
			return;
		}
		switch (msg.type) {
			case 'ephemeral': // Presence on boards is not relayed yet.
			case 'doc-unavailable': // The client lacks a document; nothing for us to do.
			case 'remote-subscription-change': // Heads gossip between servers; not offered.
			case 'remote-heads-changed':
				return;
			default:
				if (!this.#unknownTypes.has(msg.type) && this.#unknownTypes.size < 10) {
					this.#unknownTypes.add(msg.type);
					this.ctx.log(`automerge: ignoring message type "${msg.type}" from ${this.user.userId}`);
				}
		}
	}

	async #sync(msg: DocSyncMessage) {
		const entry = await this.#open(msg.documentId);
		if (!entry) return;
		let decoded: A.DecodedSyncMessage;
		try {
			decoded = A.decodeSyncMessage(msg.data);
		} catch (err) {
			throw new BadMessage(`undecodable sync message: ${String(err)}`);
		}
		let incoming: IncomingChanges | null = null;
		if (decoded.changes.length > 0) {
			if (entry.level !== 'write') {
				throw new Refusal(CLOSE.forbidden, `changes from a ${entry.level}er on ${msg.documentId}`);
			}
			incoming = { userId: this.user.userId, parts: decodeParts(decoded.changes) };
		}
		await entry.room.receive(this, msg.data, incoming);
	}

	async #open(documentId: string) {
		const open = this.#docs.get(documentId);
		if (open) return open;
		if (this.#denied.has(documentId)) {
			this.#unavailable(documentId);
			return null;
		}
		if (!isValidDocumentId(documentId)) {
			throw new Refusal(
				CLOSE.badMessage,
				`invalid document id ${JSON.stringify(documentId).slice(0, 60)}`
			);
		}
		if (this.#docs.size + this.#denied.size >= this.ctx.maxDocuments) {
			throw new Refusal(CLOSE.tooMany, `more than ${this.ctx.maxDocuments} documents`);
		}
		const access = await this.ctx.access.document(this.user.userId, documentId);
		if (this.#closed) return null;
		// A document that does not exist, is not a board, or may not be read: one answer for all,
		// so nobody can probe which ids exist.
		if (!access || access.doc.kind !== 'board') {
			this.#denied.add(documentId);
			this.#unavailable(documentId);
			return null;
		}
		const room = this.ctx.openRoom(documentId);
		const entry = { room, level: access.level };
		room.join(this);
		this.#docs.set(documentId, entry);
		try {
			await room.ready;
		} catch (err) {
			throw new Refusal(CLOSE.internal, `could not load ${documentId}: ${String(err)}`);
		}
		return entry;
	}

	#unavailable(documentId: string) {
		if (!this.#peerId) return;
		this.#send({
			type: 'doc-unavailable',
			senderId: this.ctx.serverPeerId,
			targetId: this.#peerId,
			documentId
		});
	}

	#send(msg: ServerMessage) {
		if (this.#closed || this.socket.readyState !== this.socket.OPEN) return;
		this.socket.send(encodeServerMessage(msg));
	}

	/** Leaves every room; safe to call more than once. */
	#release() {
		if (this.#closed) return;
		this.#closed = true;
		for (const { room } of this.#docs.values()) room.leave(this);
		this.#docs.clear();
	}
}

function decodeParts(chunks: Uint8Array[]) {
	try {
		return parseChangeChunks(chunks);
	} catch (err) {
		throw new BadMessage(`undecodable change: ${String(err)}`);
	}
}

function toBytes(data: unknown): Uint8Array {
	if (data instanceof Uint8Array) return data;
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
	throw new BadMessage('unexpected frame type');
}

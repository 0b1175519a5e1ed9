import * as A from '@automerge/automerge';
import type { WebSocket } from 'ws';
import { CLOSE, type SyncUser } from '../sync/SyncEndpoint';
import type { BoardPeer, IncomingChanges } from './BoardRoom';
import { UnappliableMessage } from './BoardRoom';
import { parseChangeChunks } from './incomingChanges';
import { OpenBoards, type OpenBoardsContext } from './OpenBoards';
import { RateLimiter } from './RateLimiter';
import { Refusal } from './Refusal';
import { SerialQueue } from './SerialQueue';
import {
	BadMessage,
	decodeClientMessage,
	encodeServerMessage,
	frameBytes,
	PROTOCOL_VERSION,
	supportsOurProtocol,
	type DocSyncMessage,
	type JoinMessage,
	type ServerMessage
} from './wireMessages';

export interface ConnectionContext extends OpenBoardsContext {
	serverPeerId: string;
	storageId: string;
	log(line: string): void;
	/** Sustained messages per second before the socket counts as a flood, and the burst allowed. */
	messagesPerSecond: number;
	messageBurst: number;
}

/**
 * One client socket, which may sync many boards. Who it is comes from the session (`user`); the
 * peer id the client claims is only the address we write back to, so two sockets claiming one
 * peer id stay two separate connections. Messages are handled one at a time in arrival order;
 * anything that goes wrong while handling one closes this socket, and only this one.
 */
export class SyncConnection implements BoardPeer {
	#boards: OpenBoards;
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
		this.#boards = new OpenBoards(this, user, ctx, (id) => this.#unavailable(id));
		// ws closes with 1009 on an oversized frame and reports it here; without a listener the
		// error would take the process down.
		socket.on('error', (err) =>
			ctx.log(`automerge: socket error for ${user.userId}: ${err.message}`)
		);
		socket.on('pong', () => (this.#alive = true));
		socket.on('close', () => this.#release());
		socket.on('message', (data, isBinary) => this.#onFrame(data, isBinary));
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

	/** Whether this socket has `documentId` open. */
	hasOpen(documentId: string): boolean {
		return this.#boards.has(documentId);
	}

	/** Re-reads this user's access to the boards it has open (roles changed), in message order. */
	recheck(): Promise<void> {
		return this.#queue.run(() => this.#boards.recheck(() => this.#closed));
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
			const frame = frameBytes(data);
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
		if (msg.type === 'join' && 'senderId' in msg) return this.#join(msg);
		if (!this.#peerId) throw new BadMessage(`${msg.type} before join`);
		if ((msg.type === 'sync' || msg.type === 'request') && 'data' in msg) return this.#sync(msg);
		switch (msg.type) {
			case 'ephemeral': // Presence on boards is not relayed (yet): dropped.
			case 'doc-unavailable': // The client lacks a document; nothing for us to do.
			case 'remote-subscription-change': // Heads gossip is not offered.
			case 'remote-heads-changed':
				return;
			default: {
				// Newer clients send types we do not know: ignore them, and say so once.
				// Keyed by a prefix: a megabyte-long type name must not be kept per socket.
				const key = msg.type.slice(0, 40);
				if (!this.#unknownTypes.has(key) && this.#unknownTypes.size < 10) {
					this.#unknownTypes.add(key);
					const shown = JSON.stringify(key);
					this.ctx.log(`automerge: ignoring message type ${shown} from ${this.user.userId}`);
				}
			}
		}
	}

	#join(msg: JoinMessage) {
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
			// A storage id makes clients track our heads: "the server has all my changes".
			peerMetadata: { storageId: this.ctx.storageId, isEphemeral: false },
			selectedProtocolVersion: PROTOCOL_VERSION
		});
	}

	async #sync(msg: DocSyncMessage) {
		const board = await this.#boards.open(msg.documentId, () => this.#closed);
		if (!board) return;
		let decoded: A.DecodedSyncMessage;
		try {
			decoded = A.decodeSyncMessage(msg.data);
		} catch (err) {
			throw new BadMessage(`undecodable sync message: ${String(err)}`);
		}
		let incoming: IncomingChanges | null = null;
		if (decoded.changes.length > 0) {
			if (board.level !== 'write') {
				throw new Refusal(
					CLOSE.forbidden,
					`changes on ${msg.documentId} from a connection with ${board.level} access`
				);
			}
			try {
				incoming = { userId: this.user.userId, parts: parseChangeChunks(decoded.changes) };
			} catch (err) {
				throw new BadMessage(`undecodable change: ${String(err)}`);
			}
		}
		await board.room.receive(this, msg.data, incoming);
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
		this.#boards.leaveAll();
	}
}

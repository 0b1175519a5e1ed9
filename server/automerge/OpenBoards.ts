import { isValidDocumentId } from '@automerge/automerge-repo';
import type { AccessService } from '../access/AccessService';
import { CLOSE, type SyncUser } from '../sync/SyncEndpoint';
import type { BoardPeer, BoardRoom } from './BoardRoom';
import { Refusal } from './Refusal';

/** Longer than any id automerge-repo makes (bs58check of 16 bytes: 27–28 characters). */
export const MAX_DOCUMENT_ID_LENGTH = 64;

export type Level = 'write' | 'comment' | 'read';

export interface OpenBoard {
	room: BoardRoom;
	level: Level;
}

export interface OpenBoardsContext {
	access: AccessService;
	/** The room for a board, created (and loading) if it is not open yet. */
	openRoom(documentId: string): BoardRoom;
	maxDocuments: number;
}

/**
 * The boards one socket has asked for: those it may sync (with its access level, decided once
 * and re-checked when roles change) and those it was refused. A board that does not exist, is
 * not a board, or may not be read gets one answer, so nobody can probe which ids exist.
 */
export class OpenBoards {
	#open = new Map<string, OpenBoard>();
	#denied = new Set<string>();

	constructor(
		private readonly peer: BoardPeer,
		private readonly user: SyncUser,
		private readonly ctx: OpenBoardsContext,
		/** Tells the client the board is unavailable to it. */
		private readonly unavailable: (documentId: string) => void
	) {}

	/** The open board, or null after answering doc-unavailable. Throws Refusal on abuse. */
	async open(documentId: string, isClosed: () => boolean): Promise<OpenBoard | null> {
		const open = this.#open.get(documentId);
		if (open) return open;
		if (this.#denied.has(documentId)) {
			this.unavailable(documentId);
			return null;
		}
		// Real ids are ~28 characters. isValidDocumentId base58-decodes in quadratic time: a
		// 100 kB id held the event loop for 13 s, so length is checked first.
		if (documentId.length > MAX_DOCUMENT_ID_LENGTH || !isValidDocumentId(documentId)) {
			const shown = JSON.stringify(documentId).slice(0, 60);
			throw new Refusal(CLOSE.badMessage, `invalid document id ${shown}`);
		}
		if (this.#open.size + this.#denied.size >= this.ctx.maxDocuments) {
			throw new Refusal(CLOSE.tooMany, `more than ${this.ctx.maxDocuments} documents`);
		}
		const access = await this.ctx.access.document(this.user.userId, documentId);
		if (isClosed()) return null;
		if (!access || access.doc.kind !== 'board') {
			this.#denied.add(documentId);
			this.unavailable(documentId);
			return null;
		}
		const room = this.ctx.openRoom(documentId);
		const board = { room, level: access.level };
		room.join(this.peer);
		this.#open.set(documentId, board);
		try {
			await room.ready;
		} catch (err) {
			throw new Refusal(CLOSE.internal, `could not load ${documentId}: ${String(err)}`);
		}
		return board;
	}

	has(documentId: string): boolean {
		return this.#open.has(documentId);
	}

	/** Re-reads access to every open board: revoked ones stop syncing, levels follow roles. */
	async recheck(isClosed: () => boolean) {
		// Refusals may no longer hold either; let the next request be decided afresh.
		this.#denied.clear();
		for (const [documentId, board] of this.#open) {
			const access = await this.ctx.access.document(this.user.userId, documentId);
			if (isClosed()) return;
			if (access && access.doc.kind === 'board') {
				board.level = access.level;
				continue;
			}
			board.room.leave(this.peer);
			this.#open.delete(documentId);
			this.#denied.add(documentId);
			this.unavailable(documentId);
		}
	}

	leaveAll() {
		for (const { room } of this.#open.values()) room.leave(this.peer);
		this.#open.clear();
	}
}

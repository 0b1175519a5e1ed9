import { randomUUID } from 'node:crypto';
import { MAX_PHOTO_BYTES } from '../../src/lib/domain/demands';
import type { AccessService } from '../access/AccessService';
import { ImageError, stripImageMetadata } from '../files/imageMeta';
import type { BoardFile } from '../storage/BoardFileStore';
import type { StoredFile } from '../storage/FileStore';
import type { Stores } from '../storage/Stores';
import { BoardFileError } from './BoardFileError';

/** Attachments per board: a progress log with a few photos a week for years stays far below. */
export const MAX_BOARD_FILES = 2000;

export interface BoardFilesDeps {
	stores: Stores;
	access: AccessService;
	now(): number;
}

/**
 * Progress photos of a board. A writer uploads a photo (kept only as re-encoded bytes with every
 * metadata block, GPS included, removed), then attaches it to the board: the attachment row is
 * what makes the file readable — to whoever may read the board, and to anyone at all once the
 * project is published (past 承诺定题), since the public pledge page shows progress photos. A
 * file id that someone writes into the board document without an attachment opens nothing.
 */
export class BoardFiles {
	constructor(private readonly deps: BoardFilesDeps) {}

	/** Stores a photo for a board the user may write; not yet attached to it. */
	async upload(userId: string, boardId: string, raw: Uint8Array): Promise<StoredFile> {
		const doc = await this.#writable(userId, boardId);
		if (raw.byteLength === 0) throw new BoardFileError('empty');
		if (raw.byteLength > MAX_PHOTO_BYTES) throw new BoardFileError('too_large');
		let clean: { type: string; bytes: Uint8Array };
		try {
			clean = stripImageMetadata(raw);
		} catch (e) {
			if (e instanceof ImageError) throw new BoardFileError('not_an_image');
			throw e;
		}
		return this.deps.stores.files.put(
			{
				id: randomUUID(),
				communityId: doc.communityId,
				ownerId: userId,
				type: clean.type,
				createdAt: this.deps.now()
			},
			clean.bytes
		);
	}

	/**
	 * Attaches a file the user uploaded, in the board's community, to a board the user may write.
	 * Attaching it again is not an error (a retried request); someone else's file is not_found.
	 */
	async attach(userId: string, boardId: string, fileId: unknown): Promise<BoardFile> {
		const doc = await this.#writable(userId, boardId);
		if (typeof fileId !== 'string' || fileId.length > 64) throw new BoardFileError('invalid');
		const meta = await this.deps.stores.files.meta(fileId);
		if (!meta || meta.ownerId !== userId || meta.communityId !== doc.communityId) {
			throw new BoardFileError('not_found');
		}
		const { boardFiles } = this.deps.stores;
		const existing = await boardFiles.ofBoard(boardId);
		const same = existing.find((a) => a.fileId === fileId);
		if (same) return same;
		if (existing.length >= MAX_BOARD_FILES) throw new BoardFileError('too_many');
		const attachment = { docId: boardId, fileId, userId, at: this.deps.now() };
		await boardFiles.attach(attachment);
		return attachment;
	}

	/**
	 * The file and its bytes if it is attached to a board this user (null: nobody logged in) may
	 * read, or to a board whose project is published; else null.
	 */
	async read(userId: string | null, fileId: string) {
		const { stores, access } = this.deps;
		for (const boardId of await stores.boardFiles.boardsOf(fileId)) {
			const readable =
				(userId !== null && (await access.document(userId, boardId)) !== null) ||
				(await this.published(boardId));
			if (!readable) continue;
			const [meta, bytes] = await Promise.all([
				stores.files.meta(fileId),
				stores.files.read(fileId)
			]);
			return meta && bytes ? { meta, bytes } : null;
		}
		return null;
	}

	/** The project's stage (a server row) is past the topic: its pledge is public. */
	async published(boardId: string): Promise<boolean> {
		const project = await this.deps.stores.projects.get(boardId);
		return !!project && project.stage !== 'topic';
	}

	async #writable(userId: string, boardId: string) {
		const found = await this.deps.access.document(userId, boardId);
		if (!found || found.doc.kind !== 'board') throw new BoardFileError('not_found');
		if (found.level !== 'write') throw new BoardFileError('forbidden');
		return found.doc;
	}
}

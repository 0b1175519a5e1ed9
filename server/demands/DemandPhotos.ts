import { createHash, randomUUID } from 'node:crypto';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '../../src/lib/domain/demands';
import { ImageError, stripImageMetadata } from '../files/imageMeta';
import type { StoredFile } from '../storage/FileStore';
import type { Stores } from '../storage/Stores';
import { DemandError } from './DemandError';
import type { DemandService } from './DemandService';

export type PhotoStage = 'filed' | 'resolved';

/** Why an upload was refused, as the HTTP layer reports it. */
export class PhotoError extends Error {
	override name = 'PhotoError';
	constructor(
		readonly code: 'too_large' | 'not_an_image' | 'empty',
		readonly status: 400 | 413
	) {
		super(code);
	}
}

/**
 * Photos of a demand (the filer's, while it is open) and of its resolution (the taker's, while
 * taken). Only the re-encoded bytes with every metadata block removed (GPS included) are kept,
 * under the demand's community. The same picture sent twice (a retried offline upload) is
 * stored once.
 */
export class DemandPhotos {
	constructor(
		private readonly stores: Stores,
		private readonly demands: DemandService
	) {}

	async add(
		userId: string,
		demandId: string,
		stage: PhotoStage,
		raw: Uint8Array
	): Promise<StoredFile> {
		if (raw.byteLength === 0) throw new PhotoError('empty', 400);
		if (raw.byteLength > MAX_PHOTO_BYTES) throw new PhotoError('too_large', 413);
		const detail = await this.demands.detail(userId, demandId);
		if (!detail) throw new DemandError('not_found');
		const d = (await this.stores.demands.get(demandId))!;
		const mayAdd =
			stage === 'filed'
				? (d.residentId === userId || d.enteredBy === userId) &&
					['filed', 'offered', 'dispatched', 'taken'].includes(d.state)
				: d.assignee === userId && d.state === 'taken';
		if (!mayAdd) throw new DemandError('forbidden');
		let clean: { type: string; bytes: Uint8Array };
		try {
			clean = stripImageMetadata(raw);
		} catch (e) {
			if (e instanceof ImageError) throw new PhotoError('not_an_image', 400);
			throw e;
		}
		const existing = await this.stores.demands.photos(demandId);
		const metas = await Promise.all(existing.map((p) => this.stores.files.meta(p.fileId)));
		const hash = createHash('sha256').update(clean.bytes).digest('hex');
		const same = metas.find((m) => m?.sha256 === hash);
		if (same) return same;
		if (existing.filter((p) => p.stage === stage).length >= MAX_PHOTOS) {
			throw new DemandError('too_many_photos');
		}
		const now = this.demands.now();
		return this.stores.transaction(async () => {
			const stored = await this.stores.files.put(
				{
					id: randomUUID(),
					communityId: d.communityId,
					ownerId: userId,
					type: clean.type,
					createdAt: now
				},
				clean.bytes
			);
			await this.stores.demands.addPhoto(demandId, stored.id, stage);
			await this.stores.demands.addEvent({
				demandId,
				at: now,
				actor: userId,
				kind: 'photo_added',
				detail: { fileId: stored.id, stage }
			});
			return stored;
		});
	}

	/** The file and its bytes for a user who may see a demand it belongs to; else null. */
	async read(userId: string, fileId: string) {
		const meta = await this.stores.files.meta(fileId);
		if (!meta) return null;
		for (const demandId of await this.stores.demands.demandsWithPhoto(fileId)) {
			if (await this.demands.detail(userId, demandId)) {
				const bytes = await this.stores.files.read(fileId);
				return bytes ? { meta, bytes } : null;
			}
		}
		return null;
	}
}

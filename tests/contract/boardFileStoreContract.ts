import { describe, expect, it } from 'vitest';
import type { Stores } from '../../server/storage/Stores';

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	await s.users.create({ id: 'u1', username: 'u1', displayName: 'u1', passwordHash: 'x' });
	for (const id of ['b1', 'b2']) {
		await s.documents.register({
			id,
			kind: 'board',
			communityId: 'c',
			title: id,
			schemaVersion: 2,
			createdBy: 'u1'
		});
	}
	for (const id of ['file-0001', 'file-0002']) {
		await s.files.put(
			{ id, communityId: 'c', ownerId: 'u1', type: 'image/jpeg', createdAt: 1 },
			new Uint8Array([1])
		);
	}
}

/** The contract of the board file store. Rule ids refer to SPEC.md ("Board files" section). */
export function boardFileStoreContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} board file store contract`, () => {
		it(
			'F1 a file is attached to a board once; a second attach writes nothing and keeps the first',
			withStores(async (s) => {
				const first = { docId: 'b1', fileId: 'file-0001', userId: 'u1', at: 10 };
				expect(await s.boardFiles.attach(first)).toBe(true);
				expect(await s.boardFiles.attach({ ...first, at: 20 })).toBe(false);
				expect(await s.boardFiles.ofBoard('b1')).toEqual([first]);
			})
		);

		it(
			'F2 boardsOf lists every board a file is attached to, oldest first; ofBoard only that board',
			withStores(async (s) => {
				await s.boardFiles.attach({ docId: 'b2', fileId: 'file-0001', userId: 'u1', at: 5 });
				await s.boardFiles.attach({ docId: 'b1', fileId: 'file-0001', userId: 'u1', at: 9 });
				await s.boardFiles.attach({ docId: 'b1', fileId: 'file-0002', userId: 'u1', at: 7 });
				expect(await s.boardFiles.boardsOf('file-0001')).toEqual(['b2', 'b1']);
				expect(await s.boardFiles.boardsOf('file-0009')).toEqual([]);
				expect((await s.boardFiles.ofBoard('b1')).map((a) => a.fileId)).toEqual([
					'file-0002',
					'file-0001'
				]);
			})
		);

		it(
			'F3 an attachment must name a registered board, a stored file and a user',
			withStores(async (s) => {
				const ok = { docId: 'b1', fileId: 'file-0001', userId: 'u1', at: 1 };
				for (const bad of [
					{ ...ok, docId: 'b-none' },
					{ ...ok, fileId: 'file-none' },
					{ ...ok, userId: 'u-none' }
				]) {
					await expect(s.boardFiles.attach(bad), JSON.stringify(bad)).rejects.toThrow();
				}
				expect(await s.boardFiles.ofBoard('b1')).toEqual([]);
			})
		);
	});
}

import { describe, expect, it } from 'vitest';
import { boardFileStoreContract } from '../contract/boardFileStoreContract';
import { pgDirect, seedCoreRows } from '../helpers/pgDirect';
import { pgStoresForFile } from '../helpers/pgStores';

const file = pgStoresForFile();
const direct = pgDirect(file);

boardFileStoreContract('PostgreSQL', file.open);

describe('PostgreSQL board files', () => {
	it('F1 two instances attaching one file to one board at once: one attachment, the winner’s', async () => {
		const url = await direct.database();
		const [a, b] = [await direct.stores(url), await direct.stores(url)];
		const sql = await direct.client(url);
		await seedCoreRows(sql, {
			units: [{ id: 'c', kind: 'community' }],
			users: ['u1', 'u2'],
			boards: [{ id: 'b1', communityId: 'c' }]
		});
		for (let i = 0; i < 10; i++) {
			const meta = { id: `file-000${i}`, communityId: 'c', ownerId: 'u1', type: 'image/jpeg' };
			await a.files.put({ ...meta, createdAt: 0 }, new Uint8Array([i]));
			const won = await Promise.all([
				a.boardFiles.attach({ docId: 'b1', fileId: `file-000${i}`, userId: 'u1', at: 1 }),
				b.boardFiles.attach({ docId: 'b1', fileId: `file-000${i}`, userId: 'u2', at: 2 })
			]);
			expect(won.filter(Boolean)).toHaveLength(1);
			const kept = (await b.boardFiles.ofBoard('b1')).find((f) => f.fileId === meta.id);
			expect(kept).toMatchObject(won[0] ? { userId: 'u1', at: 1 } : { userId: 'u2', at: 2 });
		}
		expect(await a.boardFiles.ofBoard('b1')).toHaveLength(10);
	});
});

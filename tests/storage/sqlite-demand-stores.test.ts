import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { demandStoresContract } from '../contract/demandStoresContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-demand-store-'));
	dirs.push(dir);
	return dir;
};

demandStoresContract('SQLite (file, WAL)', async () => openSqliteStores(tempDir()));

describe('SQLite file store on disk', () => {
	it('keeps the bytes under <dataDir>/files/<id> and leaves no temp file behind', async () => {
		const dir = tempDir();
		const stores = openSqliteStores(dir);
		await stores.org.addUnit({
			id: 'c',
			parentId: null,
			kind: 'community',
			name: 'c',
			nameEn: 'c'
		});
		await stores.users.create({ id: 'u', username: 'u', displayName: 'u', passwordHash: 'x' });
		await stores.files.put(
			{ id: 'file-1234', communityId: 'c', ownerId: 'u', type: 'image/png', createdAt: 1 },
			new Uint8Array([1, 2])
		);
		await stores.close();
		expect(existsSync(join(dir, 'files', 'file-1234'))).toBe(true);
		expect(readdirSync(join(dir, 'files'))).toEqual(['file-1234']);
	});
});

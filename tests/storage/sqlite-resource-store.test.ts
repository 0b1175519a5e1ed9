import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { resourceItemFixture, resourceStoreContract } from '../contract/resourceStoreContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-resource-store-'));
	dirs.push(dir);
	return dir;
};

resourceStoreContract('SQLite (file, WAL)', async () => openSqliteStores(tempDir()));

describe('SQLite resource tables', () => {
	it('RS6 a decided request and every delete are refused by the database, whoever asks', async () => {
		const dir = tempDir();
		const s = openSqliteStores(dir);
		await s.org.addUnit({ id: 'd', parentId: null, kind: 'district', name: 'd', nameEn: 'd' });
		await s.org.addUnit({ id: 'c', parentId: 'd', kind: 'community', name: 'c', nameEn: 'c' });
		await s.users.create({ id: 'dep', username: 'dep', displayName: 'dep', passwordHash: 'x' });
		await s.documents.register({
			id: 'b1',
			kind: 'board',
			communityId: 'c',
			title: 'b1',
			schemaVersion: 2,
			createdBy: 'dep'
		});
		await s.resources.addItem(resourceItemFixture());
		const base = { resourceId: 'rs-1', boardId: 'b1', communityId: 'c', requestedBy: 'dep' };
		await s.resources.addRequest({ ...base, id: 'q1', note: '', requestedAt: 1 });
		await s.resources.closeRequest('q1', 'declined', { userId: 'dep', at: 3, comment: '不符合' });
		// q1 is decided; q2 stays pending, but what was asked and by whom is fixed all the same.
		expect(
			await s.resources.addRequest({ ...base, id: 'q2', note: '原始说明', requestedAt: 4 })
		).toBe(true);
		await s.close();
		// A second connection, as an operator with a SQL shell would have.
		const db = new Database(join(dir, 'gongzhi.sqlite'));
		try {
			for (const sql of [
				"UPDATE resource_requests SET state = 'accepted' WHERE id = 'q1'",
				"UPDATE resource_requests SET comment = '' WHERE id = 'q1'",
				"UPDATE resource_requests SET note = '改过的说明' WHERE id = 'q2'",
				"UPDATE resource_requests SET requested_by = 'someone' WHERE id = 'q2'"
			]) {
				expect(() => db.exec(sql), sql).toThrow(/once/);
			}
			expect(() => db.exec('DELETE FROM resource_requests')).toThrow(/append-only/);
			expect(() => db.exec('DELETE FROM resource_items')).toThrow(/never deleted/);
			expect(
				db.prepare("SELECT state, comment FROM resource_requests WHERE id = 'q1'").get()
			).toEqual({ state: 'declined', comment: '不符合' });
			expect(db.prepare("SELECT note FROM resource_requests WHERE id = 'q2'").get()).toEqual({
				note: '原始说明'
			});
		} finally {
			db.close();
		}
	});
});

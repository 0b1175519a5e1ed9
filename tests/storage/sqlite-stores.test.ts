import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { storesContract } from '../contract/storesContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

storesContract('SQLite (file, WAL)', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-store-'));
	dirs.push(dir);
	return openSqliteStores(dir);
});

describe('SQLite audit log', () => {
	it('refuses UPDATE and DELETE on audit_log in the database itself', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'gongzhi-store-'));
		dirs.push(dir);
		const stores = openSqliteStores(dir);
		await stores.audit.record({
			at: 1,
			userId: null,
			action: 'login_failed',
			target: 'username:x',
			scope: null
		});
		await stores.close();
		// A second connection, as a script or a bug elsewhere would use.
		const db = new Database(join(dir, 'gongzhi.sqlite'));
		try {
			expect(() => db.prepare("UPDATE audit_log SET action = 'login'").run()).toThrow(
				/append-only/
			);
			expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
			expect(db.prepare('SELECT action FROM audit_log').all()).toEqual([
				{ action: 'login_failed' }
			]);
		} finally {
			db.close();
		}
	});
});

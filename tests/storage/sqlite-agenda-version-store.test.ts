import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import {
	agendaVersionStoreContract,
	seedAgendas,
	versionFixture
} from '../contract/agendaVersionStoreContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-version-store-'));
	dirs.push(dir);
	return dir;
};

agendaVersionStoreContract('SQLite (file, WAL)', async () => openSqliteStores(tempDir()));

describe('SQLite agenda_versions', () => {
	it('V3 refuses UPDATE and DELETE, and a version of an unknown agenda or author', async () => {
		const dir = tempDir();
		const s = openSqliteStores(dir);
		await seedAgendas(s);
		await s.agendaVersions.add(versionFixture(), 5);
		await expect(s.agendaVersions.add(versionFixture({ agendaId: 'nope' }), 5)).rejects.toThrow(
			/FOREIGN KEY/
		);
		await expect(s.agendaVersions.add(versionFixture({ authorId: 'nobody' }), 5)).rejects.toThrow(
			/FOREIGN KEY/
		);
		await s.close();
		const db = new Database(join(dir, 'gongzhi.sqlite'));
		try {
			for (const sql of [
				"UPDATE agenda_versions SET name = 'x'",
				"UPDATE agenda_versions SET state = x'00'",
				'DELETE FROM agenda_versions'
			]) {
				expect(() => db.exec(sql), sql).toThrow(/append-only/);
			}
			expect(db.prepare('SELECT COUNT(*) AS n FROM agenda_versions').get()).toEqual({ n: 1 });
		} finally {
			db.close();
		}
	});
});

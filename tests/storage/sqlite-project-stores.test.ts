import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { projectFixture, projectStoresContract } from '../contract/projectStoresContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-project-store-'));
	dirs.push(dir);
	return dir;
};

projectStoresContract('SQLite (file, WAL)', async () => openSqliteStores(tempDir()));

describe('SQLite project tables', () => {
	it('J5 stage_moves and pledge_revisions refuse UPDATE and DELETE, whoever asks', async () => {
		const dir = tempDir();
		const s = openSqliteStores(dir);
		await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
		await s.users.create({ id: 'u1', username: 'u1', displayName: 'u1', passwordHash: 'x' });
		await s.documents.register({
			id: 'b1',
			kind: 'board',
			communityId: 'c',
			title: 'b1',
			schemaVersion: 2,
			createdBy: 'u1'
		});
		await s.projects.create(projectFixture());
		await s.projects.moveStage('b1', 'topic', 'pledge', { reason: null, authorId: 'u1', at: 2 });
		await s.projects.addRevision({
			boardId: 'b1',
			revision: 1,
			snapshot: {
				goal: 'g',
				measures: 'm',
				responsible: ['r'],
				deadline: '2027-01-01',
				budget: '',
				fundingSources: []
			},
			reason: null,
			authorId: 'u1',
			at: 2
		});
		await s.close();
		// A second connection, as an operator with a SQL shell would have.
		const db = new Database(join(dir, 'gongzhi.sqlite'));
		try {
			for (const sql of [
				"UPDATE stage_moves SET reason = 'x'",
				'DELETE FROM stage_moves',
				"UPDATE pledge_revisions SET snapshot = '{}'",
				'DELETE FROM pledge_revisions'
			]) {
				expect(() => db.exec(sql), sql).toThrow(/append-only/);
			}
			expect(db.prepare('SELECT COUNT(*) AS n FROM stage_moves').get()).toEqual({ n: 1 });
			expect(db.prepare('SELECT COUNT(*) AS n FROM pledge_revisions').get()).toEqual({ n: 1 });
		} finally {
			db.close();
		}
	});
});

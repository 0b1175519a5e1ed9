import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { commentFixture, commentStoreContract } from '../contract/commentStoreContract';
import { meetingFixture } from '../contract/meetingStoresContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-comment-store-'));
	dirs.push(dir);
	return dir;
};

commentStoreContract('SQLite (file, WAL)', async () => openSqliteStores(tempDir()));

describe('SQLite comment table', () => {
	it('C5 refuses deleting a comment and changing its author, meeting, place or time', async () => {
		const dir = tempDir();
		const s = openSqliteStores(dir);
		await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
		for (const id of ['u1', 'u2'])
			await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
		await s.documents.register({
			id: 'ag1',
			kind: 'agenda',
			communityId: 'c',
			title: 'ag1',
			schemaVersion: 1,
			createdBy: 'u1'
		});
		await s.meetings.create(meetingFixture());
		await s.comments.add(commentFixture());
		await s.close();
		const db = new Database(join(dir, 'gongzhi.sqlite'));
		for (const sql of [
			"DELETE FROM meeting_comments WHERE id = 'cm-1'",
			"UPDATE meeting_comments SET author_id = 'u2'",
			'UPDATE meeting_comments SET created_at = 1',
			"UPDATE meeting_comments SET anchor_start = 'AA==', anchor_end = 'AA=='"
		])
			expect(() => db.prepare(sql).run(), sql).toThrow();
		// What may change does: the text, the resolution, the hiding.
		db.prepare("UPDATE meeting_comments SET body = '新', edited_at = 2").run();
		expect(db.prepare('SELECT body FROM meeting_comments').get()).toEqual({ body: '新' });
		db.close();
	});
});

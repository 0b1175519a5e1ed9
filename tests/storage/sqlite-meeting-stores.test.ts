import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { meetingFixture, meetingStoresContract } from '../contract/meetingStoresContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-meeting-store-'));
	dirs.push(dir);
	return dir;
};

meetingStoresContract('SQLite (file, WAL)', async () => openSqliteStores(tempDir()));

describe('SQLite meeting tables', () => {
	it('M7 moves and revisions refuse UPDATE and DELETE; a signature only ever gains its withdrawal, once', async () => {
		const dir = tempDir();
		const s = openSqliteStores(dir);
		await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
		await s.users.create({ id: 'u1', username: 'u1', displayName: 'u1', passwordHash: 'x' });
		await s.documents.register({
			id: 'ag1',
			kind: 'agenda',
			communityId: 'c',
			title: 'ag1',
			schemaVersion: 1,
			createdBy: 'u1'
		});
		await s.meetings.create(meetingFixture());
		await s.meetings.move('m1', 'draft', 'published', { reason: null, authorId: 'u1', at: 2 });
		const signed = (await s.meetings.sign({
			meetingId: 'm1',
			revision: 1,
			committee: 'owners_committee',
			itemId: null,
			signerId: 'u1',
			signedAt: 3
		}))!;
		await s.close();
		// A second connection, as an operator with a SQL shell would have.
		const db = new Database(join(dir, 'gongzhi.sqlite'));
		try {
			for (const sql of [
				"UPDATE meeting_moves SET to_state = 'minuted'",
				'DELETE FROM meeting_moves',
				"UPDATE agenda_revisions SET agenda_id = 'x'",
				'DELETE FROM agenda_revisions'
			]) {
				expect(() => db.exec(sql), sql).toThrow(/append-only/);
			}
			for (const sql of [
				'DELETE FROM meeting_signatures',
				"UPDATE meeting_signatures SET signer_id = 'u2'",
				"UPDATE meeting_signatures SET committee = 'property_company'",
				'UPDATE meeting_signatures SET signed_at = 99'
			]) {
				expect(() => db.exec(sql), sql).toThrow(/signature/);
			}
			db.exec(`UPDATE meeting_signatures SET withdrawn_at = 5 WHERE id = ${signed}`);
			// Once withdrawn, it stays withdrawn at that time.
			expect(() => db.exec('UPDATE meeting_signatures SET withdrawn_at = NULL')).toThrow(/once/);
			expect(() => db.exec('UPDATE meeting_signatures SET withdrawn_at = 6')).toThrow(/once/);
			expect(db.prepare('SELECT COUNT(*) AS n FROM meeting_moves').get()).toEqual({ n: 2 });
			expect(db.prepare('SELECT withdrawn_at AS w FROM meeting_signatures').get()).toEqual({
				w: 5
			});
		} finally {
			db.close();
		}
	});
});

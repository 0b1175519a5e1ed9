import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../server/storage/Stores';
import { commentFixture, commentStoreContract } from '../contract/commentStoreContract';
import { meetingFixture } from '../contract/meetingStoresContract';
import { pgInstances } from '../helpers/pgInstances';
import { pgStoresForFile } from '../helpers/pgStores';

const pgStores = pgStoresForFile();

commentStoreContract('PostgreSQL', pgStores.open);

async function seed(s: Stores) {
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
}

describe('PostgreSQL comment table', () => {
	it('C5 refuses deleting a comment and changing its author, meeting, place or time', async () => {
		const { url, instances, close } = await pgInstances(await pgStores.server(), 1);
		try {
			await seed(instances[0]!);
			await instances[0]!.comments.add(commentFixture());
		} finally {
			await close();
		}
		const db = new pg.Client({ connectionString: url });
		await db.connect();
		try {
			for (const sql of [
				"DELETE FROM meeting_comments WHERE id = 'cm-1'",
				'TRUNCATE meeting_comments',
				"UPDATE meeting_comments SET author_id = 'u2'",
				'UPDATE meeting_comments SET created_at = 1',
				"UPDATE meeting_comments SET anchor_start = 'AA==', anchor_end = 'AA=='"
			])
				await expect(db.query(sql), sql).rejects.toThrow(/never deleted|keeps its author/);
			// What may change does: the text, the resolution, the hiding.
			await db.query("UPDATE meeting_comments SET body = '新', edited_at = 2");
			expect((await db.query('SELECT body FROM meeting_comments')).rows).toEqual([{ body: '新' }]);
		} finally {
			await db.end();
		}
	});

	it('C1 the same comment sent to two instances at once is stored once, both answers the first', async () => {
		const { instances, close } = await pgInstances(await pgStores.server(), 2);
		try {
			await seed(instances[0]!);
			const results = await Promise.all(
				Array.from({ length: 8 }, (_, i) =>
					instances[i % 2]!.comments.add(commentFixture({ id: `cm-${i}`, body: `第${i}次` }))
				)
			);
			expect(results.filter((r) => r.created)).toHaveLength(1);
			const kept = results.find((r) => r.created)!.comment;
			for (const r of results) expect(r.comment).toEqual(kept);
			expect(await instances[1]!.comments.ofMeeting('m1')).toEqual([kept]);
		} finally {
			await close();
		}
	});
});

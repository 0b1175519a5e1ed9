import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../server/storage/Stores';
import { meetingFixture, meetingStoresContract } from '../contract/meetingStoresContract';
import { pgInstances } from '../helpers/pgInstances';
import { pgStoresForFile } from '../helpers/pgStores';

const pgStores = pgStoresForFile();

meetingStoresContract('PostgreSQL', pgStores.open);

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	for (const id of ['u1', 'u2'])
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	for (const id of ['ag1', 'ag2', 'ag3', 'b1', 'b2']) {
		await s.documents.register({
			id,
			kind: id.startsWith('b') ? 'board' : 'agenda',
			communityId: 'c',
			title: id,
			schemaVersion: 1,
			createdBy: 'u1'
		});
	}
	await s.meetings.create(meetingFixture());
}

const by = (at: number) => ({ reason: null, authorId: 'u1', at });
const sig = (over = {}) => ({
	meetingId: 'm1',
	revision: 1,
	committee: 'owners_committee' as const,
	itemId: null as string | null,
	signerId: 'u1',
	signedAt: 3,
	...over
});
/** `n` calls spread over the instances, all started before any is awaited. */
const race = <T>(instances: Stores[], n: number, call: (s: Stores, i: number) => Promise<T>) =>
	Promise.all(Array.from({ length: n }, (_, i) => call(instances[i % instances.length]!, i)));

describe('PostgreSQL meeting tables', () => {
	it('M7 moves and revisions refuse UPDATE, DELETE and TRUNCATE; a signature only ever gains its withdrawal, once', async () => {
		const { url, instances, close } = await pgInstances(await pgStores.server(), 1);
		const s = instances[0]!;
		let signed: number;
		try {
			await seed(s);
			await s.meetings.move('m1', 'draft', 'published', by(2));
			signed = (await s.meetings.sign(sig()))!;
		} finally {
			await close();
		}
		// A second connection, as an operator with a SQL shell would have.
		const db = new pg.Client({ connectionString: url });
		await db.connect();
		try {
			for (const sql of [
				"UPDATE meeting_moves SET to_state = 'minuted'",
				'DELETE FROM meeting_moves',
				'TRUNCATE meeting_moves',
				"UPDATE agenda_revisions SET agenda_id = 'ag3'",
				'DELETE FROM agenda_revisions',
				'TRUNCATE agenda_revisions CASCADE'
			]) {
				await expect(db.query(sql), sql).rejects.toThrow(/append-only/);
			}
			for (const sql of [
				'DELETE FROM meeting_signatures',
				'TRUNCATE meeting_signatures',
				"UPDATE meeting_signatures SET signer_id = 'u2'",
				"UPDATE meeting_signatures SET committee = 'property_company'",
				'UPDATE meeting_signatures SET signed_at = 99'
			]) {
				await expect(db.query(sql), sql).rejects.toThrow(/signature/);
			}
			await db.query(`UPDATE meeting_signatures SET withdrawn_at = 5 WHERE id = ${signed}`);
			// Once withdrawn, it stays withdrawn at that time.
			await expect(db.query('UPDATE meeting_signatures SET withdrawn_at = NULL')).rejects.toThrow(
				/once/
			);
			await expect(db.query('UPDATE meeting_signatures SET withdrawn_at = 6')).rejects.toThrow(
				/once/
			);
			expect((await db.query('SELECT COUNT(*)::int AS n FROM meeting_moves')).rows).toEqual([
				{ n: 2 }
			]);
			expect(
				(await db.query('SELECT withdrawn_at::int AS w FROM meeting_signatures')).rows
			).toEqual([{ w: 5 }]);
		} finally {
			await db.end();
		}
	});

	it('M8 decision tasks refuse DELETE and TRUNCATE in the database itself', async () => {
		const { url, instances, close } = await pgInstances(await pgStores.server(), 1);
		try {
			await seed(instances[0]!);
			await instances[0]!.meetingTasks.record({
				meetingId: 'm1',
				itemId: 'i1',
				revision: 1,
				boardId: 'b1',
				taskId: 't1',
				target: 'project',
				createdAt: 5
			});
		} finally {
			await close();
		}
		const db = new pg.Client({ connectionString: url });
		await db.connect();
		try {
			for (const sql of ['DELETE FROM meeting_item_tasks', 'TRUNCATE meeting_item_tasks'])
				await expect(db.query(sql), sql).rejects.toThrow(/never deleted/);
			expect((await db.query('SELECT task_id FROM meeting_item_tasks')).rows).toEqual([
				{ task_id: 't1' }
			]);
		} finally {
			await db.end();
		}
	});
});

describe('PostgreSQL meeting stores across two instances', () => {
	const withTwo = (fn: (a: Stores, both: Stores[]) => Promise<void>) => async () => {
		const { instances, close } = await pgInstances(await pgStores.server(), 2);
		try {
			await seed(instances[0]!);
			await fn(instances[0]!, instances);
		} finally {
			await close();
		}
	};

	it(
		'M2 a move raced from both instances happens once, recorded once',
		withTwo(async (a, both) => {
			const results = await race(both, 8, (s, i) =>
				s.meetings.move('m1', 'draft', 'published', by(10 + i))
			);
			expect(results.filter(Boolean)).toHaveLength(1);
			expect((await a.meetings.get('m1'))?.state).toBe('published');
			expect((await a.meetings.moves('m1')).map((m) => m.to)).toEqual(['draft', 'published']);
		})
	);

	it(
		'M3 corrections raced from both instances open one revision',
		withTwo(async (a, both) => {
			await a.meetings.move('m1', 'draft', 'published', by(2));
			await a.meetings.move('m1', 'published', 'in_session', by(3));
			await a.meetings.move('m1', 'in_session', 'minuted', by(4));
			const results = await race(both, 2, (s, i) =>
				s.meetings.correct(
					{
						meetingId: 'm1',
						revision: 2,
						agendaId: i === 0 ? 'ag2' : 'ag3',
						basedOn: 'ag1',
						reason: '错字',
						createdBy: 'u1',
						createdAt: 5
					},
					{ reason: '错字', at: 5 }
				)
			);
			expect(results.filter(Boolean)).toHaveLength(1);
			const revisions = await a.meetings.revisions('m1');
			expect(revisions.map((r) => r.revision)).toEqual([1, 2]);
			expect((await a.meetings.get('m1'))?.agendaId).toBe(revisions[1]!.agendaId);
			expect((await a.meetings.moves('m1')).filter((m) => m.to === 'correcting')).toHaveLength(1);
		})
	);

	it(
		'M4 M5 signings and withdrawals raced from both instances: one standing signature, withdrawn once',
		withTwo(async (a, both) => {
			const signed = await race(both, 8, (s, i) => s.meetings.sign(sig({ signedAt: 10 + i })));
			const ids = signed.filter((id) => id !== null);
			expect(ids).toHaveLength(1);
			const withdrawn = await race(both, 8, (s, i) =>
				s.meetings.withdraw('m1', ids[0]!, 'u1', 30 + i)
			);
			expect(withdrawn.filter(Boolean)).toHaveLength(1);
			const after = await a.meetings.signatures('m1');
			expect(after).toHaveLength(1);
			expect(after[0]!.withdrawnAt).not.toBeNull();
		})
	);

	it(
		'A1 M8 first visits and task records raced from both instances write one row each',
		withTwo(async (a, both) => {
			const lists = await race(both, 6, (s, i) =>
				s.actionLists.create({
					communityId: 'c',
					boardId: i % 2 ? 'b1' : 'b2',
					createdBy: 'u1',
					createdAt: i
				})
			);
			expect(lists.filter(Boolean)).toHaveLength(1);
			expect(await a.actionLists.ofCommunity('c')).not.toBeNull();
			const tasks = await race(both, 6, (s, i) =>
				s.meetingTasks.record({
					meetingId: 'm1',
					itemId: 'i1',
					revision: 1,
					boardId: 'b1',
					taskId: `t${i}`,
					target: 'project',
					createdAt: i
				})
			);
			expect(tasks.filter(Boolean)).toHaveLength(1);
			expect(await a.meetingTasks.ofMeeting('m1')).toHaveLength(1);
		})
	);
});

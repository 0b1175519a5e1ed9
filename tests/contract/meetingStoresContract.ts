import { describe, expect, it } from 'vitest';
import type { MeetingRecord } from '../../server/storage/MeetingStore';
import type { Stores } from '../../server/storage/Stores';

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	for (const id of ['u1', 'u2']) {
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	}
	for (const id of ['ag1', 'ag2', 'ag3', 'ag4', 'b1', 'b2']) {
		await s.documents.register({
			id,
			kind: id.startsWith('b') ? 'board' : 'agenda',
			communityId: 'c',
			title: id,
			schemaVersion: 1,
			createdBy: 'u1'
		});
	}
}

export function meetingFixture(over: Partial<MeetingRecord> = {}): MeetingRecord {
	return {
		id: 'm1',
		communityId: 'c',
		title: '联合办公会',
		startsAt: 5000,
		place: '会议室',
		committees: ['residents_committee', 'owners_committee'],
		otherParties: ['派出所'],
		state: 'draft',
		agendaId: 'ag1',
		createdBy: 'u1',
		createdAt: 1000,
		updatedAt: 1000,
		...over
	};
}

const by = (at: number) => ({ reason: null, authorId: 'u1', at });

/** Moves m1 from draft to minuted, one step at a time. */
async function minute(s: Stores, id = 'm1') {
	await s.meetings.move(id, 'draft', 'published', by(2));
	await s.meetings.move(id, 'published', 'in_session', by(3));
	await s.meetings.move(id, 'in_session', 'minuted', by(4));
}

const sig = (committee: 'residents_committee' | 'owners_committee', over = {}) => ({
	meetingId: 'm1',
	revision: 1,
	committee,
	itemId: null as string | null,
	signerId: 'u1',
	signedAt: 10,
	...over
});

/** The contract of the meeting and action-list stores. Rule ids refer to SPEC.md ("Meetings"). */
export function meetingStoresContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} meeting stores contract`, () => {
		it(
			'M1 a meeting is created as a draft with revision 1 and its creation move, and found by its agenda',
			withStores(async (s) => {
				await s.meetings.create(meetingFixture());
				await s.meetings.create(meetingFixture({ id: 'm2', agendaId: 'ag2', startsAt: 9000 }));
				expect(await s.meetings.get('m1')).toEqual(meetingFixture());
				expect(await s.meetings.get('nope')).toBeNull();
				expect((await s.meetings.inCommunity('c')).map((m) => m.id)).toEqual(['m2', 'm1']);
				expect(await s.meetings.revisions('m1')).toEqual([
					{
						meetingId: 'm1',
						revision: 1,
						agendaId: 'ag1',
						basedOn: null,
						reason: null,
						createdBy: 'u1',
						createdAt: 1000
					}
				]);
				expect(await s.meetings.moves('m1')).toMatchObject([
					{ from: null, to: 'draft', authorId: 'u1', at: 1000 }
				]);
				expect(await s.meetings.byAgenda('ag2')).toMatchObject({
					meeting: { id: 'm2' },
					revision: 1
				});
				expect(await s.meetings.byAgenda('ag3')).toBeNull();
			})
		);

		it(
			'M2 a move is a compare-and-set on the state, recorded with author and time',
			withStores(async (s) => {
				await s.meetings.create(meetingFixture());
				expect(await s.meetings.move('m1', 'draft', 'published', by(2))).toBe(true);
				// A second request that still believed "draft" writes nothing.
				expect(await s.meetings.move('m1', 'draft', 'published', by(3))).toBe(false);
				expect((await s.meetings.get('m1'))?.state).toBe('published');
				expect((await s.meetings.get('m1'))?.updatedAt).toBe(2);
				expect((await s.meetings.moves('m1')).map((m) => [m.from, m.to, m.at])).toEqual([
					[null, 'draft', 1000],
					['draft', 'published', 2]
				]);
			})
		);

		it(
			'M3 a correction adds the next revision, makes it current and moves minuted → correcting, or writes nothing',
			withStores(async (s) => {
				await s.meetings.create(meetingFixture());
				const rev = {
					meetingId: 'm1',
					revision: 2,
					agendaId: 'ag2',
					basedOn: 'ag1',
					reason: '错字',
					createdBy: 'u1',
					createdAt: 5
				};
				// Not minuted yet: refused, nothing written.
				expect(await s.meetings.correct(rev, { reason: '错字', at: 5 })).toBe(false);
				expect(await s.meetings.revisions('m1')).toHaveLength(1);
				await minute(s);
				expect(await s.meetings.correct(rev, { reason: '错字', at: 5 })).toBe(true);
				const m = await s.meetings.get('m1');
				expect([m?.state, m?.agendaId]).toEqual(['correcting', 'ag2']);
				expect((await s.meetings.revisions('m1')).map((r) => [r.revision, r.agendaId])).toEqual([
					[1, 'ag1'],
					[2, 'ag2']
				]);
				expect(await s.meetings.byAgenda('ag1')).toMatchObject({ revision: 1 });
				expect((await s.meetings.moves('m1')).at(-1)).toMatchObject({
					from: 'minuted',
					to: 'correcting',
					reason: '错字'
				});
				// Minuted again, a correction reusing revision 2 is refused and changes nothing.
				await s.meetings.move('m1', 'correcting', 'minuted', by(6));
				expect(await s.meetings.correct({ ...rev, agendaId: 'ag3' }, { reason: 'x', at: 7 })).toBe(
					false
				);
				expect((await s.meetings.get('m1'))?.agendaId).toBe('ag2');
				expect((await s.meetings.get('m1'))?.state).toBe('minuted');
			})
		);

		it(
			'M4 one standing signature per committee, revision and item; a withdrawn one can be made again',
			withStores(async (s) => {
				await s.meetings.create(meetingFixture());
				const first = await s.meetings.sign(sig('residents_committee'));
				expect(first).not.toBeNull();
				expect(await s.meetings.sign(sig('residents_committee', { signerId: 'u2' }))).toBeNull();
				expect(await s.meetings.sign(sig('owners_committee', { signerId: 'u2' }))).not.toBeNull();
				// An item's signature is separate from the meeting-level one.
				expect(await s.meetings.sign(sig('residents_committee', { itemId: 'i1' }))).not.toBeNull();
				expect(await s.meetings.sign(sig('residents_committee', { itemId: 'i1' }))).toBeNull();
				expect(await s.meetings.withdraw('m1', first!, 'u1', 20)).toBe(true);
				expect(
					await s.meetings.sign(sig('residents_committee', { signerId: 'u2', signedAt: 30 }))
				).not.toBeNull();
			})
		);

		it(
			'M5 only the signer withdraws, once; every signature reads back in order, withdrawn ones kept',
			withStores(async (s) => {
				await s.meetings.create(meetingFixture());
				const id = (await s.meetings.sign(sig('residents_committee')))!;
				expect(await s.meetings.withdraw('m1', id, 'u2', 20)).toBe(false);
				expect(await s.meetings.withdraw('other', id, 'u1', 20)).toBe(false);
				expect(await s.meetings.withdraw('m1', id, 'u1', 21)).toBe(true);
				expect(await s.meetings.withdraw('m1', id, 'u1', 22)).toBe(false);
				const again = (await s.meetings.sign(sig('residents_committee', { signedAt: 23 })))!;
				expect(await s.meetings.signatures('m1')).toEqual([
					{ ...sig('residents_committee'), id, withdrawnAt: 21 },
					{ ...sig('residents_committee', { signedAt: 23 }), id: again, withdrawnAt: null }
				]);
			})
		);

		it(
			'M6 details change only in the states allowed',
			withStores(async (s) => {
				await s.meetings.create(meetingFixture());
				const details = {
					title: '改期',
					startsAt: 7000,
					place: '活动室',
					committees: ['property_company' as const],
					otherParties: []
				};
				expect(await s.meetings.edit('m1', details, ['draft', 'published'], 3)).toBe(true);
				expect(await s.meetings.get('m1')).toMatchObject({ ...details, updatedAt: 3 });
				await minute(s);
				expect(await s.meetings.edit('m1', { ...details, title: 'x' }, ['draft'], 9)).toBe(false);
				expect((await s.meetings.get('m1'))?.title).toBe('改期');
			})
		);

		it(
			'A1 one action list per community, found by community and by board',
			withStores(async (s) => {
				const list = { communityId: 'c', boardId: 'b1', createdBy: 'system:x', createdAt: 1 };
				expect(await s.actionLists.create(list)).toBe(true);
				expect(await s.actionLists.create({ ...list, boardId: 'b2' })).toBe(false);
				expect(await s.actionLists.ofCommunity('c')).toEqual(list);
				expect(await s.actionLists.byBoard('b1')).toEqual(list);
				expect(await s.actionLists.byBoard('b2')).toBeNull();
				expect(await s.actionLists.ofCommunity('nope')).toBeNull();
			})
		);

		it(
			"M8 an item's decision task is recorded once per meeting and item, whatever revision",
			withStores(async (s) => {
				await s.meetings.create(meetingFixture());
				const task = {
					meetingId: 'm1',
					itemId: 'i1',
					revision: 1,
					boardId: 'b1',
					taskId: 'agenda-i1',
					target: 'project' as const,
					createdAt: 5
				};
				expect(await s.meetingTasks.record(task)).toBe(true);
				expect(await s.meetingTasks.record({ ...task, revision: 2, boardId: 'b2' })).toBe(false);
				const other = {
					...task,
					itemId: 'i2',
					taskId: 'agenda-i2',
					target: 'action_list' as const
				};
				expect(await s.meetingTasks.record({ ...other, createdAt: 6 })).toBe(true);
				expect(await s.meetingTasks.ofMeeting('m1')).toEqual([task, { ...other, createdAt: 6 }]);
				expect(await s.meetingTasks.ofMeeting('m2')).toEqual([]);
			})
		);
	});
}

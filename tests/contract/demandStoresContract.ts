import { describe, expect, it } from 'vitest';
import type { Demand } from '../../src/lib/domain/demands';
import type { Stores } from '../../server/storage/Stores';

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'd', parentId: null, kind: 'district', name: '区', nameEn: 'D' });
	await s.org.addUnit({ id: 's', parentId: 'd', kind: 'street', name: '街', nameEn: 'S' });
	for (const c of ['c', 'c2']) {
		await s.org.addUnit({ id: c, parentId: 's', kind: 'community', name: c, nameEn: c });
		await s.org.addUnit({ id: `${c}-g`, parentId: c, kind: 'grid', name: 'g', nameEn: 'g' });
	}
	for (const id of ['u1', 'u2', 'u3']) {
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	}
}

/** A filed demand at the grid of community `c`, with fields overridable. */
export function demandFixture(over: Partial<Demand> = {}): Demand {
	return {
		id: 'dm-1',
		communityId: 'c',
		gridId: 'c-g',
		buildingId: null,
		category: 'repair',
		description: '楼道灯坏了',
		urgent: false,
		visibility: 'private',
		about: null,
		residentId: 'u1',
		residentName: null,
		enteredBy: null,
		state: 'filed',
		level: 'grid',
		assignee: null,
		filedAt: 1000,
		takeBy: 5000,
		resolveBy: null,
		takenAt: null,
		resolvedAt: null,
		closedAt: null,
		rating: null,
		resolution: null,
		problemId: null,
		updatedAt: 1000,
		...over
	};
}

/**
 * The contract of the demand-side stores (demands, problems, calendar, files, notifications).
 * Rule ids refer to SPEC.md ("Demands" section).
 */
export function demandStoresContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} demand stores contract`, () => {
		it(
			'D1 a demand is stored once per id; a retried insert changes nothing',
			withStores(async (s) => {
				const d = demandFixture({ urgent: true, about: 'property_company' });
				expect(await s.demands.insert(d)).toBe(true);
				expect(await s.demands.insert({ ...d, description: 'changed' })).toBe(false);
				expect(await s.demands.get('dm-1')).toEqual(d);
				expect(await s.demands.get('nope')).toBeNull();
			})
		);

		it(
			'D2 an update applies only while the demand is in the expected state',
			withStores(async (s) => {
				await s.demands.insert(demandFixture());
				const patch = { state: 'taken', assignee: 'u2', takenAt: 2000 } as const;
				expect(await s.demands.update('dm-1', 'filed', patch)).toBe(true);
				expect(await s.demands.update('dm-1', 'filed', { state: 'taken', assignee: 'u3' })).toBe(
					false
				);
				const d = await s.demands.get('dm-1');
				expect([d?.state, d?.assignee, d?.takenAt]).toEqual(['taken', 'u2', 2000]);
			})
		);

		it(
			'D3 events read back in order with their actor, time and detail',
			withStores(async (s) => {
				await s.demands.insert(demandFixture());
				await s.demands.insert(demandFixture({ id: 'dm-2' }));
				await s.demands.addEvent({
					demandId: 'dm-1',
					at: 1,
					actor: 'u1',
					kind: 'filed',
					detail: null
				});
				await s.demands.addEvent({
					demandId: 'dm-2',
					at: 2,
					actor: 'u1',
					kind: 'filed',
					detail: null
				});
				await s.demands.addEvent({
					demandId: 'dm-1',
					at: 3,
					actor: null,
					kind: 'escalated',
					detail: { to: 'community' }
				});
				const events = await s.demands.events('dm-1');
				expect(events.map((e) => [e.kind, e.actor, e.at, e.detail])).toEqual([
					['filed', 'u1', 1, null],
					['escalated', null, 3, { to: 'community' }]
				]);
				const both = await s.demands.eventsOf(['dm-1', 'dm-2']);
				expect(both.map((e) => [e.demandId, e.at])).toEqual([
					['dm-1', 1],
					['dm-2', 2],
					['dm-1', 3]
				]);
			})
		);

		it(
			'D4 queries filter by place, person, state and time, newest first',
			withStores(async (s) => {
				await s.demands.insert(demandFixture({ id: 'a', filedAt: 10 }));
				await s.demands.insert(
					demandFixture({ id: 'b', filedAt: 20, assignee: 'u2', state: 'taken' })
				);
				await s.demands.insert(
					demandFixture({
						id: 'c',
						filedAt: 30,
						communityId: 'c2',
						gridId: 'c2-g',
						residentId: 'u3'
					})
				);
				const ids = async (q: Parameters<Stores['demands']['query']>[0]) =>
					(await s.demands.query(q)).map((d) => d.id);
				expect(await ids({ limit: 10 })).toEqual(['c', 'b', 'a']);
				expect(await ids({ communityIds: ['c'], limit: 10 })).toEqual(['b', 'a']);
				expect(await ids({ communityIds: [], limit: 10 })).toEqual([]);
				expect(await ids({ gridIds: ['c2-g'], limit: 10 })).toEqual(['c']);
				expect(await ids({ residentId: 'u1', limit: 10 })).toEqual(['b', 'a']);
				expect(await ids({ assignee: 'u2', limit: 10 })).toEqual(['b']);
				expect(await ids({ states: ['filed'], limit: 10 })).toEqual(['c', 'a']);
				expect(await ids({ filedFrom: 10, filedTo: 30, limit: 10 })).toEqual(['b', 'a']);
				expect(await ids({ before: 30, limit: 1 })).toEqual(['b']);
			})
		);

		it(
			'D5 overdue lists open demands whose take or resolve clock ran out, at the levels asked',
			withStores(async (s) => {
				await s.demands.insert(demandFixture({ id: 'late-take', takeBy: 100 }));
				await s.demands.insert(
					demandFixture({ id: 'late-resolve', state: 'taken', takeBy: null, resolveBy: 100 })
				);
				await s.demands.insert(demandFixture({ id: 'in-time', takeBy: 500 }));
				await s.demands.insert(demandFixture({ id: 'closed', state: 'closed', takeBy: 100 }));
				const ids = (await s.demands.overdue(200, 10)).map((d) => d.id).sort();
				expect(ids).toEqual(['late-resolve', 'late-take']);
				await s.demands.insert(demandFixture({ id: 'top', level: 'street', takeBy: 100 }));
				const below = await s.demands.overdue(200, 10, ['grid', 'community']);
				expect(below.map((d) => d.id).sort()).toEqual(['late-resolve', 'late-take']);
			})
		);

		it(
			'D6 photos attach once per demand and stage; problems link only their community',
			withStores(async (s) => {
				await s.demands.insert(demandFixture());
				await s.demands.insert(demandFixture({ id: 'other', communityId: 'c2', gridId: 'c2-g' }));
				await s.files.put(
					{ id: 'file-0001', communityId: 'c', ownerId: 'u1', type: 'image/png', createdAt: 1 },
					new Uint8Array([1])
				);
				await s.demands.addPhoto('dm-1', 'file-0001', 'filed');
				await s.demands.addPhoto('dm-1', 'file-0001', 'filed');
				expect(await s.demands.photos('dm-1')).toEqual([{ fileId: 'file-0001', stage: 'filed' }]);
				expect(await s.demands.demandsWithPhoto('file-0001')).toEqual(['dm-1']);
				const p = {
					id: 'p1',
					communityId: 'c',
					category: 'repair',
					gridId: 'c-g',
					buildingId: null,
					title: '楼道灯',
					createdBy: 'u2',
					createdAt: 5,
					boardId: null
				};
				await s.demands.addProblem(p);
				expect(await s.demands.problems('c')).toEqual([p]);
				expect(await s.demands.problems('c2')).toEqual([]);
				expect(await s.demands.linkProblem('p1', ['dm-1', 'other'])).toBe(1);
				expect((await s.demands.get('dm-1'))?.problemId).toBe('p1');
				expect((await s.demands.get('other'))?.problemId).toBeNull();
				expect(await s.demands.setProblemBoard('p1', 'board-1')).toBe(true);
				expect(await s.demands.setProblemBoard('p1', 'board-2')).toBe(false);
				expect((await s.demands.problem('p1'))?.boardId).toBe('board-1');
			})
		);

		it(
			'K1 replacing a year of the calendar leaves the other years alone',
			withStores(async (s) => {
				await s.calendar.replaceYears(
					[2025, 2026],
					[
						{ date: '2025-10-01', kind: 'holiday', name: '国庆节' },
						{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }
					]
				);
				await s.calendar.replaceYears(
					[2026],
					[{ date: '2026-10-10', kind: 'workday', name: '调休' }]
				);
				expect(await s.calendar.all()).toEqual([
					{ date: '2025-10-01', kind: 'holiday', name: '国庆节' },
					{ date: '2026-10-10', kind: 'workday', name: '调休' }
				]);
			})
		);

		it(
			'F1 a stored file reads back byte for byte with its size and hash; unknown ids read null',
			withStores(async (s) => {
				const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
				const meta = {
					id: 'file-abcd',
					communityId: 'c',
					ownerId: 'u1',
					type: 'image/png',
					createdAt: 9
				};
				const f = await s.files.put(meta, bytes);
				expect(f.size).toBe(7);
				expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
				expect([...((await s.files.read('file-abcd')) ?? [])]).toEqual([...bytes]);
				expect(await s.files.meta('file-abcd')).toEqual(f);
				expect(await s.files.read('file-none')).toBeNull();
				expect(await s.files.read('../gongzhi.sqlite')).toBeNull();
				await expect(s.files.put({ ...meta, id: '../../evil' }, bytes)).rejects.toThrow();
			})
		);

		it(
			'N1 notifications read newest first per user; marking read clears the unread count',
			withStores(async (s) => {
				for (const at of [1, 2]) {
					await s.notifications.add({
						userId: 'u2',
						at,
						kind: 'demand_escalated',
						demandId: null,
						detail: { at }
					});
				}
				await s.notifications.add({
					userId: 'u3',
					at: 3,
					kind: 'demand_offered',
					demandId: null,
					detail: null
				});
				const mine = await s.notifications.forUser('u2', 10);
				expect(mine.map((n) => n.at)).toEqual([2, 1]);
				expect(mine[0]?.detail).toEqual({ at: 2 });
				expect(await s.notifications.unread('u2')).toBe(2);
				await s.notifications.markRead('u2', mine[0]!.id, 50);
				expect(await s.notifications.unread('u2')).toBe(0);
				expect(await s.notifications.unread('u3')).toBe(1);
			})
		);
	});
}

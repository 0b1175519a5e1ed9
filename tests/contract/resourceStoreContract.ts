import { describe, expect, it } from 'vitest';
import type { ResourceItem } from '../../server/storage/ResourceStore';
import type { Stores } from '../../server/storage/Stores';

async function seed(s: Stores) {
	await s.org.addUnit({ id: 'd', parentId: null, kind: 'district', name: 'd', nameEn: 'd' });
	await s.org.addUnit({ id: 's', parentId: 'd', kind: 'street', name: 's', nameEn: 's' });
	await s.org.addUnit({ id: 'c', parentId: 's', kind: 'community', name: 'c', nameEn: 'c' });
	for (const id of ['sec', 'dep', 'dep2']) {
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	}
	for (const id of ['board-1', 'board-2']) {
		await s.documents.register({
			id,
			kind: 'board',
			communityId: 'c',
			title: id,
			schemaVersion: 2,
			createdBy: 'sec'
		});
	}
}

export const resourceItemFixture = (over: Partial<ResourceItem> = {}): ResourceItem => ({
	id: 'rs-1',
	unitId: 'd',
	kind: 'funds',
	title: '老旧小区改造补助',
	description: '每平方米补助标准见文件',
	department: '区住建委',
	contact: '022-2639-0000',
	active: true,
	createdBy: 'dep',
	createdAt: 10,
	updatedBy: 'dep',
	updatedAt: 10,
	...over
});

const ask = (over: { id: string; resourceId?: string; boardId?: string; at?: number }) => ({
	id: over.id,
	resourceId: over.resourceId ?? 'rs-1',
	boardId: over.boardId ?? 'board-1',
	communityId: 'c',
	note: '电梯更换缺口资金',
	requestedBy: 'sec',
	requestedAt: over.at ?? 20
});

/** The contract of ResourceStore. Rule ids refer to SPEC.md ("Resources"). */
export function resourceStoreContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seed(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} resource store contract`, () => {
		it(
			'RS1 items list by the units asked, in their order, then by kind; an edit keeps who and when',
			withStores(async (s) => {
				const r = s.resources;
				await r.addItem(resourceItemFixture({ id: 'a', unitId: 's', kind: 'technical' }));
				await r.addItem(resourceItemFixture({ id: 'b', unitId: 'd', kind: 'other' }));
				await r.addItem(resourceItemFixture({ id: 'c', unitId: 'd', kind: 'policy' }));
				await r.addItem(resourceItemFixture({ id: 'e', unitId: 's', kind: 'policy' }));
				expect((await r.itemsIn(['s', 'd'])).map((i) => i.id)).toEqual(['e', 'a', 'c', 'b']);
				expect((await r.itemsIn(['d'])).map((i) => i.id)).toEqual(['c', 'b']);
				expect(await r.itemsIn([])).toEqual([]);
				const fields = {
					kind: 'policy' as const,
					title: '加装电梯政策',
					description: '',
					department: '区住建委',
					contact: '王科长'
				};
				expect(await r.updateItem('a', fields, { userId: 'dep2', at: 30 })).toBe(true);
				expect(await r.updateItem('nope', fields, { userId: 'dep2', at: 30 })).toBe(false);
				expect(await r.item('a')).toEqual({
					...resourceItemFixture({ id: 'a', unitId: 's' }),
					...fields,
					updatedBy: 'dep2',
					updatedAt: 30
				});
				expect(await r.item('nope')).toBeNull();
			})
		);

		it(
			'RS2 an item is withdrawn and restored once each, with who and when',
			withStores(async (s) => {
				const r = s.resources;
				await r.addItem(resourceItemFixture());
				expect(await r.setActive('rs-1', false, { userId: 'dep2', at: 40 })).toBe(true);
				expect(await r.setActive('rs-1', false, { userId: 'dep', at: 41 })).toBe(false);
				expect(await r.item('rs-1')).toMatchObject({
					active: false,
					updatedBy: 'dep2',
					updatedAt: 40
				});
				expect(await r.setActive('rs-1', true, { userId: 'dep', at: 50 })).toBe(true);
				expect((await r.item('rs-1'))?.active).toBe(true);
				expect(await r.setActive('nope', true, { userId: 'dep', at: 50 })).toBe(false);
			})
		);

		it(
			'RS3 one pending request per board and item; a retried id writes nothing; asking again after a close works',
			withStores(async (s) => {
				const r = s.resources;
				await r.addItem(resourceItemFixture());
				expect(await r.addRequest(ask({ id: 'q1' }))).toBe(true);
				expect(await r.addRequest(ask({ id: 'q1', boardId: 'board-2' }))).toBe(false);
				expect(await r.addRequest(ask({ id: 'q2' }))).toBe(false);
				expect(await r.addRequest(ask({ id: 'q3', boardId: 'board-2' }))).toBe(true);
				expect((await r.requestsOf('board-1')).map((q) => q.id)).toEqual(['q1']);
				await r.closeRequest('q1', 'withdrawn', { userId: 'sec', at: 25, comment: '' });
				expect(await r.addRequest(ask({ id: 'q4', at: 30 }))).toBe(true);
				expect((await r.requestsOf('board-1')).map((q) => [q.id, q.state])).toEqual([
					['q1', 'withdrawn'],
					['q4', 'pending']
				]);
			})
		);

		it(
			'RS4 a request leaves pending once, keeping who, when and the comment; a second close changes nothing',
			withStores(async (s) => {
				const r = s.resources;
				await r.addItem(resourceItemFixture());
				await r.addRequest(ask({ id: 'q1' }));
				const [first, second] = await Promise.all([
					r.closeRequest('q1', 'accepted', { userId: 'dep', at: 60, comment: '下周对接' }),
					r.closeRequest('q1', 'declined', { userId: 'dep2', at: 61, comment: '额度已满' })
				]);
				expect([first, second]).toEqual([true, false]);
				expect(
					await r.closeRequest('q1', 'withdrawn', { userId: 'sec', at: 62, comment: '' })
				).toBe(false);
				expect(await r.request('q1')).toEqual({
					...ask({ id: 'q1' }),
					state: 'accepted',
					closedBy: 'dep',
					closedAt: 60,
					comment: '下周对接'
				});
				expect(await r.request('nope')).toBeNull();
				expect(
					await r.closeRequest('nope', 'accepted', { userId: 'dep', at: 1, comment: '' })
				).toBe(false);
			})
		);

		it(
			'RS5 a board reads its requests oldest first; an inbox reads the requests of its items newest first',
			withStores(async (s) => {
				const r = s.resources;
				await r.addItem(resourceItemFixture({ id: 'x' }));
				await r.addItem(resourceItemFixture({ id: 'y', unitId: 's' }));
				await r.addRequest(ask({ id: 'q1', resourceId: 'x', at: 1 }));
				await r.addRequest(ask({ id: 'q2', resourceId: 'y', at: 2 }));
				await r.addRequest(ask({ id: 'q3', resourceId: 'x', boardId: 'board-2', at: 3 }));
				expect((await r.requestsOf('board-1')).map((q) => q.id)).toEqual(['q1', 'q2']);
				expect((await r.requestsFor(['x'])).map((q) => q.id)).toEqual(['q3', 'q1']);
				expect((await r.requestsFor(['x', 'y'])).map((q) => q.id)).toEqual(['q3', 'q2', 'q1']);
				expect(await r.requestsFor([])).toEqual([]);
			})
		);
	});
}

import { describe, expect, it } from 'vitest';
import { resourceItemFixture, resourceStoreContract } from '../contract/resourceStoreContract';
import { pgDirect, seedCoreRows } from '../helpers/pgDirect';
import { pgStoresForFile } from '../helpers/pgStores';

const file = pgStoresForFile();
const direct = pgDirect(file);

resourceStoreContract('PostgreSQL', file.open);

const seed = {
	units: [
		{ id: 'd', kind: 'district' },
		{ id: 'c', parentId: 'd', kind: 'community' }
	],
	users: ['dep', 'dep2', 'sec'],
	boards: [{ id: 'b1', communityId: 'c' }]
};

describe('PostgreSQL resource tables', () => {
	it('RS6 a decided request, a request’s asked fields and every delete are refused by the database, whoever asks', async () => {
		const url = await direct.database();
		const s = await direct.stores(url);
		// A second connection, as an operator with a SQL shell would have.
		const sql = await direct.client(url);
		await seedCoreRows(sql, seed);
		await s.resources.addItem(resourceItemFixture());
		const base = { resourceId: 'rs-1', boardId: 'b1', communityId: 'c', requestedBy: 'dep' };
		await s.resources.addRequest({ ...base, id: 'q1', note: '', requestedAt: 1 });
		await s.resources.closeRequest('q1', 'declined', { userId: 'dep', at: 3, comment: '不符合' });
		// q1 is decided; q2 stays pending, but what was asked and by whom is fixed all the same.
		expect(
			await s.resources.addRequest({ ...base, id: 'q2', note: '原始说明', requestedAt: 4 })
		).toBe(true);
		for (const statement of [
			"UPDATE resource_requests SET state = 'accepted' WHERE id = 'q1'",
			"UPDATE resource_requests SET comment = '' WHERE id = 'q1'",
			"UPDATE resource_requests SET note = '改过的说明' WHERE id = 'q2'",
			"UPDATE resource_requests SET requested_by = 'someone' WHERE id = 'q2'"
		]) {
			await expect(sql.query(statement), statement).rejects.toThrow(/once/);
		}
		for (const statement of ['DELETE FROM resource_requests', 'TRUNCATE resource_requests']) {
			await expect(sql.query(statement), statement).rejects.toThrow(/append-only/);
		}
		for (const statement of ['DELETE FROM resource_items', 'TRUNCATE resource_items CASCADE']) {
			await expect(sql.query(statement), statement).rejects.toThrow(/never deleted/);
		}
		const row = async (q: string) => (await sql.query(q)).rows[0] as unknown;
		expect(await row("SELECT state, comment FROM resource_requests WHERE id = 'q1'")).toEqual({
			state: 'declined',
			comment: '不符合'
		});
		expect(await row("SELECT note FROM resource_requests WHERE id = 'q2'")).toEqual({
			note: '原始说明'
		});
		// The pending request can still be decided: the trigger refuses only what the rule forbids.
		await sql.query(
			"UPDATE resource_requests SET state = 'accepted', closed_by = 'dep', closed_at = 5 WHERE id = 'q2'"
		);
	});

	it('RS4 two instances deciding one request at once: one decision stands, the other writes nothing', async () => {
		const url = await direct.database();
		const [a, b] = [await direct.stores(url), await direct.stores(url)];
		await seedCoreRows(await direct.client(url), seed);
		await a.resources.addItem(resourceItemFixture());
		for (let i = 0; i < 10; i++) {
			const id = `q${i}`;
			await a.resources.addRequest({
				id,
				resourceId: 'rs-1',
				boardId: 'b1',
				communityId: 'c',
				note: '',
				requestedBy: 'sec',
				requestedAt: i
			});
			const won = await Promise.all([
				a.resources.closeRequest(id, 'accepted', { userId: 'dep', at: 100, comment: 'a' }),
				b.resources.closeRequest(id, 'declined', { userId: 'dep2', at: 101, comment: 'b' })
			]);
			expect(won.filter(Boolean), id).toHaveLength(1);
			expect(await b.resources.request(id)).toMatchObject(
				won[0]
					? { state: 'accepted', closedBy: 'dep', comment: 'a' }
					: { state: 'declined', closedBy: 'dep2', comment: 'b' }
			);
		}
	});

	it('RS3 two instances asking for the same item for one board at once: one pending request', async () => {
		const url = await direct.database();
		const [a, b] = [await direct.stores(url), await direct.stores(url)];
		await seedCoreRows(await direct.client(url), seed);
		for (let i = 0; i < 10; i++) {
			const resourceId = `rs-${i}`;
			await a.resources.addItem(resourceItemFixture({ id: resourceId }));
			const ask = (s: typeof a, id: string) =>
				s.resources.addRequest({
					id,
					resourceId,
					boardId: 'b1',
					communityId: 'c',
					note: id,
					requestedBy: 'sec',
					requestedAt: i
				});
			const won = await Promise.all([ask(a, `x${i}`), ask(b, `y${i}`)]);
			expect(won.filter(Boolean), resourceId).toHaveLength(1);
		}
		expect(await a.resources.requestsOf('b1')).toHaveLength(10);
	});
});

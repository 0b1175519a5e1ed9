import { describe, expect, it } from 'vitest';
import { openPgStores } from '../../server/storage/pg';
import type { Stores } from '../../server/storage/Stores';
import { chainStoresContract } from '../contract/chainStoresContract';
import { pgStoresForFile } from '../helpers/pgStores';

const pg = pgStoresForFile();

chainStoresContract('PostgreSQL', pg.open);

/** Two instances of the server on one database, as in cluster mode: two pools, no shared lock. */
async function twoInstances(): Promise<[Stores, Stores]> {
	const url = await (await pg.server()).createDatabase();
	const a = await openPgStores(url, { max: 4 });
	const b = await openPgStores(url, { max: 4 });
	await a.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	await a.org.addUnit({ id: 'g', parentId: 'c', kind: 'grid', name: 'g', nameEn: 'g' });
	return [a, b];
}

describe('PostgreSQL chain stores, two instances on one database', () => {
	it('R2 every pending resident is confirmed once when two instances confirm at the same time', async () => {
		const [a, b] = await twoInstances();
		try {
			const ids = Array.from({ length: 20 }, (_, i) => `r${i}`);
			for (const id of ids) {
				await a.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
				await a.residents.insert({
					userId: id,
					communityId: 'c',
					gridId: 'g',
					buildingId: null,
					room: '',
					phone: null,
					status: 'pending',
					confirmedBy: null,
					createdAt: 1
				});
			}
			const wins = await Promise.all(
				ids.flatMap((id) => [
					a.residents.confirm(id, 'leader-a'),
					b.residents.confirm(id, 'leader-b')
				])
			);
			expect(wins.filter(Boolean)).toHaveLength(ids.length);
			for (let i = 0; i < ids.length; i++) {
				// Exactly one of each pair won, and the row names that one.
				expect(wins[2 * i]).not.toBe(wins[2 * i + 1]);
				const winner = wins[2 * i] ? 'leader-a' : 'leader-b';
				expect(await b.residents.get(ids[i]!)).toMatchObject({
					status: 'active',
					confirmedBy: winner
				});
			}
		} finally {
			await a.close();
			await b.close();
		}
	});

	it('P1 every code is consumed by one caller only when two instances race for it', async () => {
		const [a, b] = await twoInstances();
		try {
			const ids = Array.from({ length: 20 }, (_, i) => `code-${i}`);
			for (const id of ids) {
				await a.phoneCodes.insert({
					id,
					phone: '13800000001',
					purpose: 'register',
					codeHash: 'h',
					attempts: 0,
					createdAt: 1000,
					expiresAt: 2000,
					usedAt: null
				});
			}
			const wins = await Promise.all(
				ids.flatMap((id) => [a.phoneCodes.consume(id, 1500), b.phoneCodes.consume(id, 1500)])
			);
			for (let i = 0; i < ids.length; i++) expect(wins[2 * i]).not.toBe(wins[2 * i + 1]);
			expect(await b.phoneCodes.latest('13800000001', 'register', 1500)).toBeNull();
		} finally {
			await a.close();
			await b.close();
		}
	});

	it('P3 wrong attempts from two instances at once are all counted', async () => {
		const [a, b] = await twoInstances();
		try {
			await a.phoneCodes.insert({
				id: 'code-1',
				phone: '13800000001',
				purpose: 'register',
				codeHash: 'h',
				attempts: 0,
				createdAt: 1000,
				expiresAt: 2000,
				usedAt: null
			});
			const counts = await Promise.all(
				Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).phoneCodes.addAttempt('code-1'))
			);
			expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		} finally {
			await a.close();
			await b.close();
		}
	});
});

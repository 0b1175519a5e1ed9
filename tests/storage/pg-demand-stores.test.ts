import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPgStores } from '../../server/storage/pg';
import type { Stores } from '../../server/storage/Stores';
import { demandFixture, demandStoresContract } from '../contract/demandStoresContract';
import { pgStoresForFile } from '../helpers/pgStores';

const server = pgStoresForFile();

demandStoresContract('PostgreSQL', server.open);

/** Two instances on one fresh database (cluster mode), seeded with a community and a user. */
async function twoInstances(): Promise<{ url: string; a: Stores; b: Stores }> {
	const url = await (await server.server()).createDatabase();
	const a = await openPgStores(url, { max: 4 });
	const b = await openPgStores(url, { max: 4 });
	await a.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'c', nameEn: 'c' });
	await a.org.addUnit({ id: 'c-g', parentId: 'c', kind: 'grid', name: 'g', nameEn: 'g' });
	await a.users.create({ id: 'u1', username: 'u1', displayName: 'u1', passwordHash: 'x' });
	return { url, a, b };
}

const meta = (id: string) => ({
	id,
	communityId: 'c',
	ownerId: 'u1',
	type: 'image/jpeg',
	createdAt: 1
});

describe('PostgreSQL file store: the bytes live in the database', () => {
	it('F1 a file put through one instance reads back byte for byte through another', async () => {
		const { a, b } = await twoInstances();
		try {
			// As large as a photo may be (MAX_PHOTO_BYTES), and not compressible.
			const bytes = new Uint8Array(randomBytes(8 * 1024 * 1024));
			const f = await a.files.put(meta('file-big-0001'), bytes);
			expect(f.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
			const back = await b.files.read('file-big-0001');
			expect(back?.byteLength).toBe(bytes.byteLength);
			expect(Buffer.compare(Buffer.from(back!), Buffer.from(bytes))).toBe(0);
			expect(await b.files.meta('file-big-0001')).toEqual(f);
		} finally {
			await a.close();
			await b.close();
		}
	});

	it('F1 the database holds the bytes with their size and hash, and refuses a row where they disagree', async () => {
		const { url, a, b } = await twoInstances();
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]);
			await a.files.put(meta('file-0001'), bytes);
			const { rows } = await client.query<{ data: Buffer; size: number; sha256: string }>(
				"SELECT data, size, sha256 FROM files WHERE id = 'file-0001'"
			);
			expect([...rows[0]!.data]).toEqual([...bytes]);
			expect(rows[0]!.size).toBe(6);
			expect(rows[0]!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
			// A second client, as a script or a bug elsewhere would use: wrong size, wrong hash.
			const insert = (id: string, size: number, sha: string) =>
				client.query(
					`INSERT INTO files (id, community_id, owner_id, type, size, sha256, created_at, data)
					 VALUES ($1, 'c', 'u1', 'image/jpeg', $2, $3, 1, $4)`,
					[id, size, sha, Buffer.from(bytes)]
				);
			await expect(insert('file-0002', 5, rows[0]!.sha256)).rejects.toThrow(/check constraint/);
			await expect(insert('file-0003', 6, 'a'.repeat(64))).rejects.toThrow(/check constraint/);
			// A second put of the same id fails and leaves the first file's bytes as they were.
			await expect(b.files.put(meta('file-0001'), new Uint8Array([9]))).rejects.toThrow();
			expect([...((await b.files.read('file-0001')) ?? [])]).toEqual([...bytes]);
		} finally {
			await client.end();
			await a.close();
			await b.close();
		}
	});

	it('F1 an unsafe id reads nothing, even when a row with that id was written behind the store', async () => {
		const { url, a, b } = await twoInstances();
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			const bytes = Buffer.from([1, 2, 3]);
			const sha = createHash('sha256').update(bytes).digest('hex');
			await client.query(
				`INSERT INTO files (id, community_id, owner_id, type, size, sha256, created_at, data)
				 VALUES ('../gongzhi', 'c', 'u1', 'image/png', 3, $1, 1, $2)`,
				[sha, bytes]
			);
			expect(await a.files.read('../gongzhi')).toBeNull();
			await expect(a.files.put(meta('../../evil'), bytes)).rejects.toThrow(/Unsafe file id/);
			expect((await client.query("SELECT id FROM files WHERE id = '../../evil'")).rowCount).toBe(0);
		} finally {
			await client.end();
			await a.close();
			await b.close();
		}
	});
});

describe('PostgreSQL demand stores, two instances on one database', () => {
	it('D2 of two instances moving the same demands at once, exactly one wins each', async () => {
		const { a, b } = await twoInstances();
		try {
			const ids = Array.from({ length: 20 }, (_, i) => `dm-${i}`);
			for (const id of ids) await a.demands.insert(demandFixture({ id }));
			const wins = await Promise.all(
				ids.flatMap((id) => [
					a.demands.update(id, 'filed', { state: 'taken', assignee: 'u1', takenAt: 1 }),
					b.demands.update(id, 'filed', { state: 'closed', closedAt: 2 })
				])
			);
			for (let i = 0; i < ids.length; i++) {
				expect(wins[2 * i]).not.toBe(wins[2 * i + 1]);
				const d = await b.demands.get(ids[i]!);
				expect(d?.state).toBe(wins[2 * i] ? 'taken' : 'closed');
				// The loser's fields were not written either.
				expect(wins[2 * i] ? d?.closedAt : d?.assignee).toBeNull();
			}
		} finally {
			await a.close();
			await b.close();
		}
	});

	it('D3 D6 lists of any length go in one statement (SQLite needed chunks of 500)', async () => {
		const { a, b } = await twoInstances();
		try {
			await a.demands.insert(demandFixture({ id: 'dm-1' }));
			await a.demands.addEvent({
				demandId: 'dm-1',
				at: 5,
				actor: 'u1',
				kind: 'filed',
				detail: null
			});
			const many = ['dm-1', ...Array.from({ length: 1200 }, (_, i) => `missing-${i}`)];
			expect((await b.demands.eventsOf(many, ['filed'])).map((e) => e.demandId)).toEqual(['dm-1']);
			expect(await b.demands.eventsOf(many, ['taken'])).toEqual([]);
			await a.demands.addProblem({
				id: 'p1',
				communityId: 'c',
				category: 'repair',
				gridId: null,
				buildingId: null,
				title: 't',
				createdBy: 'u1',
				createdAt: 1,
				boardId: null
			});
			expect(await b.demands.linkProblem('p1', many)).toBe(1);
			const q = await b.demands.query({ communityIds: ['c', "c' OR TRUE --"], limit: 10 });
			expect(q.map((d) => d.id)).toEqual(['dm-1']);
		} finally {
			await a.close();
			await b.close();
		}
	});
});

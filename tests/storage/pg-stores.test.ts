import * as A from '@automerge/automerge';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPgStores } from '../../server/storage/pg';
import type { Stores } from '../../server/storage/Stores';
import { storesContract } from '../contract/storesContract';
import { pgStoresForFile } from '../helpers/pgStores';

const pgStores = pgStoresForFile();

storesContract('PostgreSQL', pgStores.open);

/** Two instances of a cluster on one fresh database, each with its own pool; closed after `fn`. */
async function twoInstances(fn: (one: Stores, two: Stores, url: string) => Promise<void>) {
	const url = await (await pgStores.server()).createDatabase();
	const one = await openPgStores(url, { max: 4 });
	const two = await openPgStores(url, { max: 4 });
	try {
		await one.org.addUnit({ id: 'c', parentId: null, kind: 'community', name: 'C', nameEn: 'C' });
		for (const id of ['u1', 'u2']) {
			await one.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
		}
		await fn(one, two, url);
	} finally {
		await one.close();
		await two.close();
	}
}

const yText = (updates: readonly Uint8Array[]) => {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc.getText('t').toJSON();
};

const amChanges = (before: A.Doc<unknown>, after: A.Doc<unknown>) =>
	A.getChanges(before, after).map((bytes) => ({ hash: A.decodeChange(bytes).hash, bytes }));

const amLoad = (chunks: readonly Uint8Array[]) => {
	let doc = A.load<Record<string, number>>(chunks[0]!);
	for (const c of chunks.slice(1)) doc = A.loadIncremental(doc, c);
	return doc;
};

describe('PostgreSQL core stores', () => {
	it('refuses UPDATE, DELETE and TRUNCATE on audit_log in the database itself', async () => {
		await twoInstances(async (one, _two, url) => {
			await one.audit.record({
				at: 1,
				userId: null,
				action: 'login_failed',
				target: 'username:x',
				scope: null
			});
			// A second, plain connection, as a script or a bug elsewhere would use.
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				await expect(client.query("UPDATE audit_log SET action = 'login'")).rejects.toThrow(
					/append-only/
				);
				await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
				await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
				const { rows } = await client.query('SELECT action FROM audit_log');
				expect(rows).toEqual([{ action: 'login_failed' }]);
			} finally {
				await client.end();
			}
		});
	});

	it('usernames are unique and found regardless of case, as with COLLATE NOCASE', async () => {
		await twoInstances(async (one, two) => {
			await one.users.create({ id: 'a', username: 'Alice', displayName: 'A', passwordHash: 'h' });
			await expect(
				two.users.create({ id: 'b', username: 'aLICE', displayName: 'B', passwordHash: 'h' })
			).rejects.toThrow();
			expect((await two.users.byUsername('ALICE'))?.id).toBe('a');
			expect((await two.users.byUsername('alice'))?.passwordHash).toBe('h');
			expect(await two.users.byId('b')).toBeNull();
		});
	});

	it('the person picker finds members by name or phone prefix, each once, by name', async () => {
		await twoInstances(async (one, two, url) => {
			await one.org.addUnit({ id: 'g', parentId: 'c', kind: 'grid', name: 'G', nameEn: 'G' });
			const people = [
				['p1', 'Bob_x', '13900000001'],
				['p2', 'Alice', '13800000002'],
				['p3', 'Bobby', null]
			] as const;
			for (const [id, name] of people) {
				await one.users.create({ id, username: id, displayName: name, passwordHash: 'x' });
				await one.org.addMembership({ userId: id, unitId: 'c', role: 'resident' });
			}
			// Two roles in the unit: still one match.
			await one.org.addMembership({ userId: 'p1', unitId: 'c', role: 'party_member' });
			// residents belongs to the chain part's schema; a minimal stand-in until it is merged.
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				await client.query(`CREATE TABLE IF NOT EXISTS residents (
					user_id TEXT PRIMARY KEY, community_id TEXT NOT NULL, grid_id TEXT NOT NULL,
					phone TEXT UNIQUE, status TEXT NOT NULL, created_at BIGINT NOT NULL)`);
				for (const [id, , phone] of people) {
					await client.query(
						`INSERT INTO residents (user_id, community_id, grid_id, phone, status, created_at)
						 VALUES ($1, 'c', 'g', $2, 'active', 1)`,
						[id, phone]
					);
				}
			} finally {
				await client.end();
			}
			const names = async (text: string, limit = 10) =>
				(await two.org.findMembers('c', text, limit)).map((m) => m.displayName);
			expect(await names('bob')).toEqual(['Bob_x', 'Bobby']);
			expect(await names('b', 1)).toEqual(['Bob_x']);
			expect(await names('_')).toEqual(['Bob_x']);
			expect(await names('138')).toEqual(['Alice']);
			expect(await names('0000')).toEqual([]);
			expect((await two.org.findMembers('c', 'ali', 10))[0]).toEqual({
				userId: 'p2',
				displayName: 'Alice',
				phone: '13800000002'
			});
			// Same-millisecond memberships keep the order they were made in.
			expect((await two.org.membershipsOf('p1')).map((m) => m.role)).toEqual([
				'resident',
				'party_member'
			]);
		});
	});

	it('Y3 a client id binds to its first user also when two instances race', async () => {
		await twoInstances(async (one, two) => {
			const ids = Array.from({ length: 20 }, (_, i) => i + 1);
			const results = await Promise.all(
				ids.flatMap((id) => [one.yjs.bindClient('d', id, 'u1'), two.yjs.bindClient('d', id, 'u2')])
			);
			const owners = await one.yjs.clientOwners('d');
			ids.forEach((id, i) => {
				// Both callers got the same owner, and it is the stored one.
				expect(results[2 * i]).toBe(results[2 * i + 1]);
				expect(owners.get(id)).toBe(results[2 * i]);
			});
		});
	});

	it('I1 an invite is consumed once when two instances race for it', async () => {
		await twoInstances(async (one, two) => {
			const invite = {
				unitId: 'c',
				role: 'resident' as const,
				createdBy: 'u1',
				createdAt: 0,
				expiresAt: 100,
				usedAt: null,
				usedBy: null,
				revokedAt: null
			};
			const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);
			for (const id of ids) await one.invites.insertInvite({ id, ...invite });
			const won = await Promise.all(
				ids.flatMap((id) => [
					one.invites.consumeInvite(id, 'u1', 10),
					two.invites.consumeInvite(id, 'u2', 10)
				])
			);
			for (let i = 0; i < ids.length; i++) {
				expect(Number(won[2 * i]) + Number(won[2 * i + 1])).toBe(1);
				const stored = await two.invites.invite(ids[i]!);
				expect(stored?.usedBy).toBe(won[2 * i] ? 'u1' : 'u2');
			}
		});
	});

	it('A2 a large batch of changes is stored in order, each with its author', async () => {
		await twoInstances(async (one) => {
			const changes = Array.from({ length: 2500 }, (_, i) => ({
				hash: `h${i}`,
				bytes: new Uint8Array([i % 256, i >> 8])
			}));
			await one.automerge.appendChanges('b', changes, 'u2');
			const loaded = await one.automerge.load('b');
			expect(loaded.map((c) => [...c])).toEqual(changes.map((c) => [...c.bytes]));
			const recorded = await one.automerge.recorded('b');
			expect(recorded.map((r) => r.hash)).toEqual(changes.map((c) => c.hash));
			expect(new Set(recorded.map((r) => r.userId))).toEqual(new Set(['u2']));
		});
	});

	it('Y2 compaction keeps a row another instance appended that the snapshot lacks', async () => {
		await twoInstances(async (one, two) => {
			const mine = new Y.Doc();
			mine.on('update', (u: Uint8Array) => void one.yjs.append('d', u, 'u1'));
			mine.getText('t').insert(0, 'mine ');
			mine.getText('t').insert(5, 'more');
			await until(async () => (await one.yjs.count('d')) === 2);
			// Another instance's client writes; this instance has not applied it.
			const theirs = new Y.Doc();
			theirs.getText('t').insert(0, 'theirs ');
			await two.yjs.append('d', Y.encodeStateAsUpdate(theirs), 'u2');
			const { lastSeq } = await one.yjs.load('d');

			await one.yjs.compact('d', Y.encodeStateAsUpdate(mine), lastSeq);

			const after = await one.yjs.load('d');
			expect(after.updates).toHaveLength(1);
			const text = yText(after.updates);
			expect(text).toContain('mine more');
			expect(text).toContain('theirs ');
		});
	});

	it('Y2 a snapshot that has every row it replaces is stored byte for byte', async () => {
		await twoInstances(async (one, two) => {
			const doc = new Y.Doc();
			doc.getText('t').insert(0, 'a');
			await one.yjs.append('d', Y.encodeStateAsUpdate(doc), 'u1');
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(1, 'b');
			doc.getText('t').delete(0, 1);
			await two.yjs.append('d', Y.encodeStateAsUpdate(doc, before), 'u2');
			const snapshot = Y.encodeStateAsUpdate(doc);
			await one.yjs.compact('d', snapshot, (await one.yjs.load('d')).lastSeq);
			const { updates } = await two.yjs.load('d');
			expect(updates.map((u) => [...u])).toEqual([[...snapshot]]);
			expect(yText(updates)).toBe('b');
		});
	});

	it('A1 compaction keeps a change another instance appended that the saved board lacks', async () => {
		await twoInstances(async (one, two) => {
			const empty = A.init<Record<string, number>>();
			const mine = A.change(empty, (d) => {
				d.a = 1;
			});
			await one.automerge.appendChanges('b', amChanges(empty, mine), 'u1');
			const theirs = A.change(A.clone(mine), (d) => {
				d.b = 2;
			});
			const added = amChanges(mine, theirs);
			await two.automerge.appendChanges('b', added, 'u2');

			await one.automerge.compact('b', A.save(mine), await one.automerge.lastSeq('b'));

			expect(await one.automerge.chunkCount('b')).toBe(1);
			expect({ ...amLoad(await two.automerge.load('b')) }).toEqual({ a: 1, b: 2 });
			expect((await one.automerge.authorOf('b', added[0]!.hash))?.userId).toBe('u2');
		});
	});

	it('A1 a change waiting for its dependency moves behind the snapshot, not away', async () => {
		await twoInstances(async (one, two) => {
			const empty = A.init<Record<string, number>>();
			const base = A.change(empty, (d) => {
				d.a = 1;
			});
			const middle = A.change(A.clone(base), (d) => {
				d.b = 2;
			});
			const last = A.change(A.clone(middle), (d) => {
				d.c = 3;
			});
			await one.automerge.appendChanges('b', amChanges(empty, base), 'u1');
			// Instance two stores the last change before the one it depends on arrives.
			await two.automerge.appendChanges('b', amChanges(middle, last), 'u2');
			await one.automerge.compact('b', A.save(base), await one.automerge.lastSeq('b'));
			expect(await one.automerge.chunkCount('b')).toBe(2);
			await two.automerge.appendChanges('b', amChanges(base, middle), 'u2');
			expect({ ...amLoad(await one.automerge.load('b')) }).toEqual({ a: 1, b: 2, c: 3 });
		});
	});

	it('A1 a saved board that has every chunk it replaces is stored byte for byte', async () => {
		await twoInstances(async (one) => {
			const empty = A.init<Record<string, number>>();
			const doc = A.change(empty, (d) => {
				d.a = 1;
			});
			await one.automerge.appendChanges('b', amChanges(empty, doc), 'u1');
			const saved = A.save(doc);
			await one.automerge.compact('b', saved, await one.automerge.lastSeq('b'));
			expect((await one.automerge.load('b')).map((c) => [...c])).toEqual([[...saved]]);
		});
	});
});

async function until(check: () => Promise<boolean>) {
	for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

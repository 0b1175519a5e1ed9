import { describe, expect, it } from 'vitest';
import type { Stores } from '../../server/storage/Stores';

const bytes = (...n: number[]) => new Uint8Array(n);

async function seedBasics(s: Stores) {
	await s.org.addUnit({ id: 'd', parentId: null, kind: 'district', name: '区', nameEn: 'D' });
	await s.org.addUnit({ id: 's', parentId: 'd', kind: 'street', name: '街', nameEn: 'S' });
	await s.org.addUnit({ id: 'c', parentId: 's', kind: 'community', name: '社区', nameEn: 'C' });
	for (const id of ['u1', 'u2']) {
		await s.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	}
}

/**
 * The contract every `Stores` implementation passes. `open` returns a fresh, empty store set.
 * Rule ids refer to SPEC.md beside this file.
 */
export function storesContract(name: string, open: () => Promise<Stores>) {
	const withStores = (fn: (s: Stores) => Promise<void>) => async () => {
		const s = await open();
		try {
			await seedBasics(s);
			await fn(s);
		} finally {
			await s.close();
		}
	};

	describe(`${name} storage contract`, () => {
		it(
			'Y1 yjs updates load in append order byte for byte',
			withStores(async (s) => {
				await s.yjs.append('doc', bytes(1, 2), 'u1');
				await s.yjs.append('doc', bytes(3), 'u2');
				const { updates, lastSeq } = await s.yjs.load('doc');
				expect(updates.map((u) => [...u])).toEqual([[1, 2], [3]]);
				expect(lastSeq).toBeGreaterThan(0);
				expect(await s.yjs.count('doc')).toBe(2);
			})
		);

		it(
			'Y6 several updates appended in one write load back in order after earlier ones, with ascending sequence numbers',
			withStores(async (s) => {
				const first = await s.yjs.append('doc', bytes(1), 'u1');
				const seqs = await s.yjs.appendMany('doc', [
					{ update: bytes(2, 2), userId: 'u1' },
					{ update: bytes(3), userId: 'u2' },
					{ update: bytes(4, 4, 4), userId: 'u1' }
				]);
				expect(seqs).toHaveLength(3);
				expect(seqs[0]).toBeGreaterThan(first);
				expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
				expect(new Set(seqs).size).toBe(3);
				expect(await s.yjs.appendMany('doc', [])).toEqual([]);
				const { updates, lastSeq } = await s.yjs.load('doc');
				expect(updates.map((u) => [...u])).toEqual([[1], [2, 2], [3], [4, 4, 4]]);
				expect(lastSeq).toBe(seqs[2]);
				// Each row stays removable on its own (an unappliable one leaves alone).
				await s.yjs.remove('doc', seqs[1] as number);
				expect((await s.yjs.load('doc')).updates.map((u) => [...u])).toEqual([
					[1],
					[2, 2],
					[4, 4, 4]
				]);
			})
		);

		it(
			'Y2 compaction replaces a prefix and keeps later rows after it',
			withStores(async (s) => {
				for (let i = 0; i < 5; i++) await s.yjs.append('doc', bytes(i), 'u1');
				const { lastSeq } = await s.yjs.load('doc');
				await s.yjs.append('doc', bytes(99), 'u2');
				await s.yjs.compact('doc', bytes(42, 42), lastSeq);
				const after = await s.yjs.load('doc');
				expect(after.updates.map((u) => [...u])).toEqual([[42, 42], [99]]);
				expect(await s.yjs.count('doc')).toBe(2);
			})
		);

		it(
			'Y5 removing one row leaves the others in order',
			withStores(async (s) => {
				await s.yjs.append('doc', bytes(1), 'u1');
				const bad = await s.yjs.append('doc', bytes(2), 'u1');
				await s.yjs.append('doc', bytes(3), 'u2');
				await s.yjs.remove('doc', bad);
				expect((await s.yjs.load('doc')).updates.map((u) => [...u])).toEqual([[1], [3]]);
			})
		);

		it(
			'Y3 a client id binds to its first user for good',
			withStores(async (s) => {
				expect(await s.yjs.bindClient('doc', 7, 'u1')).toBe('u1');
				expect(await s.yjs.bindClient('doc', 7, 'u2')).toBe('u1');
				expect((await s.yjs.clientOwners('doc')).get(7)).toBe('u1');
			})
		);

		it(
			'Y4 documents are independent',
			withStores(async (s) => {
				await s.yjs.append('a', bytes(1), 'u1');
				await s.yjs.bindClient('a', 1, 'u1');
				expect((await s.yjs.load('b')).updates).toHaveLength(0);
				expect(await s.yjs.bindClient('b', 1, 'u2')).toBe('u2');
			})
		);

		it(
			'A1 automerge chunks load in order, snapshot first after compaction',
			withStores(async (s) => {
				await s.automerge.appendChanges(
					'b',
					[
						{ hash: 'h1', bytes: bytes(1) },
						{ hash: 'h2', bytes: bytes(2) }
					],
					'u1'
				);
				const upto = await s.automerge.lastSeq('b');
				await s.automerge.appendChanges('b', [{ hash: 'h3', bytes: bytes(3) }], 'u2');
				await s.automerge.compact('b', bytes(12), upto);
				expect((await s.automerge.load('b')).map((c) => [...c])).toEqual([[12], [3]]);
				expect(await s.automerge.chunkCount('b')).toBe(2);
			})
		);

		it(
			'A2 authorship survives compaction',
			withStores(async (s) => {
				await s.automerge.appendChanges('b', [{ hash: 'h1', bytes: bytes(1) }], 'u2');
				await s.automerge.compact('b', bytes(9), await s.automerge.lastSeq('b'));
				const author = await s.automerge.authorOf('b', 'h1');
				expect(author?.userId).toBe('u2');
				expect(author?.at).toBeGreaterThan(0);
			})
		);

		it(
			'A3 removing unappliable changes removes bytes and authorship',
			withStores(async (s) => {
				await s.automerge.appendChanges('b', [{ hash: 'bad', bytes: bytes(0) }], 'u1');
				await s.automerge.removeChanges('b', ['bad']);
				expect(await s.automerge.load('b')).toHaveLength(0);
				expect(await s.automerge.authorOf('b', 'bad')).toBeNull();
			})
		);

		it(
			'S1 sessions store, move expiry, and disappear on removal',
			withStores(async (s) => {
				await s.sessions.insert({ id: 'h', userId: 'u1', expiresAt: 10, createdAt: 1 });
				await s.sessions.setExpiry('h', 20);
				expect((await s.sessions.get('h'))?.expiresAt).toBe(20);
				await s.sessions.remove('h');
				expect(await s.sessions.get('h')).toBeNull();
			})
		);

		it(
			'S2 removing a user sessions can keep one',
			withStores(async (s) => {
				for (const id of ['a', 'b', 'c']) {
					await s.sessions.insert({ id, userId: 'u1', expiresAt: 10, createdAt: 1 });
				}
				await s.sessions.insert({ id: 'other', userId: 'u2', expiresAt: 10, createdAt: 1 });
				expect((await s.sessions.removeForUser('u1', 'b')).sort()).toEqual(['a', 'c']);
				expect(await s.sessions.get('b')).not.toBeNull();
				expect(await s.sessions.get('other')).not.toBeNull();
			})
		);

		it(
			'I1 an invite is consumed at most once and never after expiry or revocation',
			withStores(async (s) => {
				const base = { unitId: 'c', role: 'resident' as const, createdBy: 'u1', createdAt: 0 };
				const none = { usedAt: null, usedBy: null, revokedAt: null };
				await s.invites.insertInvite({ id: 'i1', expiresAt: 100, ...base, ...none });
				await s.invites.insertInvite({ id: 'i2', expiresAt: 100, ...base, ...none });
				await s.invites.insertInvite({ id: 'i3', expiresAt: 5, ...base, ...none });
				const results = await Promise.all([
					s.invites.consumeInvite('i1', 'u1', 10),
					s.invites.consumeInvite('i1', 'u2', 10)
				]);
				expect(results.filter(Boolean)).toHaveLength(1);
				await s.invites.revokeInvite('i2', 10);
				expect(await s.invites.consumeInvite('i2', 'u1', 11)).toBe(false);
				expect(await s.invites.consumeInvite('i3', 'u1', 10)).toBe(false);
			})
		);

		it(
			'I2 a reset code works once for its user before expiry',
			withStores(async (s) => {
				await s.invites.insertResetCode({
					id: 'r',
					userId: 'u1',
					createdBy: 'u2',
					expiresAt: 100,
					usedAt: null
				});
				expect(await s.invites.consumeResetCode('r', 'u2', 10)).toBe(false);
				expect(await s.invites.consumeResetCode('r', 'u1', 10)).toBe(true);
				expect(await s.invites.consumeResetCode('r', 'u1', 11)).toBe(false);
			})
		);

		it(
			'O1 ancestry lists the unit and its parents nearest first',
			withStores(async (s) => {
				expect((await s.org.ancestry('c')).map((u) => u.id)).toEqual(['c', 's', 'd']);
			})
		);

		it(
			'G1 a registered document is retitled in place; nothing else about it changes',
			withStores(async (s) => {
				const doc = await s.documents.register({
					id: 'ag-g1',
					kind: 'agenda',
					communityId: 'c',
					title: '旧标题',
					schemaVersion: 1,
					createdBy: 'u1'
				});
				expect(await s.documents.retitle('ag-g1', '新标题')).toBe(true);
				expect(await s.documents.get('ag-g1')).toEqual({ ...doc, title: '新标题' });
				expect(await s.documents.retitle('no-such-doc', 'x')).toBe(false);
			})
		);

		it(
			'T1 a failed transaction leaves nothing behind',
			withStores(async (s) => {
				await expect(
					s.transaction(async () => {
						await s.yjs.append('t', bytes(1), 'u1');
						throw new Error('boom');
					})
				).rejects.toThrow('boom');
				expect(await s.yjs.count('t')).toBe(0);
				await s.transaction(async () => {
					await s.yjs.append('t', bytes(2), 'u1');
				});
				expect(await s.yjs.count('t')).toBe(1);
			})
		);

		it(
			'L1 audit entries read back newest first, filtered by scope, and the log offers no way to change them',
			withStores(async (s) => {
				const entry = (action: 'login' | 'role_removed', scope: string | null, at: number) => ({
					at,
					userId: 'u1',
					action,
					target: 'user:u2',
					scope,
					detail: { n: at }
				});
				await s.audit.record(entry('login', null, 1));
				await s.audit.record(entry('role_removed', 'c', 2));
				await s.audit.record(entry('role_removed', 's', 3));
				const all = await s.audit.recent(10);
				expect(all.map((e) => e.at)).toEqual([3, 2, 1]);
				expect(all[1]).toMatchObject({ action: 'role_removed', scope: 'c', detail: { n: 2 } });
				const community = await s.audit.inScopes({ scopes: ['c'], unscoped: false, limit: 10 });
				expect(community.map((e) => e.at)).toEqual([2]);
				const district = await s.audit.inScopes({ scopes: ['c', 's'], unscoped: true, limit: 10 });
				expect(district.map((e) => e.at)).toEqual([3, 2, 1]);
				const older = await s.audit.inScopes({
					scopes: ['c', 's'],
					unscoped: true,
					limit: 10,
					before: district[0]!.id
				});
				expect(older.map((e) => e.at)).toEqual([2, 1]);
				// Append-only by construction: the interface has record and reads, nothing else.
				const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(s.audit)).filter(
					(m) => m !== 'constructor'
				);
				expect(methods.sort()).toEqual(['inScopes', 'recent', 'record']);
			})
		);

		it(
			'T2 writes from outside a transaction are not rolled back with it',
			withStores(async (s) => {
				let release!: () => void;
				const gate = new Promise<void>((r) => (release = r));
				const failing = s.transaction(async () => {
					await s.yjs.append('t', bytes(1), 'u1');
					await gate;
					throw new Error('boom');
				});
				const outside = s.yjs.append('other', bytes(2), 'u2');
				release();
				await expect(failing).rejects.toThrow('boom');
				await outside;
				expect(await s.yjs.count('t')).toBe(0);
				expect(await s.yjs.count('other')).toBe(1);
			})
		);
	});
}

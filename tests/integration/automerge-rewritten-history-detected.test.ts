import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange, readServerBoard } from '../../server/automerge/serverChange';
import { verifyHistory } from '../../server/automerge/verifyHistory';
import { joinedSocket, sendMessage } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

/**
 * Issue 5, "a rewritten history is detected": the server keeps every change hash it accepted,
 * with its author. A copy of the board whose history omits or alters a stored change is caught
 * by checking it against that record; and a writer who sends such a copy cannot remove anything
 * from the server's board (sync only ever adds), while what it adds is on record as theirs.
 */
let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

describe('a rewritten history', () => {
	it('the server copy verifies clean; a copy with the past edited is caught', async () => {
		const store = server.services.stores.automerge;
		// A recorded change to rewrite later: the secretary moves the deadline.
		const [moved] = await applyServerChange<Board>(
			server.services,
			server.boardId,
			(d) => {
				d.pledge.deadline = '2027-06-30';
			},
			'u-secretary'
		);
		const honest = await readServerBoard<Board>(server.services, server.boardId);
		expect(await verifyHistory(store, server.boardId, honest)).toEqual({
			missing: [],
			unrecorded: []
		});

		// The rewrite: the same history up to before the move, and a different change in its place
		// (the deadline never moved). It looks like a plausible board on its own.
		const parents = A.getAllChanges(honest).filter((c) => A.decodeChange(c).hash !== moved);
		let forged = A.init<Board>();
		[forged] = A.applyChanges(forged, parents);
		forged = A.change(forged, (d) => {
			d.pledge.goal = d.pledge.goal + '（未改期）';
		});
		const forgedHash = A.getHeads(forged)[0]!;
		expect(forged.pledge.deadline).toBe('2027-03-31');
		expect(await verifyHistory(store, server.boardId, forged)).toEqual({
			missing: [moved],
			unrecorded: [forgedHash]
		});
	});

	it('sent to the server by a writer, it removes nothing and its change is on record as theirs', async () => {
		const store = server.services.stores.automerge;
		const honest = await readServerBoard<Board>(server.services, server.boardId);
		const recordedBefore = (await store.recorded(server.boardId)).map((r) => r.hash);
		const last = recordedBefore.at(-1)!;
		// A writer forks from before the last recorded change and pushes its own branch.
		const kept = A.getAllChanges(honest).filter((c) => A.decodeChange(c).hash !== last);
		let fork = A.init<Board>();
		[fork] = A.applyChanges(fork, kept);
		fork = A.change(fork, (d) => {
			d.pledge.deadline = '2099-12-31';
		});
		const change = A.getLastLocalChange(fork)!;
		const ws = await joinedSocket(server, 'rc-member');
		try {
			sendMessage(ws, {
				type: 'sync',
				senderId: 'rewriter',
				targetId: 'server',
				documentId: server.boardId,
				data: A.encodeSyncMessage({
					heads: A.getHeads(fork),
					need: [],
					have: [],
					changes: [change]
				})
			});
			const hash = A.decodeChange(change).hash;
			await waitFor(async () => (await store.authorOf(server.boardId, hash)) !== null, 'the push');
			expect((await store.authorOf(server.boardId, hash))?.userId).toBe('u-rc');
			const after = await readServerBoard<Board>(server.services, server.boardId);
			// Nothing the server had is gone: the push is one more branch, merged.
			expect(A.hasHeads(after, [last])).toBe(true);
			expect(await verifyHistory(store, server.boardId, after)).toEqual({
				missing: [],
				unrecorded: []
			});
		} finally {
			ws.close();
		}
	});
});

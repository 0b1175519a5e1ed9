import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import {
	createMemoryClusterBus,
	type MemoryClusterHub
} from '../../server/cluster/createMemoryClusterBus';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { startBoardInstance, type BoardInstance } from '../helpers/boardInstances';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
let hub: MemoryClusterHub;
let a: BoardInstance;
let b: BoardInstance;

beforeAll(async () => {
	server = await startTestServer();
	hub = createMemoryClusterBus();
	a = await startBoardInstance(server, hub.connect('a'));
	b = await startBoardInstance(server, hub.connect('b'));
});
afterAll(async () => {
	await a.close();
	await b.close();
	await server.close();
});

/** `count` notes typed on one instance, syncing in batches as someone typing would. */
async function write(writer: BoardClient, label: string, count: number) {
	const handle = await writer.find<Board>(server.boardId);
	const taskId = Object.keys(handle.doc().tasks)[0] as string;
	for (let i = 0; i < count; i++) {
		handle.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, `[${label}${i}]`);
		});
		if (i % 50 === 49) await waitUntilServerHas(writer, handle);
	}
	await waitUntilServerHas(writer, handle);
	return taskId;
}

describe('compaction with two instances writing one board', () => {
	it('never drops a chunk the other instance stored, and still bounds the chunks', async () => {
		// Each instance compacts on its own count; chunks the other one stored meanwhile are
		// in the range it replaces, so its saved document must hold them too.
		const onA = await boardClient(a, 'secretary');
		const onB = await boardClient(b, 'rc-member');
		const [taskId] = await Promise.all([write(onA, 'a', 600), write(onB, 'b', 600)]);
		await onA.close();
		await onB.close();
		const chunks = await server.services.stores.automerge.chunkCount(server.boardId);
		// Each instance compacts after 200–400 of its own changes: far below 1,200 rows.
		expect(chunks).toBeLessThanOrEqual(900);

		// The board as stored, through a fresh client of a third instance that loads it afresh.
		await waitFor(
			() => a.automerge.stats().openDocuments + b.automerge.stats().openDocuments === 0,
			'both instances to unload the board'
		);
		const c = await startBoardInstance(server, hub.connect('c'));
		const fresh = await boardClient(c, 'oc-member');
		try {
			const notes = (await fresh.find<Board>(server.boardId)).doc().tasks[taskId]?.notes;
			for (let i = 0; i < 600; i++) {
				expect(notes).toContain(`[a${i}]`);
				expect(notes).toContain(`[b${i}]`);
			}
			// And the stored history matches the record of every change either instance accepted.
			const check = await waitFor(() => c.automerge.historyCheck(server.boardId), 'the check');
			expect(check).toEqual({ missing: [], unrecorded: [] });
		} finally {
			await fresh.close();
			await c.close();
		}
	});
});

import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

describe('compaction', () => {
	it('keeps stored chunks bounded after 1,000 changes, and a fresh client sees all of them', async () => {
		const store = server.services.stores.automerge;
		const writer = await boardClient(server, 'secretary');
		const handle = await writer.find<Board>(server.boardId);
		const taskId = Object.keys(handle.doc().tasks)[0] as string;
		let most = 0;
		for (let i = 0; i < 1000; i++) {
			handle.change((d) => {
				A.splice(d, ['tasks', taskId, 'notes'], 0, 0, `[${i}]`);
			});
			// Let the client's throttled sync send batches as it would while someone types.
			if (i % 50 === 49) {
				await waitUntilServerHas(writer, handle);
				most = Math.max(most, await store.chunkCount(server.boardId));
			}
		}
		await waitUntilServerHas(writer, handle);
		await writer.close();
		// 1,001 changes stored one chunk each would be 1,001 rows; compaction keeps them near
		// the threshold.
		most = Math.max(most, await store.chunkCount(server.boardId));
		expect(most).toBeLessThanOrEqual(260);

		// Unload the board so the fresh client's copy comes from what was stored, not memory.
		await waitFor(() => server.services.automerge.stats().openDocuments === 0, 'the unload');
		const fresh = await boardClient(server, 'rc-member');
		try {
			const board = (await fresh.find<Board>(server.boardId)).doc();
			const notes = board.tasks[taskId]?.notes ?? '';
			for (let i = 0; i < 1000; i++) expect(notes).toContain(`[${i}]`);
		} finally {
			await fresh.close();
		}
	});
});

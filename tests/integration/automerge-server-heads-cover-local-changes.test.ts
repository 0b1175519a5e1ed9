import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, serverHasAllChanges, waitUntilServerHas } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

describe('a client learns when the server holds its changes', () => {
	it('announces a stable storage id and reports server heads that cover a new change', async () => {
		const client = await boardClient(server, 'secretary');
		try {
			const handle = await client.find<Board>(server.boardId);
			expect(handle.doc().title).toBeTruthy();
			const storageId = await waitFor(() => client.serverStorageId(), 'the peer message');
			// Restarting the endpoint must not change the id clients key the server's heads by.
			expect(storageId).toMatch(/^[0-9a-f-]{36}$/);

			const firstTask = Object.keys(handle.doc().tasks)[0] as string;
			handle.change((d) => {
				A.splice(d, ['tasks', firstTask, 'notes'], 0, 0, 'heads-check ');
			});
			// Right after a local change the server cannot have it yet.
			expect(serverHasAllChanges(client, handle)).toBe(false);
			const seen: unknown[] = [];
			handle.on('remote-heads', (e) => seen.push(e.storageId));
			await waitUntilServerHas(client, handle);
			expect(seen).toContain(storageId);
			expect(
				await server.services.stores.automerge.authorOf(
					server.boardId,
					A.getHeads(handle.doc())[0] as string
				)
			).not.toBeNull();
		} finally {
			await client.close();
		}
	});
});

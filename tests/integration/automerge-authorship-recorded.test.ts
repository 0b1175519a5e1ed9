import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas } from '../helpers/automergeClient';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.close();
});

describe('the authorship record', () => {
	it("holds the session's user for every change it accepted, whatever the client claims", async () => {
		// The client claims to be the secretary's peer and writes a secretary actor id; the
		// session says rc-member, and that is what the record must say.
		const client = await boardClient(server, 'rc-member', { peerId: 'u-secretary' });
		try {
			const handle = await client.find<Board>(server.boardId);
			const taskId = Object.keys(handle.doc().tasks)[0] as string;
			const started = Date.now();
			for (let i = 0; i < 3; i++) {
				handle.change((d) => {
					A.splice(d, ['tasks', taskId, 'notes'], 0, 0, `rc${i} `);
				});
			}
			await waitUntilServerHas(client, handle);
			const mine = A.getChangesMetaSince(handle.doc(), []).filter(
				(c) => c.actor === A.getActorId(handle.doc())
			);
			expect(mine).toHaveLength(3);
			for (const change of mine) {
				const author = await server.services.stores.automerge.authorOf(server.boardId, change.hash);
				expect(author?.userId).toBe('u-rc');
				expect(author?.at).toBeGreaterThanOrEqual(started);
			}
		} finally {
			await client.close();
		}
	});
});

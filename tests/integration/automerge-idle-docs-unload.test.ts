import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ config: { unloadAfterMs: 300 } });
});
afterAll(async () => {
	await server.close();
});

const health = async () =>
	(await (await fetch(`${server.url}/healthz`)).json()) as {
		automerge: { connections: number; openDocuments: number };
	};

describe('idle boards', () => {
	it('unload soon after the last client leaves, and load again on the next', async () => {
		const client = await boardClient(server, 'secretary');
		await client.find<Board>(server.boardId);
		expect((await health()).automerge).toMatchObject({ connections: 1, openDocuments: 1 });
		await client.close();
		const left = Date.now();
		await waitFor(
			async () => (await health()).automerge.openDocuments === 0,
			'the board to unload',
			2000
		);
		expect(Date.now() - left).toBeLessThan(2000);
		expect((await health()).automerge.connections).toBe(0);

		const again = await boardClient(server, 'secretary');
		const handle = await again.find<Board>(server.boardId);
		expect(Object.keys(handle.doc().tasks).length).toBeGreaterThan(0);
		expect(server.services.automerge.stats().openDocuments).toBe(1);
		await again.close();
	});
});

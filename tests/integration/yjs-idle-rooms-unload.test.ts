import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, paragraph, paragraphText } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ config: { unloadAfterMs: 300 } });
});
afterAll(async () => {
	await server?.close();
});

async function openDocuments(): Promise<number> {
	const res = await fetch(`${server.url}/healthz`);
	const body = (await res.json()) as { yjs: { openDocuments: number; connections: number } };
	return body.yjs.openDocuments;
}

test('a room unloads shortly after its last client leaves, and reloads intact', async () => {
	const a = await openAgenda(server, 'secretary');
	const b = await openAgenda(server, 'resident');
	paragraph(a.doc).insert(0, 'before unload ');
	await waitFor(() => paragraphText(b.doc).includes('before unload'), 'the edit to reach b');
	expect(await openDocuments()).toBe(1);
	a.destroy();
	b.destroy();
	const left = Date.now();
	await waitFor(async () => (await openDocuments()) === 0, 'the room to unload', 2_000);
	expect(Date.now() - left).toBeLessThan(2_000);
	expect(server.services.yjs.stats().connections).toBe(0);

	const again = await openAgenda(server, 'resident');
	expect(paragraphText(again.doc)).toContain('before unload');
	expect(await openDocuments()).toBe(1);
	again.destroy();
});

test('a client rejoining before the unload delay keeps the room open', async () => {
	const a = await openAgenda(server, 'secretary');
	a.destroy();
	const b = await openAgenda(server, 'secretary');
	await new Promise((r) => setTimeout(r, 600));
	expect(await openDocuments()).toBe(1);
	b.destroy();
	await waitFor(async () => (await openDocuments()) === 0, 'the room to unload', 2_000);
});

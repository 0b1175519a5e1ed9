import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, paragraph, paragraphText } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const rows = () => server.services.stores.yjs.count(server.agendaId);

test('a reconnecting writer stores nothing new, while a real deletion is still stored', async () => {
	const writer = await openAgenda(server, 'secretary');
	const before = await rows();
	paragraph(writer.doc).insert(0, 'abcdef ');
	await waitFor(async () => (await rows()) === before + 1, 'the insert to be stored');
	// A deletion-only update carries no structs; it must still be stored.
	paragraph(writer.doc).delete(0, 3);
	await waitFor(async () => (await rows()) === before + 2, 'the deletion to be stored');

	// Reconnecting sends a sync step 2 with the whole delete set the server already has.
	for (let i = 0; i < 3; i++) {
		writer.provider.disconnect();
		writer.provider.connect();
		await waitFor(() => writer.provider.synced, 'the writer to resync');
	}
	await new Promise((r) => setTimeout(r, 300));
	expect(await rows()).toBe(before + 2);

	const fresh = await openAgenda(server, 'rc-member');
	expect(paragraphText(fresh.doc).startsWith('def ')).toBe(true);
	writer.destroy();
	fresh.destroy();
});

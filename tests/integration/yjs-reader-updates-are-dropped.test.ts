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

test("a reader's update is never relayed nor stored, while the reader still receives edits", async () => {
	const writer = await openAgenda(server, 'secretary');
	const reader = await openAgenda(server, 'resident');
	const rowsBefore = await server.services.stores.yjs.count(server.agendaId);

	paragraph(reader.doc).insert(0, 'READER-EDIT ');
	await waitFor(
		() => server.logs.some((l) => l.includes('dropped an update from u-resident')),
		'the drop to be logged'
	);
	// Give a relay every chance to arrive before asserting it did not.
	await new Promise((r) => setTimeout(r, 300));
	expect(paragraphText(writer.doc)).not.toContain('READER-EDIT');
	expect(await server.services.stores.yjs.count(server.agendaId)).toBe(rowsBefore);
	const stored = await server.services.stores.yjs.load(server.agendaId);
	const decoder = new TextDecoder();
	expect(stored.updates.some((u) => decoder.decode(u).includes('READER-EDIT'))).toBe(false);

	paragraph(writer.doc).insert(0, 'WRITER-EDIT ');
	await waitFor(
		() => paragraphText(reader.doc).includes('WRITER-EDIT'),
		'the reader to receive it'
	);
	writer.destroy();
	reader.destroy();
});

import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { YJS_LIMITS } from '../../server/yjs/limits';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, paragraph, paragraphText, waitForAck } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

test('2,000 small updates that never pause: the stored rows stay bounded by the document, and a fresh client gets all text', async () => {
	const a = await openAgenda(server, 'secretary');
	const b = await openAgenda(server, 'pm-staff');
	let maxRows = 0;
	let worstRatio = 0;
	const total = 2000;
	for (let i = 0; i < total; i++) {
		// Two writers, so compaction runs while the other's appends are in flight.
		const writer = i % 2 === 0 ? a : b;
		const text = paragraph(writer.doc);
		text.insert(text.length, `<${i}>`);
		if (i % 100 === 99) {
			// Paced below the flood limit, and the ack makes each batch stored before the next.
			await Promise.all([waitForAck(a, i), waitForAck(b, i)]);
			maxRows = Math.max(maxRows, await server.services.stores.yjs.count(server.agendaId));
			// The writers never pause, so compaction is forced: once the rows weigh
			// `compactForceFactor` times the last snapshot. What is stored stays within that
			// multiple of the document itself (plus the batch still arriving).
			const { updates } = await server.services.stores.yjs.load(server.agendaId);
			const stored = updates.reduce((sum, u) => sum + u.byteLength, 0);
			const state = Y.encodeStateAsUpdate(a.doc).byteLength;
			worstRatio = Math.max(worstRatio, (stored - 100 * 64) / state);
		}
	}
	expect(maxRows).toBeLessThanOrEqual(YJS_LIMITS.compactMaxRows);
	// Without a compaction mid-stream the last count alone would be past `total`.
	expect(maxRows).toBeLessThan(total);
	expect(worstRatio).toBeLessThanOrEqual(YJS_LIMITS.compactForceFactor + 0.5);
	expect(server.logs.filter((l) => l.includes('compaction failed'))).toEqual([]);
	await waitFor(() => paragraphText(a.doc) === paragraphText(b.doc), 'the writers to converge');
	const expected = paragraphText(a.doc);
	a.destroy();
	b.destroy();
	// Load from the compacted rows, not from the room still in memory.
	await waitFor(() => server.services.yjs.stats().openDocuments === 0, 'the room to unload');

	const fresh = await openAgenda(server, 'resident');
	const text = paragraphText(fresh.doc);
	expect(text).toBe(expected);
	for (let i = 0; i < total; i++) expect(text).toContain(`<${i}>`);
	fresh.destroy();
});

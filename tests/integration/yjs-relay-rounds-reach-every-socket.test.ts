import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MESSAGE_SYNC, SYNC_UPDATE } from '../../src/lib/domain/yjsProtocol';
import { YJS_LIMITS } from '../../server/yjs/limits';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import {
	openAgenda,
	openRawReplica,
	paragraph,
	paragraphText,
	updateFrame
} from '../helpers/yjsClient';

// More readers than one relay slice, so every edit below lands while a round is under way: the
// relay must still bring every socket every edit, and never a writer its own.
const READERS = YJS_LIMITS.relaySlice * 3 + 7;

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ config: { maxSocketsPerUser: READERS + 10 } });
});
afterAll(async () => {
	await server?.close();
});

/** A raw replica (synced from empty, fed every sync frame) that also keeps its update frames. */
async function replica(username: string) {
	const { doc, socket } = await openRawReplica(server, username);
	const updateTexts: string[] = [];
	socket.ws.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		if (decoding.readVarUint(decoder) === SYNC_UPDATE) {
			updateTexts.push(new TextDecoder().decode(decoding.readVarUint8Array(decoder)));
		}
	});
	return { doc, socket, updateTexts };
}

test('edits made while a round is under way reach every reader, and no writer gets its own back', async () => {
	const readers = await Promise.all(Array.from({ length: READERS }, () => replica('resident')));
	const a = await openAgenda(server, 'secretary');
	// The second writer is raw, so every update frame it is sent can be read.
	const b = await replica('rc-member');
	b.doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === 'server') return;
		b.socket.ws.send(updateFrame(update));
	});

	for (let i = 0; i < 40; i++) {
		paragraph(a.doc).insert(0, `<A${i}>`);
		paragraph(b.doc).insert(0, `<B${i}>`);
		// Spread over many turns, so edits arrive at every point of a round.
		if (i % 3 === 0) await new Promise((r) => setImmediate(r));
		if (i % 10 === 0) await new Promise((r) => setTimeout(r, 5));
	}

	const expectedMarkers = (text: string) =>
		Array.from({ length: 40 }, (_, i) => [`<A${i}>`, `<B${i}>`]).every(([x, y]) =>
			[x, y].every((m) => text.includes(m as string))
		);
	await waitFor(() => expectedMarkers(paragraphText(a.doc)), 'writer a to hold every edit', 20_000);
	const final = paragraphText(a.doc);
	await waitFor(
		() => paragraphText(b.doc) === final && readers.every((r) => paragraphText(r.doc) === final),
		'every replica to match writer a',
		20_000
	);
	// The raw writer was sent a's edits and none of its own.
	expect(b.updateTexts.some((t) => t.includes('<A'))).toBe(true);
	expect(b.updateTexts.filter((t) => t.includes('<B'))).toEqual([]);

	a.destroy();
	for (const r of [...readers, b]) r.socket.ws.close();
});

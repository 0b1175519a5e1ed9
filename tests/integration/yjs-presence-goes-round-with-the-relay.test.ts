import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS } from '../../src/lib/domain/yjsProtocol';
import { YJS_LIMITS } from '../../server/yjs/limits';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, openRawSocket } from '../helpers/yjsClient';

// More readers than one relay slice: presence goes round them in slices, like updates.
const READERS = YJS_LIMITS.relaySlice * 2 + 5;
const CHANGES = 30;

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ config: { maxSocketsPerUser: READERS + 10 } });
});
afterAll(async () => {
	await server?.close();
});

/** The entries of an awareness frame: client id → [clock, state]. */
function awarenessEntries(frame: Uint8Array): Map<number, [number, unknown]> | null {
	const decoder = decoding.createDecoder(frame);
	if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return null;
	const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
	const entries = new Map<number, [number, unknown]>();
	for (let n = decoding.readVarUint(update); n > 0; n--) {
		const clientId = decoding.readVarUint(update);
		const clock = decoding.readVarUint(update);
		entries.set(clientId, [clock, JSON.parse(decoding.readVarString(update)) as unknown]);
	}
	return entries;
}

function awarenessFrame(awareness: Awareness): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [awareness.clientID]));
	return encoding.toUint8Array(encoder);
}

test('a burst of presence changes reaches every reader as its latest state, not as one frame per change', async () => {
	const readers = await Promise.all(
		Array.from({ length: READERS }, () => openRawSocket(server, 'resident', { sync: true }))
	);
	const writer = await openRawSocket(server, 'secretary', { sync: true });
	const caret = new Awareness(new Y.Doc());
	// Thirty caret moves sent at once, as a fast typist's client might after a stall.
	for (let i = 0; i < CHANGES; i++) {
		caret.setLocalState({ cursor: { anchor: i } });
		writer.ws.send(awarenessFrame(caret));
	}
	const framesWithCaret = (received: Uint8Array[]) =>
		received.map(awarenessEntries).filter((e) => e?.has(caret.clientID)) as Map<
			number,
			[number, unknown]
		>[];
	const latest = (received: Uint8Array[]) => framesWithCaret(received).at(-1)?.get(caret.clientID);
	await waitFor(
		() =>
			readers.every(
				(r) => (latest(r.received)?.[1] as { cursor?: { anchor: number } })?.cursor?.anchor === 29
			),
		'every reader to hold the last caret position'
	);
	for (const r of readers) {
		// Sent one by one this was thirty frames to every reader; each change after the first
		// joined a round under way, so a reader got a handful at most.
		expect(framesWithCaret(r.received).length).toBeLessThanOrEqual(5);
		// Clocks only go up: a reader never sees an older state after a newer one.
		const clocks = framesWithCaret(r.received).map((e) => e.get(caret.clientID)?.[0] as number);
		expect(clocks).toEqual([...clocks].sort((a, b) => a - b));
	}
	for (const r of [...readers, writer]) r.ws.close();
});

test('someone who opens the agenda is sent who is already editing, without waiting for a renewal', async () => {
	const editor = await openAgenda(server, 'oc-member');
	const first = await openAgenda(server, 'rc-member');
	editor.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
	// Once someone already there has it, the server has it.
	await waitFor(
		() => first.provider.awareness.getStates().get(editor.doc.clientID)?.cursor !== undefined,
		'the caret at a socket already open'
	);
	// The editor's client renews its presence only every 15 s; a newcomer must not wait for that.
	const newcomer = await openAgenda(server, 'resident');
	const seen = await waitFor(
		() => newcomer.provider.awareness.getStates().get(editor.doc.clientID),
		"the editor's presence at the newcomer",
		3_000
	);
	expect(seen.cursor).toEqual({ anchor: 3 });
	// Identity comes from the server, whatever the client claimed.
	expect((seen.user as { id: string }).id).toBe('u-oc');
	for (const c of [editor, first, newcomer]) c.destroy();
});

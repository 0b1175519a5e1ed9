import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '../../src/lib/domain/yjsProtocol';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import {
	openAgenda,
	openRawSocket,
	paragraph,
	paragraphText,
	syncStep1Of
} from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/** How many sync frames (step 2 or update) a socket was sent that carry `marker`. */
function framesCarrying(received: Uint8Array[], marker: string): number {
	return received.filter((frame) => {
		const d = decoding.createDecoder(frame);
		if (decoding.readVarUint(d) !== MESSAGE_SYNC) return false;
		decoding.readVarUint(d);
		return new TextDecoder().decode(decoding.readVarUint8Array(d)).includes(marker);
	}).length;
}

// A phone reconnecting after offline work joins a room where the other side's offline work may
// land before its sync step 1 is answered. The step 2 it gets holds that work; the relay must not
// send it again (on a reconnect that was the other side's whole offline diff, decoded twice).
test('a socket gets an edit applied before its sync step 1 once, in its step 2, and later edits once each', async () => {
	const writer = await openAgenda(server, 'secretary');
	const watcher = await openRawSocket(server, 'resident', { sync: true });
	const joining = await openRawSocket(server, 'rc-member');

	paragraph(writer.doc).insert(0, 'BEFORE-STEP1 ');
	// Relayed to the synced watcher, so the relay has gone round every socket with this edit.
	await waitFor(() => framesCarrying(watcher.received, 'BEFORE-STEP1') > 0, 'the edit relayed');
	await new Promise((r) => setTimeout(r, 50));
	expect(framesCarrying(joining.received, 'BEFORE-STEP1')).toBe(0);

	const replica = new Y.Doc();
	joining.ws.send(syncStep1Of(replica));
	await waitFor(() => framesCarrying(joining.received, 'BEFORE-STEP1') > 0, 'the step 2');

	paragraph(writer.doc).insert(0, 'AFTER-STEP1 ');
	await waitFor(() => framesCarrying(joining.received, 'AFTER-STEP1') > 0, 'the later edit');
	// Give a repeat every chance to arrive before asserting there is none.
	await new Promise((r) => setTimeout(r, 200));
	expect(framesCarrying(joining.received, 'BEFORE-STEP1')).toBe(1);
	expect(framesCarrying(joining.received, 'AFTER-STEP1')).toBe(1);
	expect(paragraphText(writer.doc)).toContain('AFTER-STEP1 BEFORE-STEP1');

	writer.destroy();
	watcher.ws.close();
	joining.ws.close();
});

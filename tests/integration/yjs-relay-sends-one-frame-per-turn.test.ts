import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MESSAGE_SYNC, SYNC_UPDATE } from '../../src/lib/domain/yjsProtocol';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, openRawSocket, paragraph, paragraphText } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

/** The updates in the sync-update frames a raw socket received, as text (strings are verbatim). */
function updateFrames(received: Uint8Array[]): string[] {
	const out: string[] = [];
	for (const frame of received) {
		const d = decoding.createDecoder(frame);
		if (decoding.readVarUint(d) !== MESSAGE_SYNC || decoding.readVarUint(d) !== SYNC_UPDATE)
			continue;
		out.push(new TextDecoder().decode(decoding.readVarUint8Array(d)));
	}
	return out;
}

test('updates applied in one turn reach a reader as one merged frame, and each writer gets the others', async () => {
	const a = await openAgenda(server, 'secretary');
	const b = await openAgenda(server, 'rc-member');
	const reader = await openRawSocket(server, 'resident', { sync: true });
	const before = updateFrames(reader.received).length;

	// Sent in one synchronous block, so the in-process server reads all three in one turn.
	paragraph(a.doc).insert(0, 'EDIT-A1 ');
	paragraph(a.doc).insert(0, 'EDIT-A2 ');
	paragraph(b.doc).insert(0, 'EDIT-B1 ');

	await waitFor(() => updateFrames(reader.received).length > before, 'a relayed frame');
	await waitFor(() => paragraphText(a.doc).includes('EDIT-B1'), 'writer a to get b’s edit');
	await waitFor(() => paragraphText(b.doc).includes('EDIT-A2'), 'writer b to get a’s edits');
	// Give a second frame every chance to arrive before asserting there is none.
	await new Promise((r) => setTimeout(r, 300));
	const frames = updateFrames(reader.received).slice(before);
	expect(frames).toHaveLength(1);
	for (const edit of ['EDIT-A1', 'EDIT-A2', 'EDIT-B1']) expect(frames[0]).toContain(edit);
	expect(paragraphText(b.doc)).toContain('EDIT-A1');

	a.destroy();
	b.destroy();
	reader.ws.close();
});

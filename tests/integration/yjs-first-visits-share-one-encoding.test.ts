import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import {
	openAgenda,
	openRawReplica,
	openRawSocket,
	paragraph,
	paragraphText,
	updateFrame
} from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const encoded = () => server.services.yjs.stats().fullStatesEncoded ?? 0;

/** A first visit: nothing stored, so its step 1 carries an empty state vector. */
async function firstVisit() {
	const { doc, socket } = await openRawReplica(server, 'resident');
	return { doc, close: () => socket.ws.close() };
}

// A live meeting opening: most residents arrive with nothing stored, and each asks for the whole
// agenda. It is encoded once and the same answer sent to each until the document changes — and
// any change, a deletion or structs Yjs must hold back (pending) included, makes a new one.
test('first visits share one encoding of the agenda until any transaction, pending structs included', async () => {
	const writer = await openAgenda(server, 'secretary');
	const first = await firstVisit();
	const before = encoded();
	const again = [await firstVisit(), await firstVisit()];
	expect(encoded()).toBe(before);
	for (const v of again) expect(paragraphText(v.doc)).toBe(paragraphText(first.doc));

	paragraph(writer.doc).insert(0, 'EDIT-1 ');
	await waitFor(() => paragraphText(first.doc).includes('EDIT-1'), 'the edit relayed');
	const afterEdit = await firstVisit();
	expect(paragraphText(afterEdit.doc)).toContain('EDIT-1');
	expect(encoded()).toBe(before + 1);

	paragraph(writer.doc).delete(0, 'EDIT-1 '.length);
	await waitFor(() => !paragraphText(first.doc).includes('EDIT-1'), 'the deletion relayed');
	const afterDeletion = await firstVisit();
	expect(paragraphText(afterDeletion.doc)).not.toContain('EDIT-1');

	// An update that needs one the server has not got: Yjs holds its structs as pending. A first
	// visit after it must carry them, because the relay already went past that update.
	const member = await openRawSocket(server, 'rc-member', { sync: true });
	const own = new Y.Doc();
	Y.applyUpdate(own, Y.encodeStateAsUpdate(afterDeletion.doc));
	const updates: Uint8Array[] = [];
	own.on('update', (u: Uint8Array) => updates.push(u));
	paragraph(own).insert(0, 'DEP-');
	paragraph(own).insert(4, 'PENDING ');
	const [dependency, dependent] = updates as [Uint8Array, Uint8Array];
	member.ws.send(updateFrame(dependent));
	// Stored and applied (held back) before the next visit asks.
	await new Promise((r) => setTimeout(r, 300));
	const duringPending = await firstVisit();
	expect(paragraphText(duringPending.doc)).not.toContain('PENDING');
	member.ws.send(updateFrame(dependency));
	await waitFor(
		() => paragraphText(duringPending.doc).startsWith('DEP-PENDING '),
		'the held-back edit to show once its dependency arrives'
	);
	expect(paragraphText(writer.doc)).toBe(paragraphText(duringPending.doc));

	for (const v of [first, ...again, afterEdit, afterDeletion, duringPending]) v.close();
	member.ws.close();
	writer.destroy();
	own.destroy();
});

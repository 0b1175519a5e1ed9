import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC, SYNC_STEP2 } from '../../src/lib/domain/yjsProtocol';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, openRawSocket, paragraph, paragraphText } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

function step2Frame(update: Uint8Array) {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

// Found by the convergence fuzz: a stock client answering a delayed or repeated sync step 1 sends
// its whole state since that old state vector, other users' edits included. The server used to
// read those as claims on the other users' client ids and cut the writer off (4403) for good.
test("a sync step 2 that re-sends other users' edits the server already has is accepted", async () => {
	const secretary = await openAgenda(server, 'secretary');
	paragraph(secretary.doc).insert(0, '<secretary>');
	const rc = await openAgenda(server, 'rc-member');
	await waitFor(() => paragraphText(rc.doc).includes('<secretary>'), 'rc-member to receive');

	// rc-member answers the empty state vector: everything it has, the secretary's edit included,
	// plus one edit of its own.
	const mine = new Y.Doc();
	Y.applyUpdate(mine, Y.encodeStateAsUpdate(rc.doc));
	paragraph(mine).insert(0, '<rc-own>');
	const raw = await openRawSocket(server, 'rc-member');
	raw.ws.send(step2Frame(Y.encodeStateAsUpdate(mine)));

	await waitFor(() => paragraphText(secretary.doc).includes('<rc-own>'), 'the edit to arrive');
	expect(server.logs.filter((l) => l.includes('belongs to another user'))).toEqual([]);
	raw.ws.close();
	secretary.destroy();
	rc.destroy();
	mine.destroy();
});

// New content under another user's client id is still refused: tests/integration/
// yjs-client-id-bound-to-user.test.ts checks that, unchanged.

import { afterAll, beforeAll, expect, test } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
	MESSAGE_ACK,
	MESSAGE_SYNC,
	SYNC_UPDATE,
	encodeAck
} from '../../src/lib/domain/yjsProtocol';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openRawSocket, paragraph } from '../helpers/yjsClient';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

test('an ack is answered only after every earlier update from that socket is stored', async () => {
	const raw = await openRawSocket(server, 'pm-staff');
	const rowsBefore = await server.services.stores.yjs.count(server.agendaId);
	const stored = new Map<number, number>();
	raw.ws.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== MESSAGE_ACK) return;
		const seq = decoding.readVarUint(decoder);
		// Read the store at the moment the ack arrives.
		void server.services.stores.yjs.count(server.agendaId).then((n) => stored.set(seq, n));
	});

	const doc = new Y.Doc();
	Y.applyUpdate(doc, (await server.services.stores.yjs.load(server.agendaId)).updates[0]!);
	const edits = 20;
	for (let i = 0; i < edits; i++) {
		const before = Y.encodeStateVector(doc);
		paragraph(doc).insert(0, `(${i})`);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		encoding.writeVarUint(encoder, SYNC_UPDATE);
		encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, before));
		raw.ws.send(encoding.toUint8Array(encoder));
	}
	raw.ws.send(encodeAck(7));
	await waitFor(() => stored.has(7), 'the ack');
	expect(stored.get(7)).toBe(rowsBefore + edits);
	raw.ws.close();
});

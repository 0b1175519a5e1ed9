import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import {
	openAgenda,
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

test("an update using another user's client id is refused and not stored", async () => {
	const secretary = await openAgenda(server, 'secretary');
	paragraph(secretary.doc).insert(0, 'mine ');
	await waitFor(
		async () =>
			(await server.services.stores.yjs.clientOwners(server.agendaId)).get(
				secretary.doc.clientID
			) === 'u-secretary',
		"the secretary's client id to be bound"
	);
	const rowsBefore = await server.services.stores.yjs.count(server.agendaId);

	// rc-member forges an edit under the secretary's client id.
	const forged = new Y.Doc();
	Y.applyUpdate(forged, Y.encodeStateAsUpdate(secretary.doc));
	forged.clientID = secretary.doc.clientID;
	const before = Y.encodeStateVector(forged);
	paragraph(forged).insert(0, 'FORGED ');
	const raw = await openRawSocket(server, 'rc-member');
	raw.ws.send(updateFrame(Y.encodeStateAsUpdate(forged, before)));

	expect(await raw.closed).toBe(CLOSE.forbidden);
	await new Promise((r) => setTimeout(r, 200));
	expect(paragraphText(secretary.doc)).not.toContain('FORGED');
	expect(await server.services.stores.yjs.count(server.agendaId)).toBe(rowsBefore);
	expect(server.logs.some((l) => l.includes('belongs to another user'))).toBe(true);
	secretary.destroy();
});

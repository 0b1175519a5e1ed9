import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
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

/**
 * A V1 update that `Y.decodeUpdate` accepts but `Y.applyUpdate` throws on: one string item
 * whose origin is a clock of its own client that was never written (Yjs checks missing origins
 * of other clients only). The fuzzer found bytes of this kind.
 */
function selfOriginUpdate(client: number, validFirst = false): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1); // clients
	encoding.writeVarUint(e, validFirst ? 2 : 1); // structs of that client
	encoding.writeVarUint(e, client);
	encoding.writeVarUint(e, 0); // first clock
	if (validFirst) {
		// A well-formed item first ("ok" at the start of root text `scratch`), so Yjs integrates
		// something before it meets the bad one.
		encoding.writeUint8(e, 4); // string content, no origins: parent info follows
		encoding.writeVarUint(e, 1); // the parent is a root type, by name
		encoding.writeVarString(e, 'scratch');
		encoding.writeVarString(e, 'ok');
	}
	encoding.writeUint8(e, 4 | 0x80); // string content, origin present
	encoding.writeVarUint(e, client);
	encoding.writeVarUint(e, 50);
	encoding.writeVarString(e, 'POISON');
	encoding.writeVarUint(e, 0); // no deletions
	return encoding.toUint8Array(e);
}

test('an update that decodes but cannot be applied is removed from disk and the room reloads', async () => {
	const bad = selfOriginUpdate(987654321);
	expect(Y.decodeUpdate(bad).structs).toHaveLength(1);

	const bystander = await openAgenda(server, 'secretary');
	paragraph(bystander.doc).insert(0, 'before ');
	await waitFor(
		async () =>
			(await server.services.stores.yjs.load(server.agendaId)).updates.length >= 2 &&
			paragraphText(bystander.doc).startsWith('before'),
		'the first edit to be stored'
	);
	const rowsBefore = await server.services.stores.yjs.count(server.agendaId);

	const raw = await openRawSocket(server, 'rc-member');
	raw.ws.send(updateFrame(bad));
	expect(await raw.closed).toBe(CLOSE.badMessage);
	expect(await server.services.stores.yjs.count(server.agendaId)).toBe(rowsBefore);
	expect(server.logs.some((l) => l.includes('decoded but failed to apply'))).toBe(true);

	// Nothing was integrated before Yjs threw, so the bystander's socket stays open and it edits on.
	expect(bystander.provider.wsconnected).toBe(true);
	paragraph(bystander.doc).insert(0, 'after ');
	const fresh = await openAgenda(server, 'oc-member');
	await waitFor(
		() => paragraphText(fresh.doc).startsWith('after before'),
		'the later edit to arrive'
	);
	expect(paragraphText(fresh.doc)).not.toContain('POISON');

	// Compaction still works on the document (a kept bad row used to switch it off for good).
	const stored = await server.services.stores.yjs.load(server.agendaId);
	for (const u of stored.updates) expect(() => Y.applyUpdate(new Y.Doc(), u)).not.toThrow();
	bystander.destroy();
	fresh.destroy();
});

test('an update that failed part-way is dropped from memory too, with no socket closed', async () => {
	const bad = selfOriginUpdate(123456789, true);
	expect(Y.decodeUpdate(bad).structs).toHaveLength(2);
	const bystander = await openAgenda(server, 'secretary');
	const raw = await openRawSocket(server, 'rc-member');
	raw.ws.send(updateFrame(bad));
	expect(await raw.closed).toBe(CLOSE.badMessage);

	// Memory held half of it; the room reloaded from disk, so a newcomer never sees it.
	await waitFor(() => server.logs.some((l) => l.includes('reloaded from disk')), 'the reload');
	const fresh = await openAgenda(server, 'oc-member');
	expect(fresh.doc.getText('scratch').length).toBe(0);
	paragraph(fresh.doc).insert(0, 'still ');
	await waitFor(
		() => paragraphText(bystander.doc).startsWith('still'),
		'the edit to reach the bystander'
	);
	expect(bystander.provider.wsconnected).toBe(true);
	bystander.destroy();
	fresh.destroy();
});

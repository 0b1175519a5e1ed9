import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { openAgenda, openRawSocket } from '../helpers/yjsClient';
import { MESSAGE_ACK, encodeAck } from '../../src/lib/domain/yjsProtocol';

/**
 * Issue 3 item 5, the half yjs-awareness-is-server-identity does not cover: a client that writes
 * awareness entries under ANOTHER connection's client id — to rename it, or to remove it (a
 * null state is how y-protocols says "gone") — neither impersonates nor disconnects that user.
 */
let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

const MESSAGE_AWARENESS = 1;

/** A y-protocols awareness message with one entry, as a hostile client would build it. */
function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
	const update = encoding.createEncoder();
	encoding.writeVarUint(update, 1);
	encoding.writeVarUint(update, clientId);
	encoding.writeVarUint(update, clock);
	encoding.writeVarString(update, JSON.stringify(state));
	const msg = encoding.createEncoder();
	encoding.writeVarUint(msg, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(msg, encoding.toUint8Array(update));
	return encoding.toUint8Array(msg);
}

test("awareness sent under another connection's client id neither renames nor removes it", async () => {
	const victim = await openAgenda(server, 'secretary');
	const observer = await openAgenda(server, 'rc-member');
	victim.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
	const victimId = victim.doc.clientID;
	await waitFor(
		() => observer.provider.awareness.getStates().get(victimId),
		"the secretary's presence at the observer"
	);

	const attacker = await openRawSocket(server, 'oc-member');
	attacker.ws.send(awarenessMessage(victimId, 1_000_000, { user: { name: '王建华' }, cursor: 9 }));
	attacker.ws.send(awarenessMessage(victimId, 1_000_001, null));
	// The app's ack (type 100) is answered once every earlier message of this socket is handled.
	attacker.ws.send(encodeAck(7));
	await waitFor(() => attacker.received.some((m) => m[0] === MESSAGE_ACK), 'the attacker ack');
	// And give the relay to the observer the same chance it would have had.
	await new Promise((r) => setTimeout(r, 200));
	const seen = observer.provider.awareness.getStates().get(victimId);
	expect(seen?.user).toEqual({ id: 'u-secretary', name: '王建华', committee: 'secretary' });
	expect(seen?.cursor).toEqual({ anchor: 3 });
	expect(victim.provider.ws?.readyState).toBe(WebSocket.OPEN);
	expect(victim.provider.wsconnected).toBe(true);
	// The victim still edits and is still heard.
	victim.provider.awareness.setLocalStateField('cursor', { anchor: 4 });
	await waitFor(
		() =>
			(observer.provider.awareness.getStates().get(victimId)?.cursor as { anchor: number })
				?.anchor === 4,
		"the secretary's next presence update"
	);
	attacker.ws.close();
	victim.destroy();
	observer.destroy();
});

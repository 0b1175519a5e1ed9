import * as A from '@automerge/automerge';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSyncPeer } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
const sockets: WebSocket[] = [];
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const ws of sockets) ws.close();
	await server.close();
});

/** What the server sent a peer, decoded. */
const decoded = (received: Uint8Array[]) =>
	received.map((data) => {
		const m = A.decodeSyncMessage(data);
		return { heads: m.heads, have: m.have, changes: m.changes.length };
	});

async function syncingPeer(username: string, start: A.Doc<unknown>) {
	const peer = await rawSyncPeer(server, username, start);
	sockets.push(peer.ws);
	return peer;
}

const quiet = () => new Promise((r) => setTimeout(r, 300));

describe('the first sync of a board the client lacked', () => {
	it('is settled with one heads-only message after the client acknowledges it', async () => {
		const peer = await syncingPeer('secretary', A.init());
		await waitFor(() => peer.received.length >= 2, 'the board and the settling message');
		await quiet();
		const [board, settle, ...rest] = decoded(peer.received);
		expect(board?.changes).toBeGreaterThan(0);
		const heads = A.getHeads(peer.doc());
		// Automerge keeps a document received in one piece at several times its size until the
		// next sync message reaches it; this is that message, and it asks for no answer.
		expect(settle).toEqual({
			heads,
			have: [{ lastSync: heads, bloom: new Uint8Array() }],
			changes: 0
		});
		expect(rest).toEqual([]);
	});

	it('is not repeated to a client that already had the board', async () => {
		const first = await syncingPeer('rc-member', A.init());
		await waitFor(() => first.received.length >= 1, 'the first copy');
		await quiet();
		const copy = A.load(A.save(first.doc()));
		const peer = await syncingPeer('oc-member', copy);
		await waitFor(() => peer.received.length >= 1, 'the server to answer');
		await quiet();
		expect(decoded(peer.received).every((m) => m.changes === 0)).toBe(true);
		// One answer to its heads; no settling message, as no board was sent.
		expect(peer.received).toHaveLength(1);
	});
});

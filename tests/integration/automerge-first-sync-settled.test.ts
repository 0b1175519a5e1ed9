import * as A from '@automerge/automerge';
import { cbor } from '@automerge/automerge-repo';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinedSocket, sendMessage } from '../helpers/automergeClient';
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

interface Received {
	heads: string[];
	have: { lastSync: string[]; bloom: Uint8Array }[];
	changes: number;
}

/**
 * A peer speaking the sync protocol with real Automerge on a raw socket, as the stock client
 * does: every server message is applied and answered when Automerge has something to say.
 * Records what the server sent, decoded.
 */
async function syncingPeer(username: string, start: A.Doc<unknown>) {
	const ws = await joinedSocket(server, username);
	sockets.push(ws);
	let doc = start;
	let state = A.initSyncState();
	const received: Received[] = [];
	const reply = (type: 'request' | 'sync') => {
		const [next, data] = A.generateSyncMessage(doc, state);
		state = next;
		if (data)
			sendMessage(ws, { type, senderId: 'raw', targetId: '', documentId: server.boardId, data });
	};
	ws.on('message', (raw: Buffer) => {
		const msg = cbor.decode<{ type: string; data?: Uint8Array }>(new Uint8Array(raw));
		if (msg.type !== 'sync' || !msg.data) return;
		const m = A.decodeSyncMessage(msg.data);
		received.push({ heads: m.heads, have: m.have, changes: m.changes.length });
		[doc, state] = A.receiveSyncMessage(doc, state, msg.data);
		reply('sync');
	});
	reply(A.getHeads(doc).length === 0 ? 'request' : 'sync');
	return { received, doc: () => doc };
}

const quiet = () => new Promise((r) => setTimeout(r, 300));

describe('the first sync of a board the client lacked', () => {
	it('is settled with one heads-only message after the client acknowledges it', async () => {
		const peer = await syncingPeer('secretary', A.init());
		await waitFor(() => peer.received.length >= 2, 'the board and the settling message');
		await quiet();
		const [board, settle, ...rest] = peer.received;
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
		expect(peer.received.every((m) => m.changes === 0)).toBe(true);
		// One answer to its heads; no settling message, as no board was sent.
		expect(peer.received).toHaveLength(1);
	});
});

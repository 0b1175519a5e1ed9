import * as A from '@automerge/automerge';
import { cbor } from '@automerge/automerge-repo';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
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

/**
 * A peer on a raw socket running Automerge's sync by hand, so the test decides what is sent and
 * when: every server message is applied and answered, and kept for the test to read.
 */
async function handSyncedPeer(username: string) {
	const ws = await joinedSocket(server, username);
	sockets.push(ws);
	let doc = A.init<Board>();
	let state = A.initSyncState();
	const received: A.DecodedSyncMessage[] = [];
	const send = (data: Uint8Array, type = 'sync') =>
		sendMessage(ws, { type, senderId: 'hand', targetId: '', documentId: server.boardId, data });
	const answer = () => {
		const [next, data] = A.generateSyncMessage(doc, state);
		state = next;
		if (data) send(data);
	};
	ws.on('message', (raw: Buffer) => {
		const msg = cbor.decode<{ type: string; data?: Uint8Array }>(new Uint8Array(raw));
		if (msg.type !== 'sync' || !msg.data) return;
		received.push(A.decodeSyncMessage(msg.data));
		[doc, state] = A.receiveSyncMessage(doc, state, msg.data);
		answer();
	});
	const [first, ask] = A.generateSyncMessage(doc, state);
	state = first;
	send(ask as Uint8Array, 'request');
	return {
		ws,
		received,
		doc: () => doc,
		state: () => state,
		/** Takes over: the test now holds the document and state. */
		set(d: A.Doc<Board>, s: A.SyncState) {
			doc = d;
			state = s;
		},
		send
	};
}

const quiet = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe('a burst that ends on heads the server already holds', () => {
	it('still tells the peer that the server holds its change', async () => {
		const peer = await handSyncedPeer('secretary');
		await waitFor(() => peer.doc().tasks, 'the board');
		await quiet();
		const taskId = Object.keys(peer.doc().tasks)[0] as string;

		// A change, offered as Automerge's sync offers it...
		const changed = A.change(peer.doc(), (d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'burst ');
		});
		const [afterOffer, offer] = A.generateSyncMessage(changed, peer.state());
		if (!offer) throw new Error('automerge offered nothing');
		expect(A.decodeSyncMessage(offer).changes).toHaveLength(1);
		peer.set(changed, afterOffer);
		// ...and right behind it, in the same burst, a message with no changes whose heads are the
		// heads the server will have once it applies the change (as a stock client sends while it
		// answers other messages). Automerge on the server reads that as "the peer knows our
		// heads" and has nothing to say; before the fix nothing more came, and the client showed
		// its change as waiting to sync until somebody edited again.
		const echo = A.encodeSyncMessage({ ...A.decodeSyncMessage(offer), changes: [] });
		const before = peer.received.length;
		peer.send(offer);
		peer.send(echo);

		const mine = A.getHeads(changed);
		const told = await waitFor(
			() =>
				peer.received
					.slice(before)
					.find((m) => mine.every((h) => m.heads.includes(h)) && m.heads.length > 0),
			'the server to announce heads covering the change',
			3000
		);
		expect(told.changes).toEqual([]);
		expect(A.getHeads(await server.services.automerge.read<Board>(server.boardId))).toEqual(mine);
		// Told once: the peer has nothing more to say, and the server stays quiet.
		await quiet();
		expect(peer.received.length - before).toBe(1);
	});
});

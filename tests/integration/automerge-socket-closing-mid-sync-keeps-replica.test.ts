import * as A from '@automerge/automerge';
import { cbor, type DocHandle } from '@automerge/automerge-repo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, type BoardClient } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

/**
 * A phone's socket that starts closing just as a sync message from the server arrives. The
 * stock adapter throws from `send`, and automerge-repo replies to a sync message from inside the
 * handle's update, so the throw leaves the handle holding a document Automerge has already
 * moved past: every later edit throws "outdated document" until the page is reloaded (found by
 * the 30-minute soak, where starved clients missed heartbeats). The app's adapter drops the
 * reply instead; the replica keeps working and catches up when the socket is back.
 */
let server: TestServer;
const clients: BoardClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const c of clients) await c.close();
	await server?.close();
});

/** Delivers, while the client's socket is closing, a sync message about a change it lacks. */
async function syncMessageWhileClosing(client: BoardClient, handle: DocHandle<Board>) {
	const newer = A.change(A.clone(handle.doc()), (d) => {
		d.title = `${d.title}·新`;
	});
	const data = A.generateSyncMessage(newer, A.initSyncState())[1]!;
	const serverPeer = client.repo.peers[0]!;
	client.adapter.socket!.close();
	expect(client.adapter.socket!.readyState).toBe(2); // CLOSING
	client.adapter.receiveMessage(
		cbor.encode({
			type: 'sync',
			senderId: serverPeer,
			targetId: client.repo.peerId,
			documentId: handle.documentId,
			data
		})
	);
	await new Promise((r) => setTimeout(r, 50));
}

describe('a socket closing mid-sync', () => {
	it('leaves the stock adapter with a dead replica (the upstream bug this guards against)', async () => {
		const stock = await boardClient(server, 'secretary');
		clients.push(stock);
		const handle = await stock.find<Board>(server.boardId);
		await syncMessageWhileClosing(stock, handle);
		expect(() => handle.change((d) => (d.title = '改不了'))).toThrow(/outdated document/);
	});

	it("keeps the app adapter's replica editable, and its edit reaches the server after reconnecting", async () => {
		const safe = await boardClient(server, 'secretary', { safe: true });
		clients.push(safe);
		const handle = await safe.find<Board>(server.boardId);
		await syncMessageWhileClosing(safe, handle);
		handle.change((d) => (d.title = '断线后仍可编辑'));
		expect(handle.doc().title).toBe('断线后仍可编辑');

		const reader = await boardClient(server, 'rc-member');
		clients.push(reader);
		const seen = await reader.find<Board>(server.boardId);
		await waitFor(() => seen.doc().title === '断线后仍可编辑', 'the edit after the drop', 20_000);
	});
});

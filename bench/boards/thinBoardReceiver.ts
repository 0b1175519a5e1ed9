import * as A from '@automerge/automerge';
import { cbor } from '@automerge/automerge-repo';
import { WebSocket } from 'ws';
import type { WorkerTarget } from './boardWorkerProtocol';
import { sharedNow } from './procStats';

export interface ThinReceiver {
	/** Frames as they arrived (shared clock), for decoding after the measurement. */
	frames: [at: number, data: Uint8Array][];
	recording: boolean;
	close(): void;
}

/**
 * A thin board receiver, as a resident watching a board is: the automerge-repo wire protocol
 * and Automerge's sync on a raw socket, without a Repo (no handle machinery, no patches for a
 * UI). It keeps the sync going — each server message is applied and answered — so the server
 * does for it exactly what it does for a stock client, while the client core stays free enough
 * that the server, not the load generator, is measured. It starts from the board's saved bytes.
 */
export async function thinBoardReceiver(
	target: WorkerTarget,
	username: string,
	boardId: string,
	saved: Uint8Array
): Promise<ThinReceiver> {
	const cookie = target.cookies?.[username];
	const url = `ws://127.0.0.1:${target.port}${target.path}`;
	const ws = new WebSocket(url, {
		headers: cookie ? { Cookie: cookie, Origin: `http://127.0.0.1:${target.port}` } : {}
	});
	ws.on('error', () => {});
	const me = `thin-${username}-${Math.random().toString(36).slice(2)}`;
	let doc = A.load(saved);
	let state = A.initSyncState();
	let server = '';
	const out: ThinReceiver = {
		frames: [],
		recording: false,
		close: () => ws.close()
	};
	const send = (msg: Record<string, unknown>) => ws.send(cbor.encode(msg));
	const syncOut = () => {
		const [next, message] = A.generateSyncMessage(doc, state);
		state = next;
		if (message)
			send({ type: 'sync', senderId: me, targetId: server, documentId: boardId, data: message });
	};
	let synced: () => void = () => {};
	const firstSync = new Promise<void>((resolve) => (synced = resolve));
	ws.on('message', (raw: Buffer) => {
		const bytes = new Uint8Array(raw);
		if (out.recording) out.frames.push([sharedNow(), bytes]);
		const msg = cbor.decode<{ type: string; senderId?: string; data?: Uint8Array }>(bytes);
		if (msg.type === 'peer') {
			server = msg.senderId ?? '';
			syncOut();
		} else if (msg.type === 'sync' && msg.data) {
			[doc, state] = A.receiveSyncMessage(doc, state, msg.data);
			syncOut();
			synced();
		}
	});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	});
	send({ type: 'join', senderId: me, peerMetadata: {}, supportedProtocolVersions: ['1'] });
	await firstSync;
	return out;
}

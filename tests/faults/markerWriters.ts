import * as A from '@automerge/automerge';
import { decodeHeads, type DocHandle } from '@automerge/automerge-repo';
import * as decoding from 'lib0/decoding';
import type { Board } from '../../src/lib/domain/board';
import { MESSAGE_ACK, encodeAck } from '../../src/lib/domain/yjsProtocol';
import { boardClient, type BoardClient } from '../helpers/automergeClient';
import type { SeededRandom } from '../helpers/seededRandom';
import type { TestServer } from '../helpers/server';
import { openAgenda, paragraph, type YjsTarget } from '../helpers/yjsClient';

/**
 * A stock client writing unique markers on a timer, and keeping apart the markers the server has
 * acknowledged: those are the ones a crash must not lose. Markers written while the server's
 * answer is unknown are not claimed either way.
 */
export interface MarkerWriter {
	written: string[];
	acked: Set<string>;
	close(): Promise<void>;
}

/**
 * The stock automerge-repo adapter rethrows, from an event listener, any socket error but
 * ECONNREFUSED: a server killed mid-handshake (ECONNRESET) or a client closed while connecting
 * would crash the test process. Those are the faults under test here, so they are expected.
 */
export function quietAdapterErrors(client: BoardClient) {
	client.adapter.onError = () => {};
}

/** Markers go at either end of a text, never inside another marker. */
function atAnEnd(random: SeededRandom, length: number): number {
	return random.chance(0.5) ? 0 : length;
}

/**
 * Yjs: the app's ack (type 100) answers once everything sent before it on that socket is stored,
 * so a marker is acknowledged when an ack sent after it, on the same socket, comes back.
 */
export async function yjsMarkerWriter(
	target: YjsTarget,
	username: string,
	prefix: string,
	random: SeededRandom,
	intervalMs: number
): Promise<MarkerWriter> {
	const client = await openAgenda(target, username, { waitSynced: false });
	const { provider, doc } = client;
	provider.messageHandlers[MESSAGE_ACK] = () => {};
	const written: string[] = [];
	const acked = new Set<string>();
	const pending: { ws: WebSocket; seq: number; marker: string }[] = [];
	const listening = new WeakSet<WebSocket>();
	let seq = 0;
	const listen = (ws: WebSocket) => {
		if (listening.has(ws)) return;
		listening.add(ws);
		ws.addEventListener('message', (event: MessageEvent) => {
			const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
			if (decoding.readVarUint(decoder) !== MESSAGE_ACK) return;
			const upTo = decoding.readVarUint(decoder);
			for (let i = pending.length - 1; i >= 0; i--) {
				const p = pending[i] as (typeof pending)[number];
				if (p.ws === ws && p.seq <= upTo) {
					acked.add(p.marker);
					pending.splice(i, 1);
				}
			}
		});
	};
	const timer = setInterval(() => {
		const ws = provider.ws;
		if (!ws || !provider.wsconnected || !provider.synced) return;
		listen(ws);
		const marker = `${prefix}.${written.length};`;
		const text = paragraph(doc, random.int(0, 1));
		// The provider sends the update synchronously on this socket, before the ack request.
		text.insert(atAnEnd(random, text.length), marker);
		written.push(marker);
		pending.push({ ws, seq: ++seq, marker });
		try {
			ws.send(encodeAck(seq) as Uint8Array<ArrayBuffer>);
		} catch {
			// The socket closed between the check and the send: the marker stays unclaimed.
		}
	}, intervalMs);
	return {
		written,
		acked,
		async close() {
			clearInterval(timer);
			client.destroy();
		}
	};
}

/**
 * Automerge: a marker is acknowledged once the server's announced heads cover the change that
 * wrote it, i.e. the document as of the server's heads already contains it.
 */
export async function boardMarkerWriter(
	target: Pick<TestServer, 'port' | 'headersFor'>,
	username: string,
	board: { id: string; taskId: string },
	prefix: string,
	random: SeededRandom,
	intervalMs: number
): Promise<MarkerWriter> {
	const client = await boardClient(target, username);
	quietAdapterErrors(client);
	let handle: DocHandle<Board> | null = null;
	let closed = false;
	// The stock repo gives up on a document ("unavailable") when no peer answered within a second
	// of starting; on a loaded machine the handshake can take longer, so ask again.
	const find = () => {
		client.find<Board>(board.id).then(
			(h) => (handle = h),
			() => {
				if (!closed) setTimeout(find, 200);
			}
		);
	};
	find();
	const written: string[] = [];
	const acked = new Set<string>();
	let pending: string[] = [];
	const notesAtServerHeads = (h: DocHandle<Board>): string | null => {
		const storageId = client.serverStorageId();
		const info = storageId ? h.getSyncInfo(storageId) : undefined;
		if (!info) return null;
		try {
			return A.view(h.doc(), decodeHeads(info.lastHeads)).tasks[board.taskId]?.notes ?? null;
		} catch {
			return null; // heads we have not received yet
		}
	};
	const timer = setInterval(() => {
		const h = handle;
		if (!h) return;
		const notes = pending.length ? notesAtServerHeads(h) : null;
		if (notes !== null) {
			for (const m of pending) if (notes.includes(m)) acked.add(m);
			pending = pending.filter((m) => !acked.has(m));
		}
		if (client.repo.peers.length === 0) return;
		const marker = `${prefix}.${written.length};`;
		h.change((d) => {
			const length = d.tasks[board.taskId]?.notes.length ?? 0;
			A.splice(d, ['tasks', board.taskId, 'notes'], atAnEnd(random, length), 0, marker);
		});
		written.push(marker);
		pending.push(marker);
	}, intervalMs);
	return {
		written,
		acked,
		async close() {
			closed = true;
			clearInterval(timer);
			await client.close();
		}
	};
}

import * as A from '@automerge/automerge';
import {
	cbor,
	Repo,
	type AutomergeUrl,
	type DocHandle,
	type PeerId,
	type StorageId
} from '@automerge/automerge-repo';
import { WebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';
import { SafeWebSocketClientAdapter } from '../../src/lib/sync/SafeWebSocketClientAdapter';
import { WebSocket } from 'ws';
import { TcpProxy } from './proxy';
import { waitFor, type TestServer } from './server';

export interface BoardClient {
	repo: Repo;
	adapter: WebSocketClientAdapter;
	proxy: TcpProxy;
	/** The storage id the server announced in its `peer` message, once it has. */
	serverStorageId(): StorageId | undefined;
	/** Finds a board by its document id. */
	find<T>(documentId: string): Promise<DocHandle<T>>;
	close(): Promise<void>;
}

/**
 * A stock automerge-repo client (no storage: it remembers nothing between runs) logged in as a
 * demo user, with the stock websocket adapter unless `safe` asks for the app's. Node's websocket client cannot send Cookie/Origin, so it goes through a proxy that
 * adds them, one proxy per user.
 */
export async function boardClient(
	server: Pick<TestServer, 'port' | 'headersFor'>,
	username: string,
	/** `safe`: the app's adapter (drops sends on a closing socket) instead of the stock one. */
	opts: { peerId?: string; safe?: boolean } = {}
): Promise<BoardClient> {
	const headers = await server.headersFor(username);
	const proxy = await new TcpProxy({ host: '127.0.0.1', port: server.port }, headers).listen();
	// The browser's Origin is the host it talks to: here the proxy (the server compares Origin
	// with Host). The proxy reads its headers per connection, so setting this after listen works.
	headers.Origin = proxy.url;
	const Adapter = opts.safe ? SafeWebSocketClientAdapter : WebSocketClientAdapter;
	const adapter = new Adapter(
		proxy.url.replace('http', 'ws') + '/sync/automerge',
		// Retry sooner than the default 5 s so tests see a closed client come back, but not so
		// soon that a slow handshake on a busy machine is abandoned for a second socket.
		2000
	);
	const repo = new Repo({
		network: [adapter],
		...(opts.peerId ? { peerId: opts.peerId as PeerId } : {})
	});
	// The stock Repo gives up on a document if no peer has answered within a second of `find`
	// (seen on a loaded machine): wait for the server's `peer` reply first.
	await waitFor(() => repo.peers.length > 0, `${username}'s connection to the server`, 20_000);
	const serverStorageId = () => {
		const peer = repo.peers[0];
		return peer ? repo.getStorageIdOfPeer(peer) : undefined;
	};
	return {
		repo,
		adapter,
		proxy,
		serverStorageId,
		find: <T>(documentId: string) => repo.find<T>(`automerge:${documentId}` as AutomergeUrl),
		async close() {
			// The stock adapter re-connects on a timer that disconnect() does not cancel (set when
			// the server closed a socket); neutralise it so no socket outlives the test.
			adapter.connect = () => {};
			// disconnect() removes the adapter's own 'error' listener and then closes the socket;
			// closing a socket still connecting makes `ws` emit an error, which with no listener
			// left would crash the test process.
			(adapter.socket as unknown as { on?: (e: string, f: () => void) => void } | undefined)?.on?.(
				'error',
				() => {}
			);
			await repo.shutdown();
			await proxy.close();
		}
	};
}

/**
 * True when the server's last announced heads include every local head: then the server holds
 * every change this client has. This is the check the app uses for "changes waiting to sync".
 */
export function serverHasAllChanges(client: BoardClient, handle: DocHandle<unknown>): boolean {
	const storageId = client.serverStorageId();
	const info = storageId ? handle.getSyncInfo(storageId) : undefined;
	if (!info) return false;
	return handle.heads().every((h) => info.lastHeads.includes(h));
}

export async function waitUntilServerHas(
	client: BoardClient,
	handle: DocHandle<unknown>,
	timeoutMs?: number
) {
	await waitFor(
		() => serverHasAllChanges(client, handle),
		'the server to hold our changes',
		timeoutMs
	);
}

/** A raw socket with the user's headers, for sending what no stock client would. */
export async function rawSocket(
	server: Pick<TestServer, 'wsUrl' | 'headersFor'>,
	username: string
): Promise<WebSocket> {
	const ws = new WebSocket(server.wsUrl + '/sync/automerge', {
		headers: await server.headersFor(username)
	});
	ws.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	});
	return ws;
}

/** Resolves with the close code the server sent. */
export function closeCode(ws: WebSocket, timeoutMs = 5000): Promise<number> {
	return new Promise((resolve, reject) => {
		if (ws.readyState === ws.CLOSED) reject(new Error('already closed'));
		const timer = setTimeout(() => reject(new Error('socket was not closed')), timeoutMs);
		ws.once('close', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}

/** Sends one protocol message on a raw socket, CBOR-encoded as the stock client would. */
export function sendMessage(ws: WebSocket, msg: Record<string, unknown>) {
	ws.send(cbor.encode(msg));
}

/** The next message the server sends on a raw socket, decoded. */
export function nextMessage(ws: WebSocket, timeoutMs = 5000): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('no message from the server')), timeoutMs);
		ws.once('message', (data: Buffer) => {
			clearTimeout(timer);
			resolve(cbor.decode(data));
		});
	});
}

/** A raw socket that has done the `join` → `peer` handshake as peer `peerId`. */
export async function joinedSocket(
	server: Pick<TestServer, 'wsUrl' | 'headersFor'>,
	username: string,
	peerId = `raw-${Math.random().toString(36).slice(2)}`
) {
	const ws = await rawSocket(server, username);
	const reply = nextMessage(ws);
	sendMessage(ws, {
		type: 'join',
		senderId: peerId,
		peerMetadata: {},
		supportedProtocolVersions: ['1']
	});
	const peer = await reply;
	if (peer.type !== 'peer') throw new Error(`expected peer, got ${String(peer.type)}`);
	return ws;
}

/** The first message a peer with an empty document sends when it asks for one. */
export function firstSyncMessage(): Uint8Array {
	const [, msg] = A.generateSyncMessage(A.init(), A.initSyncState());
	if (!msg) throw new Error('automerge produced no sync message');
	return msg;
}

/**
 * A peer running Automerge's own sync on a raw socket, as the stock client does without a Repo:
 * every server message is applied and answered when Automerge has something to say. Starts
 * from `start` (an empty document asks with `request`), and keeps every sync message the server
 * sent, raw, for the test to read.
 */
export async function rawSyncPeer<T>(
	server: Pick<TestServer, 'wsUrl' | 'headersFor' | 'boardId'>,
	username: string,
	start: A.Doc<T>
) {
	const ws = await joinedSocket(server, username);
	let doc = start;
	let state = A.initSyncState();
	const received: Uint8Array[] = [];
	const reply = (type: 'request' | 'sync') => {
		const [next, data] = A.generateSyncMessage(doc, state);
		state = next;
		if (data) {
			sendMessage(ws, { type, senderId: 'raw', targetId: '', documentId: server.boardId, data });
		}
	};
	ws.on('message', (raw: Buffer) => {
		const msg = cbor.decode<{ type: string; data?: Uint8Array }>(new Uint8Array(raw));
		if (msg.type !== 'sync' || !msg.data) return;
		received.push(msg.data);
		[doc, state] = A.receiveSyncMessage(doc, state, msg.data);
		reply('sync');
	});
	reply(A.getHeads(doc).length === 0 ? 'request' : 'sync');
	return {
		ws,
		received,
		doc: () => doc,
		/** Changes the peer's copy and offers the change to the server. */
		change(f: (d: T) => void) {
			doc = A.change(doc, f);
			reply('sync');
		}
	};
}

/** The demo users who may write a board, dealt round-robin to many writers. */
const BOARD_WRITERS = ['secretary', 'rc-member', 'oc-member', 'pm-staff'];

/**
 * `count` stock clients with the demo board open, logged in as the board's writers in turn, for
 * tests of many people editing at once. `converged()` is true once every client holds the same
 * heads and knows the server holds all of its own changes.
 */
export async function writersOnOneBoard<T>(
	server: Pick<TestServer, 'port' | 'headersFor' | 'boardId'>,
	count: number,
	opts: { safe?: boolean } = {}
) {
	const clients: BoardClient[] = [];
	for (let i = 0; i < count; i++) {
		const username = BOARD_WRITERS[i % BOARD_WRITERS.length] as string;
		clients.push(await boardClient(server, username, opts));
	}
	const handles: DocHandle<T>[] = [];
	for (const c of clients) handles.push(await c.find<T>(server.boardId));
	const heads = (h: DocHandle<T>) => A.getHeads(h.doc()).join();
	return {
		clients,
		handles,
		heads: () => heads(handles[0] as DocHandle<T>),
		converged: () =>
			handles.every((h) => heads(h) === heads(handles[0] as DocHandle<T>)) &&
			clients.every((c, i) => serverHasAllChanges(c, handles[i] as DocHandle<T>)),
		async close() {
			for (const c of clients) await c.close();
		}
	};
}

import type { Message } from '@automerge/automerge-repo';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_SYNC, YJS_SYNC_PATH } from '../../src/lib/domain/yjsProtocol';
import { boardClient, type BoardClient } from '../helpers/automergeClient';
import { TcpProxy } from '../helpers/proxy';
import type { SeededRandom } from '../helpers/seededRandom';
import type { TestServer } from '../helpers/server';
import { webSocketWithHeaders } from '../helpers/yjsClient';
import { quietAdapterErrors } from './markerWriters';
import { Scrambler, type ScrambleOptions } from './Scrambler';

/**
 * A `ws` client for the stock y-websocket provider whose sync messages (type 0) are reordered,
 * duplicated and replayed in both directions. Awareness passes straight through: this is about
 * the document converging.
 */
function scrambledWebSocket(random: SeededRandom, options: ScrambleOptions) {
	const isSync = (data: ArrayBuffer | Uint8Array) =>
		new Uint8Array(data instanceof Uint8Array ? data : new Uint8Array(data))[0] === MESSAGE_SYNC;
	class ScrambledWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			let handler: ((event: MessageEvent) => void) | null = null;
			const outgoing = new Scrambler<Uint8Array>(random, options, (data) => {
				if (this.readyState === WebSocket.OPEN) super.send(data);
			});
			const incoming = new Scrambler<MessageEvent>(random, options, (event) => handler?.(event));
			this.on('close', () => {
				outgoing.stop();
				incoming.stop();
			});
			this.addEventListener('message', (event) => {
				const e = event as unknown as MessageEvent;
				if (isSync(e.data as ArrayBuffer)) incoming.push(e);
				else handler?.(e);
			});
			// y-websocket sets `onmessage`; keep its handler and feed it through the scrambler.
			Object.defineProperty(this, 'onmessage', {
				get: () => handler,
				set: (h: ((event: MessageEvent) => void) | null) => (handler = h)
			});
			this.send = ((data: Uint8Array) => {
				if (isSync(data)) outgoing.push(data);
				else super.send(data);
			}) as WebSocket['send'];
		}
	}
	return ScrambledWebSocket as unknown as typeof globalThis.WebSocket;
}

export interface ScrambledAgenda {
	doc: Y.Doc;
	provider: WebsocketProvider;
	proxy: TcpProxy;
	close(): Promise<void>;
}

/** A stock y-websocket client on the agenda, behind its own proxy (for cuts) and scrambler. */
export async function scrambledAgenda(
	server: Pick<TestServer, 'port' | 'headersFor' | 'agendaId'>,
	username: string,
	random: SeededRandom,
	/** null: a plain socket, only the proxy in between (for cuts). */
	options: ScrambleOptions | null
): Promise<ScrambledAgenda> {
	const headers = await server.headersFor(username);
	const proxy = await new TcpProxy({ host: '127.0.0.1', port: server.port }, headers).listen();
	headers.Origin = proxy.url; // the server compares Origin with the Host it was reached on
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		proxy.url.replace('http', 'ws') + YJS_SYNC_PATH,
		server.agendaId,
		doc,
		{
			WebSocketPolyfill: options ? scrambledWebSocket(random, options) : webSocketWithHeaders({}),
			disableBc: true,
			maxBackoffTime: 300
		}
	);
	return {
		doc,
		provider,
		proxy,
		async close() {
			provider.destroy();
			doc.destroy();
			await proxy.close();
		}
	};
}

/**
 * A stock automerge-repo client whose `sync` messages are reordered, duplicated and replayed in
 * both directions, never across connections (a message queued on a dead socket is dropped).
 */
export async function scrambledBoard(
	server: Pick<TestServer, 'port' | 'headersFor'>,
	username: string,
	random: SeededRandom,
	options: ScrambleOptions
): Promise<BoardClient> {
	const client = await boardClient(server, username);
	const adapter = client.adapter;
	quietAdapterErrors(client);
	const send = adapter.send.bind(adapter);
	const emit = adapter.emit.bind(adapter) as (event: string, payload: unknown) => boolean;
	type Tagged = { socket: unknown; message: Message };
	const sameSocket = (t: Tagged) => t.socket === adapter.socket && adapter.socket?.readyState === 1;
	const outgoing = new Scrambler<Tagged>(random, options, (t) => {
		if (sameSocket(t)) send(t.message);
	});
	const incoming = new Scrambler<Tagged>(random, options, (t) => {
		if (sameSocket(t)) emit('message', t.message);
	});
	adapter.send = (message: Message) => {
		if (message.type === 'sync') outgoing.push({ socket: adapter.socket, message });
		else send(message);
	};
	(adapter as { emit: (event: string, payload: unknown) => boolean }).emit = (event, payload) => {
		if (event === 'message' && (payload as Message).type === 'sync') {
			incoming.push({ socket: adapter.socket, message: payload as Message });
			return true;
		}
		return emit(event, payload);
	};
	return {
		...client,
		async close() {
			outgoing.stop();
			incoming.stop();
			await client.close();
		}
	};
}

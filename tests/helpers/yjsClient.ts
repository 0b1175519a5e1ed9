import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
	MESSAGE_ACK,
	MESSAGE_SYNC,
	SYNC_STEP2,
	YJS_SYNC_PATH,
	encodeAck
} from '../../src/lib/domain/yjsProtocol';
import { waitFor } from './server';

/** What the Yjs tests need from a server: where it is and how a user's browser would knock. */
export interface YjsTarget {
	wsUrl: string;
	agendaId: string;
	headersFor(username: string): Promise<Record<string, string>>;
}

/** The `ws` client with the Cookie and Origin headers a logged-in browser would send. */
export function webSocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
	class HeaderWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

export interface AgendaClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/**
 * The stock y-websocket provider on the agenda, synced. BroadcastChannel is off: Node has one,
 * and two providers in one process would otherwise sync through it, around the server.
 */
export async function openAgenda(
	server: YjsTarget,
	username: string | null,
	opts: { docId?: string; waitSynced?: boolean } = {}
): Promise<AgendaClient> {
	const doc = new Y.Doc();
	const headers = username ? await server.headersFor(username) : {};
	const provider = new WebsocketProvider(
		server.wsUrl + YJS_SYNC_PATH,
		opts.docId ?? server.agendaId,
		doc,
		{ WebSocketPolyfill: webSocketWithHeaders(headers), disableBc: true, maxBackoffTime: 500 }
	);
	const client = {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
	if (opts.waitSynced !== false) await waitFor(() => provider.synced, `${username} synced`);
	return client;
}

/** The text of the agenda's `index`-th paragraph element (the demo agenda has two). */
export function paragraph(doc: Y.Doc, index = 0): Y.XmlText {
	const paragraphs = doc
		.getXmlFragment(AGENDA_FRAGMENT)
		.toArray()
		.filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'paragraph');
	const text = paragraphs[index]?.get(0);
	if (!(text instanceof Y.XmlText)) throw new Error(`no paragraph ${index}`);
	return text;
}

/**
 * A raw socket on the endpoint, for bytes no stock client would send. Collects what arrives.
 * With `sync`, it sends the sync step 1 of an empty document, as every client does on opening,
 * and resolves once the server's step 2 is in: the server relays updates only to synced sockets.
 */
export async function openRawSocket(
	server: YjsTarget,
	username: string,
	opts: { docId?: string; sync?: boolean } = {}
): Promise<{ ws: WebSocket; received: Uint8Array[]; closed: Promise<number> }> {
	const ws = new WebSocket(`${server.wsUrl}${YJS_SYNC_PATH}/${opts.docId ?? server.agendaId}`, {
		headers: await server.headersFor(username)
	});
	const received: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	ws.on('error', () => {});
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
	});
	if (opts.sync) {
		ws.send(syncStep1Of(new Y.Doc()));
		await waitFor(() => received.some(isSyncStep2), `${username} sent step 2`);
	}
	return { ws, received, closed };
}

/** A sync step 1 message carrying `doc`'s state vector. */
export function syncStep1Of(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

/** A sync update message carrying `update`. */
export function updateFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/**
 * A raw socket with its own replica of the agenda: it sends the step 1 of an empty document,
 * applies every sync frame it is sent, and resolves once the replica holds the agenda.
 */
export async function openRawReplica(server: YjsTarget, username: string) {
	const doc = new Y.Doc();
	const socket = await openRawSocket(server, username);
	socket.ws.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
	});
	socket.ws.send(syncStep1Of(doc));
	await waitFor(() => doc.share.size > 0 && paragraphText(doc).length > 0, `${username} synced`);
	return { doc, socket };
}

function isSyncStep2(frame: Uint8Array): boolean {
	const decoder = decoding.createDecoder(frame);
	return (
		decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP2
	);
}

/** The HTTP status an upgrade gets, or 101 when it is accepted. */
export async function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
	const ws = new WebSocket(url, { headers });
	ws.on('error', () => {});
	return new Promise<number>((resolve) => {
		ws.once('open', () => {
			ws.close();
			resolve(101);
		});
		ws.once('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			res.resume();
			ws.terminate();
		});
	});
}

/** The plain text of the agenda's `index`-th paragraph. */
export function paragraphText(doc: Y.Doc, index = 0): string {
	return String(paragraph(doc, index).toJSON());
}

/**
 * Sends the app's ack request (type 100) on the provider's socket; resolves when the server
 * answers, i.e. once everything this client sent before it is stored.
 */
export function waitForAck(client: AgendaClient, seq: number): Promise<void> {
	const ws = client.provider.ws;
	if (!ws) throw new Error('provider not connected');
	// The app registers a handler for its ack; without one the stock client logs an error.
	client.provider.messageHandlers[MESSAGE_ACK] = () => {};
	return new Promise((resolve) => {
		const onMessage = (event: MessageEvent) => {
			const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
			if (decoding.readVarUint(decoder) === MESSAGE_ACK && decoding.readVarUint(decoder) === seq) {
				ws.removeEventListener('message', onMessage);
				resolve();
			}
		};
		ws.addEventListener('message', onMessage);
		ws.send(encodeAck(seq) as Uint8Array<ArrayBuffer>);
	});
}

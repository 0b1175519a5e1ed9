import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { scanMarkers } from './latency';
import { openRawWebSocket, type RawWebSocket } from './rawWebSocket';

/**
 * A thin receiver: a raw WebSocket (`rawWebSocket.ts`) speaking just enough of the Yjs sync
 * protocol to get the document (sync step 1 → step 2) and then read update frames, timestamping
 * the markers in them.
 * No Y.Doc: a thousand of these must cost the generator far less than the server they measure.
 */
export type WireProtocol = 'y-websocket' | 'hocuspocus';

export interface ThinTarget {
	/** Full socket URL: `ws://…/sync/yjs/<id>` (y-websocket style) or the Hocuspocus URL. */
	url: string;
	protocol: WireProtocol;
	/** The document name (Hocuspocus prefixes every message with it). */
	docName: string;
	headers?: Record<string, string>;
}

export interface ThinReceiver {
	/** Markers seen in update frames since the last reset. */
	markers: number;
	close(): void;
}

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
/** Hocuspocus hands this to its `onStateless` hook (none here) and relays it to no one. */
const MESSAGE_STATELESS = 5;
/**
 * Hocuspocus closes a socket it has heard nothing from for its `timeout` (30 s). A stock provider
 * is kept open by its presence renewals every 15 s, which Hocuspocus relays to every socket; a
 * reader here sends an empty stateless message instead, which costs the server least. Without
 * it, receivers silent since their join were dropped mid-run, and Hocuspocus's phases were
 * measured on what was left (80–98 % delivered, at half the server CPU).
 */
const HOCUSPOCUS_KEEPALIVE_MS = 20_000;
/** Hocuspocus answers a client's sync messages with this type, same body as sync. */
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

function frame(target: ThinTarget, write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	if (target.protocol === 'hocuspocus') encoding.writeVarString(e, target.docName);
	write(e);
	return encoding.toUint8Array(e);
}

/** Opens the socket and resolves once the server's sync step 2 (the whole document) arrived. */
export async function openThinReceiver(
	target: ThinTarget,
	seen: (stampUs: number, nowUs: number) => void
): Promise<ThinReceiver> {
	let keepalive: NodeJS.Timeout | undefined;
	let synced: () => void = () => undefined;
	let closedEarly: (error: Error) => void = () => undefined;
	const whole = new Promise<void>((resolve, reject) => {
		synced = resolve;
		closedEarly = reject;
	});
	// Its `close` is set once the upgrade is answered; messages that come earlier bring their socket.
	const receiver: ThinReceiver = { markers: 0, close: () => undefined };
	const onMessage = (data: Buffer, ws: RawWebSocket) => {
		const d = decoding.createDecoder(data);
		// Hocuspocus's document name: skipped, not decoded (a string per frame is measurable here).
		if (target.protocol === 'hocuspocus') {
			const length = decoding.readVarUint(d);
			d.pos += length;
		}
		const type = decoding.readVarUint(d);
		if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return;
		const sub = decoding.readVarUint(d);
		if (sub === SYNC_UPDATE) {
			// The rest is a length and the update; markers are found in its bytes directly.
			receiver.markers += scanMarkers(data, d.pos, seen);
		} else if (sub === SYNC_STEP2) {
			if (target.protocol === 'hocuspocus' && !keepalive) {
				const stateless = frame(target, (e) => {
					encoding.writeVarUint(e, MESSAGE_STATELESS);
					encoding.writeVarString(e, '');
				});
				keepalive = setInterval(() => ws.send(stateless), HOCUSPOCUS_KEEPALIVE_MS);
			}
			synced();
		} else if (sub === SYNC_STEP1) {
			// The server asks what we have: nothing (an empty update: no structs, no deletes).
			ws.send(
				frame(target, (e) => {
					encoding.writeVarUint(e, MESSAGE_SYNC);
					encoding.writeVarUint(e, SYNC_STEP2);
					encoding.writeVarUint8Array(e, new Uint8Array([0, 0]));
				})
			);
		}
	};
	const ws = await openRawWebSocket(target.url, target.headers ?? {}, onMessage, () => {
		clearInterval(keepalive);
		closedEarly(new Error(`${target.url}: closed before the document arrived`));
	});
	receiver.close = () => {
		clearInterval(keepalive);
		ws.terminate();
	};
	if (target.protocol === 'hocuspocus') {
		// Hocuspocus handles nothing for a document before its auth message (token '').
		ws.send(
			frame(target, (e) => {
				encoding.writeVarUint(e, MESSAGE_AUTH);
				encoding.writeVarUint(e, 0);
				encoding.writeVarString(e, '');
			})
		);
	}
	ws.send(
		frame(target, (e) => {
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, SYNC_STEP1);
			encoding.writeVarUint8Array(e, new Uint8Array([0]));
		})
	);
	await whole;
	return receiver;
}

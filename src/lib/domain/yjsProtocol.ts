import * as encoding from 'lib0/encoding';

/**
 * Message types on the Yjs sync socket (`/sync/yjs/<agendaId>`). 0–3 are the stock y-websocket
 * protocol; 100 is ours, for the "changes waiting to sync" indicator. Shared by the server and
 * the app, so both read the numbers from one place.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
/** Server → client only (permission denied); a client never sends it. */
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Client sends `[100, seq]`; the server answers `[100, seq]` once every earlier message from that
 * socket has been processed and persisted. Stock clients never send it.
 */
export const MESSAGE_ACK = 100;

/** Sub-types of MESSAGE_SYNC (y-protocols/sync). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** The y-websocket server URL; the provider appends `/<docId>`. */
export const YJS_SYNC_PATH = '/sync/yjs';

export function encodeAck(seq: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_ACK);
	encoding.writeVarUint(encoder, seq);
	return encoding.toUint8Array(encoder);
}

import * as decoding from 'lib0/decoding';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
	MESSAGE_ACK,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	SYNC_STEP1,
	SYNC_STEP2,
	SYNC_UPDATE,
	encodeAck
} from '../../src/lib/domain/yjsProtocol';
import { CLOSE } from '../sync/SyncEndpoint';
import { SyncRefusal } from './SyncRefusal';
import type { YjsConnection } from './YjsConnection';
import type { YjsRoom } from './YjsRoom';
import { YJS_LIMITS } from './limits';
import { awarenessMessage } from './messages';
import { addsNothing } from './addsNothing';
import { inspectUpdate } from './inspectUpdate';
import { rewriteAwareness } from './rewriteAwareness';

/**
 * Handles one frame from a socket, in that socket's queue. Throws SyncRefusal to close the socket
 * with a specific code; anything else thrown (a bad varint, bad JSON, an undecodable update)
 * closes it as a malformed message.
 */
export async function handleMessage(
	room: YjsRoom,
	conn: YjsConnection,
	data: Uint8Array,
	log: (line: string) => void
) {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	switch (type) {
		case MESSAGE_SYNC:
			return handleSync(room, conn, decoder, log);
		case MESSAGE_AWARENESS:
			return handleAwareness(room, conn, decoding.readVarUint8Array(decoder));
		case MESSAGE_QUERY_AWARENESS:
			conn.send(
				awarenessMessage(
					encodeAwarenessUpdate(room.awareness, [...room.awareness.getStates().keys()])
				)
			);
			return;
		case MESSAGE_ACK:
			// The queue got here, so every earlier message from this socket is handled and stored.
			conn.send(encodeAck(decoding.readVarUint(decoder)));
			return;
		default:
			throw new SyncRefusal(CLOSE.badMessage, `unknown message type ${type}`);
	}
}

async function handleSync(
	room: YjsRoom,
	conn: YjsConnection,
	decoder: decoding.Decoder,
	log: (line: string) => void
) {
	const syncType = decoding.readVarUint(decoder);
	if (syncType === SYNC_STEP1) {
		room.answerStep1(conn, decoding.readVarUint8Array(decoder));
		return;
	}
	if (syncType !== SYNC_STEP2 && syncType !== SYNC_UPDATE) {
		throw new SyncRefusal(CLOSE.badMessage, `unknown sync message type ${syncType}`);
	}
	const update = decoding.readVarUint8Array(decoder);
	if (!conn.canWrite) {
		// A reader's client may still make local changes; they are never applied, stored or relayed.
		log(`yjs dropped an update from ${conn.user.userId} (${conn.level}) on ${room.docId}`);
		return;
	}
	let summary;
	try {
		summary = inspectUpdate(update, (client) => Y.getState(room.doc.store, client));
	} catch (error) {
		throw new SyncRefusal(CLOSE.badMessage, `undecodable update: ${String(error)}`);
	}
	if (summary.empty || addsNothing(room.doc, summary)) return;
	if (!(await room.isOpen())) {
		// A minuted agenda: the socket may not have been re-checked yet; nothing is bound or stored.
		log(`yjs dropped an update from ${conn.user.userId} on ${room.docId}: closed to edits`);
		return;
	}
	await room.bindClients(summary.clientIds, conn.user.userId);
	await room.submitUpdate(conn, update);
}

function handleAwareness(room: YjsRoom, conn: YjsConnection, update: Uint8Array) {
	const accept = (clientId: number) => {
		if (!conn.canWrite || clientId === room.awareness.clientID) return false;
		const owner = room.ownerOf(clientId);
		if (owner !== undefined && owner !== conn.user.userId) return false;
		if (room.isPeerPresenceOfOther(clientId, conn.user.userId)) return false;
		if (conn.awarenessIds.has(clientId)) return true;
		// Another socket's entry, or more ids than one tab needs: not this socket's to speak for.
		if (ownedByOtherConnection(room, conn, clientId)) return false;
		return conn.awarenessIds.size < YJS_LIMITS.maxAwarenessClientsPerConnection;
	};
	// Parsed even for readers, so a malformed frame is refused the same way from anyone.
	const rewritten = rewriteAwareness(update, conn.presence, accept);
	if (!conn.canWrite || rewritten.entries.length === 0) return;
	for (const e of rewritten.entries) conn.awarenessIds.add(e.clientId);
	room.applyAwareness(conn, rewritten.update);
}

function ownedByOtherConnection(room: YjsRoom, conn: YjsConnection, clientId: number) {
	for (const other of room.connections) {
		if (other !== conn && other.awarenessIds.has(clientId)) return true;
	}
	return false;
}

/**
 * Whether a frame is presence (an awareness update or query), read from its first byte: both
 * type numbers are below 128, so a one-byte varint. Anything else, malformed frames included,
 * takes the sync path and its closing limits.
 */
export function isPresenceMessage(data: Uint8Array): boolean {
	return data[0] === MESSAGE_AWARENESS || data[0] === MESSAGE_QUERY_AWARENESS;
}

import { cbor } from '@automerge/automerge-repo';

/**
 * automerge-repo's websocket protocol, as the stock client speaks it (network-websocket 2.5):
 * CBOR maps with a `type`. The client opens with `join`; we answer `peer`. After that, `sync`
 * and `request` carry an Automerge sync message for one document, and we may answer
 * `doc-unavailable`. Everything here is untrusted until these guards pass.
 */
export const PROTOCOL_VERSION = '1';

export interface JoinMessage {
	type: 'join';
	senderId: string;
	supportedProtocolVersions?: unknown;
}

export interface DocSyncMessage {
	type: 'sync' | 'request';
	documentId: string;
	data: Uint8Array;
}

/** Any other typed map; newer clients send types this server does not know. */
export interface OtherMessage {
	type: string;
	documentId?: unknown;
}

export type ClientMessage = JoinMessage | DocSyncMessage | OtherMessage;

export class BadMessage extends Error {}

/** Decodes one frame, or throws BadMessage for anything that is not a typed CBOR map. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	let value: unknown;
	try {
		value = cbor.decode(frame);
	} catch (err) {
		throw new BadMessage(`not CBOR: ${String(err)}`);
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new BadMessage('not a map');
	}
	const msg = value as Record<string, unknown>;
	if (typeof msg.type !== 'string') throw new BadMessage('no type');
	if (msg.type === 'join') {
		if (typeof msg.senderId !== 'string' || msg.senderId.length === 0 || msg.senderId.length > 200)
			throw new BadMessage('join without a usable senderId');
		return {
			type: 'join',
			senderId: msg.senderId,
			supportedProtocolVersions: msg.supportedProtocolVersions
		};
	}
	if (msg.type === 'sync' || msg.type === 'request') {
		if (typeof msg.documentId !== 'string') throw new BadMessage(`${msg.type} without documentId`);
		if (!(msg.data instanceof Uint8Array) || msg.data.byteLength === 0)
			throw new BadMessage(`${msg.type} without data`);
		return { type: msg.type, documentId: msg.documentId, data: msg.data };
	}
	return { type: msg.type, documentId: msg.documentId };
}

export function supportsOurProtocol(versions: unknown): boolean {
	// Clients older than the version field speak version 1.
	if (versions === undefined) return true;
	return Array.isArray(versions) && versions.includes(PROTOCOL_VERSION);
}

export type ServerMessage =
	| {
			type: 'peer';
			senderId: string;
			targetId: string;
			peerMetadata: { storageId: string; isEphemeral: false };
			selectedProtocolVersion: string;
	  }
	| { type: 'error'; senderId: string; targetId: string; message: string }
	| { type: 'sync'; senderId: string; targetId: string; documentId: string; data: Uint8Array }
	| { type: 'doc-unavailable'; senderId: string; targetId: string; documentId: string };

export function encodeServerMessage(msg: ServerMessage): Uint8Array {
	return cbor.encode(msg);
}

/** A binary frame as ws hands it over (Buffer, ArrayBuffer, or fragments). */
export function frameBytes(data: unknown): Uint8Array {
	if (data instanceof Uint8Array) return data;
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	if (Array.isArray(data)) return Buffer.concat(data as Buffer[]);
	throw new BadMessage('unexpected frame type');
}

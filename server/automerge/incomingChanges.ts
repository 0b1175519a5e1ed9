import * as A from '@automerge/automerge';
import { createHash } from 'node:crypto';

/** Automerge's document engine without the JavaScript object a `Doc` keeps beside it. */
type Backend = ReturnType<typeof A.getBackend>;

/**
 * What a sync message's `changes` field holds. Automerge 3 sends single change chunks in the
 * steady state, but a whole document chunk when it sends many changes at once (a phone back
 * from a week offline, a client that fell behind): both must be read to know which are new.
 * A document is loaded into a bare backend: its changes are all we need, and building the
 * JavaScript object of the whole board (what `A.load` does) cost as much again.
 */
export type ChangePart =
	{ kind: 'change'; hash: string; bytes: Uint8Array } | { kind: 'document'; backend: Backend };

export interface StoredChange {
	hash: string;
	bytes: Uint8Array;
}

// Every Automerge chunk: 4 magic bytes, a 4-byte checksum, a type byte, a LEB128 length, data.
const MAGIC = [0x85, 0x6f, 0x4a, 0x83];
const CHUNK_TYPE_OFFSET = 8;
const DOCUMENT_CHUNK = 0;
const CHANGE_CHUNK = 1;

/**
 * A change chunk's hash. For an uncompressed change it is the SHA-256 of everything after the
 * checksum, and the checksum is that hash's first four bytes, so the hash is taken without
 * decoding the change (`A.decodeChange` decodes every operation: 1.3 ms a change here, most of
 * the server's work on a busy board). A chunk whose checksum does not match, or a compressed
 * one, goes through `decodeChange`, which rejects damaged bytes.
 */
export function changeHash(chunk: Uint8Array): string {
	if (chunk[CHUNK_TYPE_OFFSET] === CHANGE_CHUNK) {
		const hash = createHash('sha256').update(chunk.subarray(CHUNK_TYPE_OFFSET)).digest();
		if (
			hash[0] === chunk[4] &&
			hash[1] === chunk[5] &&
			hash[2] === chunk[6] &&
			hash[3] === chunk[7]
		)
			return hash.toString('hex');
	}
	return A.decodeChange(chunk).hash;
}

function loadBackend(bytes: Uint8Array): Backend {
	const backend = A.getBackend(A.init());
	backend.loadIncremental(bytes);
	return backend;
}

/**
 * Reads each entry; throws on anything Automerge cannot read. One entry may hold several
 * chunks back to back (Automerge batches consecutive changes that way), so entries are split
 * into chunks first. A change whose checksum holds is not decoded here: if its contents are
 * bad, applying it fails and the room removes what it stored (BoardRoom.receive).
 */
export function parseChangeChunks(entries: readonly Uint8Array[]): ChangePart[] {
	return entries
		.flatMap(splitChunks)
		.map((bytes) =>
			bytes[CHUNK_TYPE_OFFSET] === DOCUMENT_CHUNK
				? { kind: 'document', backend: loadBackend(bytes) }
				: { kind: 'change', hash: changeHash(bytes), bytes }
		);
}

export function splitChunks(bytes: Uint8Array): Uint8Array[] {
	const out: Uint8Array[] = [];
	let at = 0;
	while (at < bytes.length) {
		if (!MAGIC.every((m, i) => bytes[at + i] === m)) throw new RangeError('not an Automerge chunk');
		let length = 0;
		let shift = 0;
		let pos = at + CHUNK_TYPE_OFFSET + 1;
		for (;;) {
			const byte = bytes[pos++];
			if (byte === undefined || shift > 28) throw new RangeError('bad chunk length');
			length += (byte & 0x7f) * 2 ** shift;
			shift += 7;
			if ((byte & 0x80) === 0) break;
		}
		const end = pos + length;
		if (end > bytes.length) throw new RangeError('truncated chunk');
		out.push(bytes.subarray(at, end));
		at = end;
	}
	return out;
}

/** The changes in `parts` that `doc` does not have yet, each once, as bytes to store. */
export function changesNewTo(doc: A.Doc<unknown>, parts: readonly ChangePart[]): StoredChange[] {
	const seen = new Set<string>();
	const out: StoredChange[] = [];
	const add = (hash: string, bytes: Uint8Array) => {
		if (seen.has(hash) || A.hasHeads(doc, [hash])) return;
		seen.add(hash);
		out.push({ hash, bytes });
	};
	for (const part of parts) {
		if (part.kind === 'change') {
			add(part.hash, part.bytes);
			continue;
		}
		// Only what the sent document has beyond the history both sides share.
		const { backend } = part;
		const shared = A.getHeads(doc).filter((h) => backend.getChangeMetaByHash(h) !== null);
		for (const bytes of backend.getChanges(shared)) add(changeHash(bytes), bytes);
	}
	return out;
}

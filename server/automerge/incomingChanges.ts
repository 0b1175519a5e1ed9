import * as A from '@automerge/automerge';

/**
 * What a sync message's `changes` field holds. Automerge 3 sends single change chunks in the
 * steady state, but a whole document chunk when it believes the peer has nothing in common with
 * it yet (a first sync after connecting): both must be read to know which changes are new.
 */
export type ChangePart =
	{ kind: 'change'; hash: string; bytes: Uint8Array } | { kind: 'document'; doc: A.Doc<unknown> };

export interface StoredChange {
	hash: string;
	bytes: Uint8Array;
}

// Every Automerge chunk: 4 magic bytes, a 4-byte checksum, a type byte, a LEB128 length, data.
const MAGIC = [0x85, 0x6f, 0x4a, 0x83];
const CHUNK_TYPE_OFFSET = 8;
const DOCUMENT_CHUNK = 0;

/**
 * Decodes each entry; throws on anything Automerge cannot read. One entry may hold several
 * chunks back to back (Automerge batches consecutive changes that way), so entries are split
 * into chunks first.
 */
export function parseChangeChunks(entries: readonly Uint8Array[]): ChangePart[] {
	return entries
		.flatMap(splitChunks)
		.map((bytes) =>
			bytes[CHUNK_TYPE_OFFSET] === DOCUMENT_CHUNK
				? { kind: 'document', doc: A.load(bytes) }
				: { kind: 'change', hash: A.decodeChange(bytes).hash, bytes }
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
		const shared = A.getHeads(doc).filter((h) => A.hasHeads(part.doc, [h]));
		for (const bytes of A.getChangesSince(part.doc, shared)) add(A.decodeChange(bytes).hash, bytes);
	}
	return out;
}

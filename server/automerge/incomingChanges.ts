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

// Every Automerge chunk starts with 4 magic bytes and a 4-byte checksum, then its type.
const CHUNK_TYPE_OFFSET = 8;
const DOCUMENT_CHUNK = 0;

/** Decodes each chunk; throws on anything Automerge cannot read. */
export function parseChangeChunks(chunks: readonly Uint8Array[]): ChangePart[] {
	return chunks.map((bytes) =>
		bytes[CHUNK_TYPE_OFFSET] === DOCUMENT_CHUNK
			? { kind: 'document', doc: A.load(bytes) }
			: { kind: 'change', hash: A.decodeChange(bytes).hash, bytes }
	);
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

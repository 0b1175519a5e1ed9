/**
 * Stored Automerge bytes for one document (changes, later compacted into a saved document) and
 * the authorship record: for every change hash the server accepted, who sent it and when. The
 * authorship record is never compacted.
 */
export interface AutomergeChangeStore {
	appendChanges(
		docId: string,
		changes: readonly { hash: string; bytes: Uint8Array }[],
		userId: string
	): Promise<void>;
	/** Removes changes appended but then found unappliable (never acknowledged). */
	removeChanges(docId: string, hashes: readonly string[]): Promise<void>;
	/** Chunks to load in order: at most one snapshot first, then changes. */
	load(docId: string): Promise<Uint8Array[]>;
	/** Replaces every stored chunk up to `uptoSeq` by one saved document. */
	compact(docId: string, saved: Uint8Array, uptoSeq: number): Promise<void>;
	lastSeq(docId: string): Promise<number>;
	chunkCount(docId: string): Promise<number>;
	authorOf(docId: string, hash: string): Promise<{ userId: string; at: number } | null>;
	/** Every change hash the server accepted for the document, with its author, oldest first. */
	recorded(docId: string): Promise<{ hash: string; userId: string; at: number }[]>;
}

/**
 * The append-only log of one Yjs document's updates, plus who first used each client id.
 * An update is appended before the server applies or relays it; compaction replaces a prefix
 * of the log with one update the server encoded itself (never a merge of untrusted bytes).
 */
export interface YjsUpdateStore {
	append(docId: string, update: Uint8Array, userId: string): Promise<number>;
	/**
	 * Appends several updates in one write, in order; their sequence numbers, ascending, in the
	 * same order. A room under load stores what queued meanwhile together: one round trip to
	 * PostgreSQL (one transaction in SQLite) instead of one per keystroke.
	 */
	appendMany(
		docId: string,
		rows: readonly { update: Uint8Array; userId: string }[]
	): Promise<number[]>;
	/** Updates in append order, with the sequence number of the last one (0 for none). */
	load(docId: string): Promise<{ updates: Uint8Array[]; lastSeq: number }>;
	/** Removes one appended row that turned out unappliable (it was never acknowledged). */
	remove(docId: string, seq: number): Promise<void>;
	/** Replaces all rows with seq <= uptoSeq by `snapshot`. */
	compact(docId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
	count(docId: string): Promise<number>;
	/**
	 * Binds a client id to a user the first time it is seen; returns the user it is bound to
	 * (the given one if it was free).
	 */
	bindClient(docId: string, clientId: number, userId: string): Promise<string>;
	clientOwners(docId: string): Promise<Map<number, string>>;
}

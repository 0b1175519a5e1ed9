/**
 * The reader's side of tamper evidence: compares the history this device holds with the
 * server's published record of accepted changes (GET /api/boards/<id>/history/record). Every
 * recorded change must be here, and every change here must be recorded — or be one of ours
 * still on its way to the server. Pure: the Automerge reads are in localHistory.ts.
 */

/** What this device's copy says about its history, read against the record's heads. */
export interface LocalHistory {
	/** Every change hash in the local copy. */
	hashes: readonly string[];
	/** The local copy holds every head the server had when the record was read. */
	hasServerHeads: boolean;
	/** Local changes the server's heads do not cover yet (waiting to sync). */
	unsynced: readonly string[];
}

export type HistoryComparison =
	/** The server has changes this copy has not received yet: ask again once they arrive. */
	| { state: 'behind' }
	| { state: 'verified'; count: number }
	| { state: 'differs'; missing: string[]; unrecorded: string[] };

export function compareWithRecord(
	local: LocalHistory,
	recorded: readonly string[]
): HistoryComparison {
	if (!local.hasServerHeads) return { state: 'behind' };
	const here = new Set(local.hashes);
	const known = new Set(recorded);
	const waiting = new Set(local.unsynced);
	const missing = recorded.filter((h) => !here.has(h));
	const unrecorded = local.hashes.filter((h) => !known.has(h) && !waiting.has(h));
	if (missing.length > 0 || unrecorded.length > 0) return { state: 'differs', missing, unrecorded };
	return { state: 'verified', count: recorded.length };
}

import * as A from '@automerge/automerge';
import type { AutomergeChangeStore } from '../storage/AutomergeChangeStore';

export interface HistoryCheck {
	/** Changes the server accepted that the presented history lacks (omitted or altered). */
	missing: string[];
	/** Changes in the presented history the server never accepted (nobody is on record for them). */
	unrecorded: string[];
}

/**
 * Checks a copy of a board against the server's record of every change hash it accepted. An
 * Automerge change's hash covers its content and the hashes it depends on, so a history whose
 * past was edited or cut shows up here as stored hashes it lacks; a change nobody sent through
 * the server shows up as unrecorded. Anyone holding the record (hashes with authors) can run it.
 */
export async function verifyHistory(
	store: Pick<AutomergeChangeStore, 'recorded'>,
	docId: string,
	doc: A.Doc<unknown>
): Promise<HistoryCheck> {
	const recorded = await store.recorded(docId);
	// Change metadata, not decoded changes: the hashes without decoding every operation.
	const present = new Set(A.getChangesMetaSince(doc, []).map((c) => c.hash));
	const known = new Set(recorded.map((r) => r.hash));
	return {
		missing: recorded.map((r) => r.hash).filter((h) => !present.has(h)),
		unrecorded: [...present].filter((h) => !known.has(h))
	};
}

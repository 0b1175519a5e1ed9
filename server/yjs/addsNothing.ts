import * as Y from 'yjs';
import type { UpdateSummary } from './inspectUpdate';

/**
 * True when applying the update would change nothing: every struct is already known and every
 * range it deletes is deleted already. A Yjs sync step 2 always carries the sender's whole delete
 * set, so without this every reconnect of every writer stored one more redundant row.
 * Cost: a binary search and a walk over the deleted ranges, not over the document.
 */
export function addsNothing(doc: Y.Doc, summary: UpdateSummary): boolean {
	if (summary.hasNewStructs) return false;
	return summary.deletions.every((d) => alreadyDeleted(doc, d.client, d.clock, d.len));
}

function alreadyDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
	const end = clock + len;
	if (end > Y.getState(doc.store, client)) return false;
	const structs = doc.store.clients.get(client);
	if (!structs) return false;
	for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
		const struct = structs[i] as Y.Item | Y.GC;
		if (struct.id.clock >= end) break;
		if (!struct.deleted) return false;
	}
	return true;
}

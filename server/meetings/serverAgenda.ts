import * as Y from 'yjs';
import type { YjsUpdateStore } from '../storage/YjsUpdateStore';

/**
 * The server's own copy of an agenda document, rebuilt from its stored log: every row was
 * validated (and applied) before it was kept, so the rows are applied one by one, never merged.
 * The caller destroys the document when done. The log is never behind what a client was told.
 */
export async function serverAgenda(
	store: Pick<YjsUpdateStore, 'load'>,
	agendaId: string
): Promise<Y.Doc> {
	const { updates } = await store.load(agendaId);
	const doc = new Y.Doc({ gc: true });
	for (const update of updates) {
		try {
			Y.applyUpdate(doc, update);
		} catch {
			// Logged by the room when it loads the same rows; the rest still reads.
		}
	}
	return doc;
}

/** A document rebuilt from one update the server encoded (a saved version's state). */
export function agendaFromState(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	Y.applyUpdate(doc, state);
	return doc;
}

import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { readAgendaItems, type AgendaItem } from '../../src/lib/domain/agendaItems';
import type { YjsUpdateStore } from '../storage/YjsUpdateStore';

/**
 * The items of an agenda as the server stored it (never what a client claims): the log is
 * appended before the room applies an update and unappliable rows are removed, so the stored
 * rows are exactly what the server accepted. Stored rows were validated when written; they are
 * applied one by one, never merged.
 */
export async function readServerAgenda(
	store: Pick<YjsUpdateStore, 'load'>,
	agendaId: string
): Promise<AgendaItem[]> {
	const doc = new Y.Doc();
	try {
		for (const update of (await store.load(agendaId)).updates) {
			try {
				Y.applyUpdate(doc, update);
			} catch {
				// Logged by the room when it loads the same rows; the rest still reads.
			}
		}
		return readAgendaItems(doc.getXmlFragment(AGENDA_FRAGMENT));
	} finally {
		doc.destroy();
	}
}

import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { readAgendaItems, type AgendaItem } from '../../src/lib/domain/agendaItems';
import type { YjsUpdateStore } from '../storage/YjsUpdateStore';
import { serverAgenda } from './serverAgenda';

/**
 * The items of an agenda as the server stored it (never what a client claims): the log is
 * appended before the room applies an update and unappliable rows are removed, so the stored
 * rows are exactly what the server accepted.
 */
export async function readServerAgenda(
	store: Pick<YjsUpdateStore, 'load'>,
	agendaId: string
): Promise<AgendaItem[]> {
	const doc = await serverAgenda(store, agendaId);
	try {
		return readAgendaItems(doc.getXmlFragment(AGENDA_FRAGMENT));
	} finally {
		doc.destroy();
	}
}

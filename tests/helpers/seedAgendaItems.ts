import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import {
	AGENDA_ITEM,
	AGENDA_NOTES,
	AGENDA_TOPIC,
	EMPTY_ITEM_ATTRS,
	type AgendaItemAttrs
} from '../../src/lib/domain/agendaItems';
import { serverAgenda } from '../../server/meetings/serverAgenda';
import type { Stores } from '../../server/storage/Stores';

export type SeedItem = Partial<Omit<AgendaItemAttrs, 'id'>> & { topic: string; notes?: string };

/**
 * Appends agenda items to an agenda straight into the server's update log, as one update made
 * by `userId` (its client id bound to them), in the shape the agenda-item node writes: a
 * Y.XmlElement `agendaItem` with string attributes, a topic and a notes child. For tests while no
 * room has the agenda open (the log is then the server's whole copy).
 */
export async function seedAgendaItems(
	stores: Stores,
	agendaId: string,
	userId: string,
	items: readonly SeedItem[],
	extra: readonly string[] = []
): Promise<string[]> {
	const doc = await serverAgenda(stores.yjs, agendaId);
	const before = Y.encodeStateVector(doc);
	const ids: string[] = [];
	doc.transact(() => {
		const fragment = doc.getXmlFragment(AGENDA_FRAGMENT);
		for (const text of extra) fragment.push([paragraph(text)]);
		for (const item of items) {
			const id = randomUUID();
			ids.push(id);
			const el = new Y.XmlElement(AGENDA_ITEM);
			const attrs: AgendaItemAttrs = { ...EMPTY_ITEM_ATTRS, ...pickAttrs(item), id };
			for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
			const topic = new Y.XmlElement(AGENDA_TOPIC);
			topic.insert(0, [new Y.XmlText(item.topic)]);
			const notes = new Y.XmlElement(AGENDA_NOTES);
			notes.insert(0, [paragraph(item.notes ?? '')]);
			el.insert(0, [topic, notes]);
			fragment.push([el]);
		}
	});
	await stores.yjs.bindClient(agendaId, doc.clientID, userId);
	await stores.yjs.append(agendaId, Y.encodeStateAsUpdate(doc, before), userId);
	doc.destroy();
	return ids;
}

function pickAttrs(item: SeedItem): Partial<AgendaItemAttrs> {
	const { topic: _t, notes: _n, ...attrs } = item;
	return attrs;
}

function paragraph(text: string): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	return p;
}

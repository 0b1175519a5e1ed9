import * as Y from 'yjs';
import {
	AGENDA_ITEM,
	AGENDA_NOTES,
	AGENDA_TOPIC,
	EMPTY_ITEM_ATTRS,
	type AgendaItemAttrs
} from '../../src/lib/domain/agendaItems';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';

/** An item as the server writes one (the demo's, tests'): fields, topic and note paragraphs. */
export interface AgendaItemSeed {
	attrs: Pick<AgendaItemAttrs, 'id'> & Partial<AgendaItemAttrs>;
	topic: string;
	notes?: readonly string[];
}

/**
 * An item in the XML shape the editor's binding (y-tiptap) writes for the agendaItem node: every
 * attribute as a string, one topic element holding the text, one notes element of paragraphs.
 */
export function agendaItemElement(seed: AgendaItemSeed): Y.XmlElement {
	const item = new Y.XmlElement(AGENDA_ITEM);
	for (const [k, v] of Object.entries({ ...EMPTY_ITEM_ATTRS, ...seed.attrs }))
		item.setAttribute(k, v);
	const topic = new Y.XmlElement(AGENDA_TOPIC);
	topic.insert(0, [new Y.XmlText(seed.topic)]);
	const notes = new Y.XmlElement(AGENDA_NOTES);
	const paragraphs = seed.notes?.length ? seed.notes : [''];
	notes.insert(
		0,
		paragraphs.map((text) => {
			const p = new Y.XmlElement('paragraph');
			if (text) p.insert(0, [new Y.XmlText(text)]);
			return p;
		})
	);
	item.insert(0, [topic, notes]);
	return item;
}

/**
 * An update that appends `items` to an agenda whose state is `base`, written by a fresh Yjs
 * client (its id is returned, to be bound to the user the items are from): the server's record
 * then names that user as their author.
 */
export function appendAgendaItems(
	base: Uint8Array,
	items: readonly AgendaItemSeed[]
): { update: Uint8Array; clientId: number } {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, base);
		const before = Y.encodeStateVector(doc);
		const fragment = doc.getXmlFragment(AGENDA_FRAGMENT);
		doc.transact(() => fragment.push(items.map(agendaItemElement)));
		return { update: Y.encodeStateAsUpdate(doc, before), clientId: doc.clientID };
	} finally {
		doc.destroy();
	}
}

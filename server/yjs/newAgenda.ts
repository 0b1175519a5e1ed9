import * as Y from 'yjs';
import { AGENDA_FRAGMENT, AGENDA_META, AGENDA_SCHEMA_VERSION } from '../../src/lib/domain/agenda';

export interface AgendaBlock {
	type: 'heading' | 'paragraph' | 'bulletList';
	text: string | readonly string[];
}

/**
 * A new agenda document with every container made up front, in the XML shape TipTap's
 * Collaboration extension reads (element per node, attributes as node attrs).
 */
export function newAgenda(blocks: readonly AgendaBlock[]): {
	update: Uint8Array;
	clientId: number;
} {
	const doc = new Y.Doc();
	doc.transact(() => {
		doc.getMap(AGENDA_META).set('schemaVersion', AGENDA_SCHEMA_VERSION);
		const fragment = doc.getXmlFragment(AGENDA_FRAGMENT);
		for (const block of blocks) fragment.push([toXml(block)]);
	});
	const update = Y.encodeStateAsUpdate(doc);
	const clientId = doc.clientID;
	doc.destroy();
	return { update, clientId };
}

function paragraph(text: string): Y.XmlElement {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	return p;
}

function toXml(block: AgendaBlock): Y.XmlElement {
	const texts: readonly string[] = typeof block.text === 'string' ? [block.text] : block.text;
	if (block.type === 'heading') {
		const h = new Y.XmlElement('heading');
		h.setAttribute('level', 2 as unknown as string);
		h.insert(0, [new Y.XmlText(texts.join(' '))]);
		return h;
	}
	if (block.type === 'bulletList') {
		const list = new Y.XmlElement('bulletList');
		list.insert(
			0,
			texts.map((t) => {
				const li = new Y.XmlElement('listItem');
				li.insert(0, [paragraph(t)]);
				return li;
			})
		);
		return list;
	}
	return paragraph(texts.join(' '));
}

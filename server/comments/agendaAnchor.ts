import * as Y from 'yjs';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import { readAgendaItems } from '../../src/lib/domain/agendaItems';
import { isBoundedBase64, MAX_ANCHOR_BYTES } from '../../src/lib/domain/comments';
import type { YjsUpdateStore } from '../storage/YjsUpdateStore';

/**
 * The server's copy of an agenda revision, read from the update log (rows were validated when
 * they were written; they are applied, never merged). The caller destroys it.
 */
export async function loadAgenda(store: YjsUpdateStore, agendaId: string): Promise<Y.Doc> {
	const { updates } = await store.load(agendaId);
	const doc = new Y.Doc({ gc: false });
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

export function itemIds(doc: Y.Doc): Set<string> {
	return new Set(readAgendaItems(doc.getXmlFragment(AGENDA_FRAGMENT)).map((i) => i.id));
}

/** One end of a passage, decoded; null for anything that is not a small relative position. */
function decode(encoded: unknown): Y.RelativePosition | null {
	if (!isBoundedBase64(encoded, MAX_ANCHOR_BYTES)) return null;
	const bytes = Buffer.from(encoded, 'base64');
	if (bytes.length === 0 || bytes.length > MAX_ANCHOR_BYTES) return null;
	try {
		const pos = Y.decodeRelativePosition(bytes);
		// A type named by name must be the agenda's own text: any other name would make every
		// reader's Y.Doc create that top-level type when it decodes the anchor.
		if (pos.tname !== null && pos.tname !== AGENDA_FRAGMENT) return null;
		if (pos.item === null && pos.type === null && pos.tname === null) return null;
		return pos;
	} catch {
		return null;
	}
}

/** Whether `type` is the agenda's fragment or lies inside it. */
function insideAgenda(type: Y.AbstractType<unknown>, fragment: Y.XmlFragment): boolean {
	for (let t: Y.AbstractType<unknown> | null = type; t;) {
		if (t === fragment) return true;
		const parent: unknown = t._item?.parent;
		t = parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>) : null;
	}
	return false;
}

/**
 * A passage's two ends are valid when each decodes to a relative position that resolves, in the
 * server's copy of this revision, to a place inside the agenda's text: a position made up, or
 * pointing at text the server never received, is refused.
 */
export function anchorResolves(doc: Y.Doc, start: unknown, end: unknown): boolean {
	const fragment = doc.getXmlFragment(AGENDA_FRAGMENT);
	for (const encoded of [start, end]) {
		const pos = decode(encoded);
		if (!pos) return false;
		let abs: Y.AbsolutePosition | null;
		try {
			abs = Y.createAbsolutePositionFromRelativePosition(pos, doc, false);
		} catch {
			return false;
		}
		if (!abs || !insideAgenda(abs.type, fragment)) return false;
	}
	return true;
}

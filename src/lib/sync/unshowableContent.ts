import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';

// y-prosemirror stores overlapping marks of one type under `name--<8-char hash>`.
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/**
 * Describes the first thing under `type` that `schema` cannot show, or returns null. The editor
 * binding (y-tiptap) deletes such content from the shared document when it renders it, and
 * silently drops unknown attributes the next time a paragraph is edited: a client that finds
 * anything here must not write, or it would erase what a newer app version added.
 */
export function findUnshowable(
	type: Y.XmlFragment | Y.XmlElement | Y.XmlText,
	schema: Schema
): string | null {
	if (type instanceof Y.XmlText) return unshowableText(type, schema);
	if (type instanceof Y.XmlElement) {
		const node = schema.nodes[type.nodeName];
		if (!node || node.isText) return `node <${type.nodeName}>`;
		for (const name of Object.keys(type.getAttributes())) {
			if (!Object.hasOwn(node.spec.attrs ?? {}, name))
				return `attribute ${name} on <${type.nodeName}>`;
		}
	}
	for (const child of type.toArray()) {
		if (!(child instanceof Y.XmlElement) && !(child instanceof Y.XmlText)) {
			return 'a shared type that is not XML';
		}
		const found = findUnshowable(child, schema);
		if (found) return found;
	}
	return null;
}

function unshowableText(text: Y.XmlText, schema: Schema): string | null {
	for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
		if (typeof op.insert !== 'string') return 'an embed inside text';
		for (const [key, value] of Object.entries(op.attributes ?? {})) {
			const name = HASHED_MARK.exec(key)?.[1] ?? key;
			const mark = schema.marks[name];
			if (!mark) return `mark ${name}`;
			if (value === null || typeof value !== 'object') continue;
			for (const attr of Object.keys(value)) {
				if (!Object.hasOwn(mark.spec.attrs ?? {}, attr)) return `attribute ${attr} on mark ${name}`;
			}
		}
	}
	return null;
}

import { Node, type Attributes, type NodeViewRenderer } from '@tiptap/core';
import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { Plugin } from '@tiptap/pm/state';
// Relative, not $lib: the unit tests load this module without SvelteKit's aliases.
import {
	AGENDA_ITEM,
	AGENDA_NOTES,
	AGENDA_TOPIC,
	EMPTY_ITEM_ATTRS,
	type AgendaItemAttrs
} from '../../domain/agendaItems';

/** Every field of an item, in the order its controls show them. */
export const ITEM_FIELDS = [
	'id',
	'raisedBy',
	'link',
	'minutes',
	'decision',
	'owner',
	'due'
] as const satisfies readonly (keyof AgendaItemAttrs)[];

/** `raisedBy` ↔ `data-raised-by`: how an attribute travels through copied HTML. */
const dataName = (field: string) => `data-${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * An agenda item (议题): a block whose attributes are the item's fields (strings, '' when
 * unset) and whose content is exactly one topic line and one notes block. Attributes survive a
 * copy-paste through HTML as data-attributes; `readAgendaItems` counts a pasted duplicate id once.
 * `view` is the editor's node view; without one (the content check, tests) it renders as HTML.
 */
export function agendaItemNode(view?: NodeViewRenderer) {
	return Node.create({
		name: AGENDA_ITEM,
		group: 'block',
		content: `${AGENDA_TOPIC} ${AGENDA_NOTES}`,
		// The cursor stays inside: Enter in the topic never splits an item into two with one id.
		defining: true,
		isolating: true,
		draggable: false,
		addAttributes() {
			const attrs: Attributes = {};
			for (const field of ITEM_FIELDS) {
				attrs[field] = {
					default: field === 'id' ? '' : EMPTY_ITEM_ATTRS[field],
					// Should anything ever split an item, the second half must not share its id.
					keepOnSplit: field !== 'id',
					parseHTML: (el: HTMLElement) => el.getAttribute(dataName(field)) ?? '',
					renderHTML: (values: Record<string, unknown>) => ({
						[dataName(field)]: typeof values[field] === 'string' ? values[field] : ''
					})
				};
			}
			return attrs;
		},
		parseHTML: () => [{ tag: 'section[data-agenda-item]' }],
		renderHTML: ({ HTMLAttributes }) => [
			'section',
			{ ...HTMLAttributes, 'data-agenda-item': '', class: 'agenda-item' },
			0
		],
		addNodeView: view ? () => view : null,
		addProseMirrorPlugins: () => [renewPastedIds()]
	});
}

/**
 * A pasted item whose id is already in the document (a copy) gets a fresh id: it is a new item,
 * and signatures and tasks stay with the original. An item cut and pasted elsewhere keeps its id.
 */
export function renewPastedIds(): Plugin {
	return new Plugin({
		props: {
			transformPasted(slice, view) {
				const taken = new Set<string>();
				view.state.doc.descendants((n) => {
					if (n.type.name === AGENDA_ITEM) taken.add(String(n.attrs.id));
					return n.type.name !== AGENDA_ITEM;
				});
				const renew = (fragment: Fragment): Fragment => {
					const nodes: PMNode[] = [];
					fragment.forEach((n) => {
						if (n.isText || n.childCount === 0) nodes.push(n);
						else if (n.type.name !== AGENDA_ITEM) nodes.push(n.copy(renew(n.content)));
						else {
							const id = String(n.attrs.id);
							const fresh = taken.has(id) || !id ? newItemId() : id;
							taken.add(fresh);
							nodes.push(n.type.create({ ...n.attrs, id: fresh }, n.content, n.marks));
						}
					});
					return Fragment.from(nodes);
				};
				return new Slice(renew(slice.content), slice.openStart, slice.openEnd);
			}
		}
	});
}

/** The item's topic: one line of plain text (no marks, no line breaks). */
export const AgendaTopic = Node.create({
	name: AGENDA_TOPIC,
	content: 'text*',
	marks: '',
	defining: true,
	parseHTML: () => [{ tag: 'div[data-agenda-topic]' }],
	renderHTML: () => ['div', { 'data-agenda-topic': '', class: 'agenda-topic' }, 0],
	addKeyboardShortcuts() {
		return {
			// The topic is one line: Enter goes on to the notes (into their first paragraph).
			Enter: ({ editor }) => {
				const { $from } = editor.state.selection;
				if ($from.parent.type.name !== AGENDA_TOPIC) return false;
				return editor.commands.setTextSelection($from.after() + 2);
			}
		};
	}
});

/** The discussion notes: paragraphs, written during the meeting. */
export const AgendaNotes = Node.create({
	name: AGENDA_NOTES,
	content: 'paragraph+',
	defining: true,
	parseHTML: () => [{ tag: 'div[data-agenda-notes]' }],
	renderHTML: () => ['div', { 'data-agenda-notes': '', class: 'agenda-notes' }, 0]
});

/** ProseMirror JSON of a new, empty item: what "添加议题" inserts. */
export function newItemContent(id: string) {
	return {
		type: AGENDA_ITEM,
		attrs: { id, ...EMPTY_ITEM_ATTRS },
		content: [{ type: AGENDA_TOPIC }, { type: AGENDA_NOTES, content: [{ type: 'paragraph' }] }]
	};
}

/** A v4 UUID (getRandomValues works on plain-http LAN addresses too, unlike randomUUID). */
export function newItemId(): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

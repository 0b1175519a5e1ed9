import * as Y from 'yjs';
import { isCommittee, type Committee } from './roles';

/**
 * Agenda items (议题): structured blocks inside the agenda's rich text, one TipTap node each
 * (see src/lib/components/agenda/agendaContent.ts). In the Yjs document an item is a
 * Y.XmlElement named AGENDA_ITEM whose attributes are the item's fields and whose children are
 * one topic element (inline text) and one notes element (paragraphs, the discussion notes).
 *
 * The document is written by clients, so everything read here is untrusted: a field of the wrong
 * type reads as empty, never throws. The server reads items from its own copy of the document
 * (decisions → tasks, minutes export); who wrote an item comes from the server's record of which
 * user sent the Yjs client id that created the element, never from an attribute.
 */
export const AGENDA_ITEM = 'agendaItem';
export const AGENDA_TOPIC = 'agendaTopic';
export const AGENDA_NOTES = 'agendaNotes';

export const DECISIONS = ['agreed', 'deferred', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

export function isDecision(value: unknown): value is Decision {
	return typeof value === 'string' && (DECISIONS as readonly string[]).includes(value);
}

/** Item ids are made by the client that inserts the item: a UUID, nothing else is accepted. */
export const AGENDA_ITEM_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What an item links to: a resident demand or a secretary project's board. */
export type AgendaLink = { kind: 'demand' | 'project'; id: string };

export function parseAgendaLink(value: unknown): AgendaLink | null {
	if (typeof value !== 'string') return null;
	const m = /^(demand|project):([A-Za-z0-9_-]{1,80})$/.exec(value);
	return m ? { kind: m[1] as AgendaLink['kind'], id: m[2] as string } : null;
}

export const MAX_ITEM_MINUTES = 240;

/** The fields an item's node carries as attributes, as stored (strings so that Yjs keeps them). */
export type AgendaItemAttrs = {
	/** AGENDA_ITEM_ID; signatures, comments and tasks refer to the item by it. */
	id: string;
	/** The committee that raised the topic, or ''. */
	raisedBy: Committee | '';
	/** `demand:<id>`, `project:<boardId>`, or ''. */
	link: string;
	/** Time allotted, whole minutes as a string ('' when not set). */
	minutes: string;
	decision: Decision | '';
	/** The decision's owner as board tasks name one: `user:<id>`, `committee:<key>`, or ''. */
	owner: string;
	/** YYYY-MM-DD, or ''. */
	due: string;
};

export const EMPTY_ITEM_ATTRS: Omit<AgendaItemAttrs, 'id'> = {
	raisedBy: '',
	link: '',
	minutes: '',
	decision: '',
	owner: '',
	due: ''
};

/** An item read from the shared document. */
export type AgendaItem = {
	id: string;
	raisedBy: Committee | null;
	link: AgendaLink | null;
	minutes: number | null;
	decision: Decision | null;
	owner: string;
	due: string;
	topic: string;
	/** The discussion notes as plain text, one line per paragraph. */
	notes: string;
	/** The Yjs client id that created the element: the server maps it to the user who sent it. */
	createdByClient: number | null;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function readItem(element: Y.XmlElement): AgendaItem | null {
	const attr = (name: keyof AgendaItemAttrs) => {
		const v: unknown = element.getAttribute(name);
		return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
	};
	const id = attr('id');
	if (!AGENDA_ITEM_ID.test(id)) return null;
	const raisedBy = attr('raisedBy');
	const minutes = Number.parseInt(attr('minutes'), 10);
	const decision = attr('decision');
	const due = attr('due');
	let topic = '';
	const notes: string[] = [];
	for (const child of element.toArray()) {
		if (!(child instanceof Y.XmlElement)) continue;
		if (child.nodeName === AGENDA_TOPIC) topic = textOf(child);
		else if (child.nodeName === AGENDA_NOTES)
			for (const p of child.toArray()) notes.push(textOf(p));
	}
	return {
		id,
		raisedBy: isCommittee(raisedBy) ? raisedBy : null,
		link: parseAgendaLink(attr('link')),
		minutes: minutes > 0 && minutes <= MAX_ITEM_MINUTES ? minutes : null,
		decision: isDecision(decision) ? decision : null,
		owner: attr('owner'),
		due: DATE.test(due) ? due : '',
		topic: topic.trim(),
		notes: notes.join('\n').trim(),
		createdByClient: element._item?.id.client ?? null
	};
}

/** Plain text of an element's descendants (marks dropped). */
function textOf(type: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
	if (type instanceof Y.XmlText)
		return (type.toDelta() as { insert?: unknown }[]).map(textInsert).join('');
	if (!(type instanceof Y.XmlElement)) return '';
	return type
		.toArray()
		.map((c) => textOf(c))
		.join('');
}

function textInsert(op: { insert?: unknown }): string {
	return typeof op.insert === 'string' ? op.insert : '';
}

/**
 * Every item of an agenda fragment in document order. An id seen twice (a copy-paste of a whole
 * item) counts once, the first: signatures and tasks must not attach to two blocks.
 */
export function readAgendaItems(fragment: Y.XmlFragment): AgendaItem[] {
	const items: AgendaItem[] = [];
	const seen = new Set<string>();
	for (const child of fragment.toArray()) {
		if (!(child instanceof Y.XmlElement) || child.nodeName !== AGENDA_ITEM) continue;
		const item = readItem(child);
		if (!item || seen.has(item.id)) continue;
		seen.add(item.id);
		items.push(item);
	}
	return items;
}

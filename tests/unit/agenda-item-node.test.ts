import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import {
	prosemirrorJSONToYXmlFragment,
	yXmlFragmentToProseMirrorRootNode,
	yXmlFragmentToProsemirrorJSON
} from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agendaItemElement } from '../../server/yjs/agendaItemXml';
import { agendaSchema } from '../../src/lib/components/agenda/agendaContent';
import {
	newItemContent,
	newItemId,
	renewPastedIds
} from '../../src/lib/components/agenda/agendaItemNodes';
import { Fragment, Slice } from '@tiptap/pm/model';
import type { EditorView } from '@tiptap/pm/view';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';
import {
	AGENDA_ITEM,
	AGENDA_ITEM_ID,
	readAgendaItems,
	type AgendaItemAttrs
} from '../../src/lib/domain/agendaItems';
import { isSafeHref } from '../../src/lib/domain/safeHref';
import { findUnshowable } from '../../src/lib/sync/unshowableContent';

const schema = agendaSchema();

/** The agenda schema as AGENDA_SCHEMA_VERSION 1 shipped it: StarterKit only, no items. */
const schemaV1 = getSchema([
	StarterKit.configure({ undoRedo: false, link: { isAllowedUri: (url) => isSafeHref(url) } })
]);

const ID_A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const ID_B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

const FULL: AgendaItemAttrs = {
	id: ID_A,
	raisedBy: 'owners_committee',
	link: 'project:abc123',
	minutes: '25',
	decision: 'agreed',
	owner: 'user:u-pm',
	due: '2026-12-31'
};

/** A document as the editor holds it: a heading, an item with every field, an empty item. */
const docJSON = {
	type: 'doc',
	content: [
		{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '12月联合办公会' }] },
		{
			type: AGENDA_ITEM,
			attrs: FULL,
			content: [
				{ type: 'agendaTopic', content: [{ type: 'text', text: '东门停车秩序' }] },
				{
					type: 'agendaNotes',
					content: [
						{ type: 'paragraph', content: [{ type: 'text', text: '晚间占用消防通道。' }] },
						{ type: 'paragraph', content: [{ type: 'text', text: '划线并每周巡查。' }] }
					]
				}
			]
		},
		newItemContent(ID_B)
	]
};

/** ProseMirror JSON → a fresh Y.Doc's fragment, as the editor's binding writes it. */
function toYjs(json: unknown): Y.XmlFragment {
	const doc = new Y.Doc();
	return prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(AGENDA_FRAGMENT));
}

describe('the agenda item node survives round trips', () => {
	it('ProseMirror JSON → Yjs → ProseMirror JSON keeps every attribute, the topic and the notes', () => {
		const fragment = toYjs(docJSON);
		const back = yXmlFragmentToProsemirrorJSON(fragment);
		expect(schema.nodeFromJSON(back).eq(schema.nodeFromJSON(docJSON))).toBe(true);
		expect((back.content as { attrs?: unknown }[])[1]!.attrs).toEqual(FULL);
		// What the editor writes is what this schema shows: the content check finds nothing.
		expect(findUnshowable(fragment, schema)).toBeNull();
	});

	it('Yjs (as the server writes an item) → ProseMirror → Yjs gives the same items', () => {
		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment(AGENDA_FRAGMENT);
		fragment.push([agendaItemElement({ attrs: FULL, topic: '东门停车秩序', notes: ['一', '二'] })]);
		expect(findUnshowable(fragment, schema)).toBeNull();
		const node = yXmlFragmentToProseMirrorRootNode(fragment, schema);
		node.check();
		const again = toYjs(node.toJSON());
		// Everything but the creating client id (a new document has its own) reads the same.
		const fields = (f: Y.XmlFragment) =>
			readAgendaItems(f).map((i) => ({ ...i, createdByClient: typeof i.createdByClient }));
		expect(fields(again)).toEqual(fields(fragment));
		expect(readAgendaItems(again)[0]).toMatchObject({ topic: '东门停车秩序', notes: '一\n二' });
	});

	it('an item copied through HTML keeps its fields (clipboard, drag)', () => {
		const item = schema.nodeFromJSON(docJSON).child(1);
		const spec = item.type.spec.toDOM!(item) as [string, Record<string, string>, ...unknown[]];
		expect(spec[1]).toMatchObject({
			'data-id': ID_A,
			'data-raised-by': 'owners_committee',
			'data-link': 'project:abc123',
			'data-minutes': '25',
			'data-decision': 'agreed',
			'data-owner': 'user:u-pm',
			'data-due': '2026-12-31'
		});
	});

	it('"添加议题" makes a valid item with a fresh UUID', () => {
		const ids = new Set(Array.from({ length: 50 }, () => newItemId()));
		expect(ids.size).toBe(50);
		for (const id of ids) expect(id).toMatch(AGENDA_ITEM_ID);
		const node = schema.nodeFromJSON(newItemContent(newItemId()));
		node.check();
		expect(node.childCount).toBe(2);
	});
});

describe('a pasted copy of an item is a new item', () => {
	it('gets a fresh id when its id is already in the document; a cut item keeps its id', () => {
		const doc = schema.nodeFromJSON(docJSON);
		const copy = schema.nodeFromJSON(docJSON.content[1]);
		const moved = schema.nodeFromJSON(newItemContent('3b241101-e2bb-4255-8caf-4136c566a962'));
		const slice = new Slice(Fragment.from([copy, moved]), 0, 0);
		const view = { state: { doc } } as unknown as EditorView;
		const pasted = renewPastedIds().props.transformPasted!.call(
			undefined as never,
			slice,
			view,
			false
		);
		const ids = [pasted.content.child(0).attrs.id, pasted.content.child(1).attrs.id] as string[];
		expect(ids[0]).not.toBe(ID_A);
		expect(ids[0]).toMatch(AGENDA_ITEM_ID);
		expect(ids[1]).toBe('3b241101-e2bb-4255-8caf-4136c566a962');
		// Everything else of the copy is kept.
		expect({ ...pasted.content.child(0).attrs, id: ID_A }).toEqual(FULL);
		expect(pasted.content.child(0).textContent).toBe(copy.textContent);
	});
});

describe('readAgendaItems reads what the editor writes, defensively', () => {
	it('reads every field of an item the editor wrote, in document order', () => {
		const items = readAgendaItems(toYjs(docJSON));
		expect(items).toHaveLength(2);
		expect(items[0]).toEqual({
			id: ID_A,
			raisedBy: 'owners_committee',
			link: { kind: 'project', id: 'abc123' },
			minutes: 25,
			decision: 'agreed',
			owner: 'user:u-pm',
			due: '2026-12-31',
			topic: '东门停车秩序',
			notes: '晚间占用消防通道。\n划线并每周巡查。',
			createdByClient: items[0]!.createdByClient
		});
		expect(typeof items[0]!.createdByClient).toBe('number');
		expect(items[1]).toMatchObject({ id: ID_B, raisedBy: null, decision: null, topic: '' });
	});

	it('an id seen twice (a pasted copy) counts once, the first', () => {
		const copy = structuredClone(docJSON.content[1]!) as { content: { content?: unknown[] }[] };
		copy.content[0]!.content = [{ type: 'text', text: '副本' }];
		const items = readAgendaItems(toYjs({ ...docJSON, content: [...docJSON.content, copy] }));
		expect(items.map((i) => i.id)).toEqual([ID_A, ID_B]);
		expect(items[0]!.topic).toBe('东门停车秩序');
	});

	it('junk attributes read as empty; an item without a UUID is not an item', () => {
		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment(AGENDA_FRAGMENT);
		const junk = agendaItemElement({ attrs: { id: ID_A }, topic: '  乱填  ' });
		junk.setAttribute('raisedBy', 'mayor');
		junk.setAttribute('link', 'javascript:alert(1)');
		junk.setAttribute('minutes', '9999');
		junk.setAttribute('decision', 'maybe');
		junk.setAttribute('due', 'tomorrow');
		const numeric = agendaItemElement({ attrs: { id: ID_B }, topic: '数字' });
		numeric.setAttribute('minutes', 30 as unknown as string);
		numeric.setAttribute('decision', { agreed: true } as unknown as string);
		const noId = agendaItemElement({ attrs: { id: 'item-1' }, topic: '无编号' });
		fragment.push([junk, numeric, noId]);
		const [a, b, ...rest] = readAgendaItems(fragment);
		expect(rest).toEqual([]);
		expect(a).toMatchObject({
			raisedBy: null,
			link: null,
			minutes: null,
			decision: null,
			due: '',
			topic: '乱填'
		});
		expect(b).toMatchObject({ minutes: 30, decision: null });
	});
});

describe('a client of schema 1 meets an agenda item', () => {
	const withItem = () => toYjs(docJSON);

	it('finds content it cannot show, so the session turns read-only', () => {
		expect(findUnshowable(withItem(), schemaV1)).toBe(`node <${AGENDA_ITEM}>`);
	});

	it('its editor binding deletes the item it cannot show; the read-only gate keeps that off the shared doc', () => {
		// AgendaSession's two documents: the synced one, and the one the editor binds to, whose
		// updates cross over only while the session is editable.
		const syncDoc = new Y.Doc();
		prosemirrorJSONToYXmlFragment(schema, docJSON, syncDoc.getXmlFragment(AGENDA_FRAGMENT));
		const viewDoc = new Y.Doc();
		Y.applyUpdate(viewDoc, Y.encodeStateAsUpdate(syncDoc));
		const editable = findUnshowable(syncDoc.getXmlFragment(AGENDA_FRAGMENT), schemaV1) === null;
		expect(editable).toBe(false);
		viewDoc.on('update', (update: Uint8Array) => {
			if (editable) Y.applyUpdate(syncDoc, update);
		});
		// What a version-1 editor does when it renders the shared content.
		const shown = yXmlFragmentToProseMirrorRootNode(
			viewDoc.getXmlFragment(AGENDA_FRAGMENT),
			schemaV1
		);
		const types: string[] = [];
		shown.forEach((n) => types.push(n.type.name));
		expect(types).not.toContain(AGENDA_ITEM);
		expect(readAgendaItems(viewDoc.getXmlFragment(AGENDA_FRAGMENT))).toHaveLength(0);
		// The synced document (what goes to the server) still holds both items.
		expect(readAgendaItems(syncDoc.getXmlFragment(AGENDA_FRAGMENT))).toHaveLength(2);
	});
});

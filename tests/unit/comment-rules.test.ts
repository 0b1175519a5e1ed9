import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorResolves } from '../../server/comments/agendaAnchor';
import { checkInput } from '../../server/comments/commentInput';
import { viewComments, type CommentViewer } from '../../server/comments/commentView';
import type { CommentRecord } from '../../server/storage/CommentStore';
import { AGENDA_FRAGMENT } from '../../src/lib/domain/agenda';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function agenda() {
	const doc = new Y.Doc();
	const p = new Y.XmlElement('paragraph');
	const text = new Y.XmlText('居民反映电梯停运');
	p.insert(0, [text]);
	doc.getXmlFragment(AGENDA_FRAGMENT).insert(0, [p]);
	const at = (i: number) =>
		b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, i)));
	return { doc, text, at };
}

describe('comment anchors', () => {
	it('two positions in the agenda text resolve, also after the text around them changed', () => {
		const { doc, text, at } = agenda();
		const [start, end] = [at(2), at(4)];
		text.insert(0, '【补充】');
		expect(anchorResolves(doc, start, end)).toBe(true);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const abs = Y.createAbsolutePositionFromRelativePosition(
			Y.decodeRelativePosition(Buffer.from(start, 'base64')),
			copy
		);
		expect(abs?.index).toBe(6);
	});

	it('positions the server never saw, in another type, or not positions at all are refused', () => {
		const { doc, at } = agenda();
		const elsewhere = new Y.Doc();
		const foreign = elsewhere.getText('t');
		foreign.insert(0, 'abc');
		const unseen = b64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(foreign, 1)));
		const named = b64(
			Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(doc.getMap('meta'), 0))
		);
		const evil = b64(
			Y.encodeRelativePosition(
				Y.createRelativePositionFromTypeIndex(new Y.Doc().getText('evil'), 0)
			)
		);
		for (const bad of [unseen, named, evil, '', 'AAAA', '!!!!', 'A'.repeat(200), 42, null])
			expect(anchorResolves(doc, bad, at(1)), String(bad)).toBe(false);
		// A position naming another top-level type is refused before it could create that type.
		expect(doc.share.has('evil')).toBe(false);
	});
});

describe('comment input', () => {
	const key = '0b8f8d52-3c1e-4d8e-9f0a-2b6c7d8e9f01';
	it('a reply carries no item or passage of its own', () => {
		expect(() =>
			checkInput({
				clientKey: key,
				body: 'x',
				parentId: 'cm-0b8f8d52-3c1e-4d8e-9f0a-2b6c7d8e9f01',
				itemId: key
			})
		).toThrow('invalid: parent');
	});
	it('the body is trimmed and capped in characters, not bytes', () => {
		expect(checkInput({ clientKey: key, body: '  意见  ' }).body).toBe('意见');
		expect(checkInput({ clientKey: key, body: '字'.repeat(1000) }).body).toHaveLength(1000);
		expect(() => checkInput({ clientKey: key, body: '字'.repeat(1001) })).toThrow('invalid: body');
	});
});

describe('what a reader sees of a comment', () => {
	const record = (over: Partial<CommentRecord>): CommentRecord => ({
		id: 'cm-1',
		meetingId: 'mt-1',
		agendaId: 'ag-1',
		itemId: null,
		anchorStart: null,
		anchorEnd: null,
		quote: null,
		parentId: null,
		authorId: 'u-resident',
		clientKey: 'k',
		body: '正文',
		mentions: [],
		createdAt: 1,
		editedAt: null,
		deletedAt: null,
		resolvedAt: null,
		resolvedBy: null,
		hiddenAt: null,
		hiddenBy: null,
		hiddenReason: null,
		...over
	});
	const reader: CommentViewer = {
		userId: 'u-rc',
		roles: new Set(['residents_committee']),
		seesHidden: false
	};
	const secretary: CommentViewer = {
		userId: 'u-secretary',
		roles: new Set(['secretary']),
		seesHidden: true
	};
	const names = new Map([['u-secretary', '王建华']]);

	it('a hidden comment and its replies reach only the secretary, marked with the reason', () => {
		const all = [
			record({ id: 'cm-h', hiddenAt: 5, hiddenBy: 'u-secretary', hiddenReason: '不当' }),
			record({ id: 'cm-r', parentId: 'cm-h' }),
			record({ id: 'cm-ok' })
		];
		expect(viewComments(all, reader, names).map((c) => c.id)).toEqual(['cm-ok']);
		const seen = viewComments(all, secretary, names);
		expect(seen.map((c) => c.id)).toEqual(['cm-h', 'cm-r', 'cm-ok']);
		expect(seen[0]?.hidden).toEqual({ at: 5, byName: '王建华', reason: '不当' });
	});

	it('a deleted comment keeps its place without its text; only its author gets the client key', () => {
		const [gone] = viewComments([record({ deletedAt: 3, quote: '引' })], reader, names);
		expect(gone).toMatchObject({ deleted: true, body: '', quote: null, clientKey: null });
		const [own] = viewComments([record({})], { ...reader, userId: 'u-resident' }, names);
		expect(own?.clientKey).toBe('k');
	});
});

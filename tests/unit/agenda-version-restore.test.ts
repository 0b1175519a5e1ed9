import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	parseVersionId,
	parseVersionName,
	sharedBlocks
} from '../../src/lib/domain/agendaVersions';
import { restoreAgenda } from '../../src/lib/sync/restoreAgenda';

function paragraph(text: string) {
	const p = new Y.XmlElement('paragraph');
	p.insert(0, [new Y.XmlText(text)]);
	return p;
}

function agenda(texts: string[]) {
	const doc = new Y.Doc();
	doc.getXmlFragment('default').push(texts.map(paragraph));
	return doc;
}

const texts = (doc: Y.Doc) =>
	doc
		.getXmlFragment('default')
		.toArray()
		.map((b) => (b as Y.XmlElement).toJSON());

describe('which blocks two versions share', () => {
	it('keeps the longest common run in order and marks the rest on each side', () => {
		const { sameA, sameB } = sharedBlocks(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e']);
		expect(sameA).toEqual([true, false, true, true]);
		expect(sameB).toEqual([true, false, true, true, false]);
	});

	it('handles empty sides and a moved block (seen as removed and added)', () => {
		expect(sharedBlocks([], ['a'])).toEqual({ sameA: [], sameB: [false] });
		const moved = sharedBlocks(['a', 'b', 'c'], ['c', 'a', 'b']);
		expect(moved.sameA).toEqual([true, true, false]);
		expect(moved.sameB).toEqual([false, true, true]);
	});
});

describe('restoring a version into the edited agenda', () => {
	it('ends with exactly the version’s blocks, keeping the shared ones as the same Yjs items', () => {
		const current = agenda(['议题一', '会后新增', '议题二', '临时动议']);
		const version = agenda(['议题一', '议题二', '会前备注']);
		const kept = current.getXmlFragment('default').get(0);
		const result = restoreAgenda(
			current.getXmlFragment('default'),
			version.getXmlFragment('default'),
			'test'
		);
		expect(texts(current)).toEqual(texts(version));
		expect(result).toEqual({ removed: 2, added: 1 });
		// Unchanged blocks are not re-created: what is anchored in them stays attached.
		expect(current.getXmlFragment('default').get(0)).toBe(kept);
	});

	it('is one transaction with the given origin, so an undo manager can take it back', () => {
		const current = agenda(['甲', '乙']);
		const fragment = current.getXmlFragment('default');
		const undo = new Y.UndoManager(fragment, { trackedOrigins: new Set(['restore']) });
		let transactions = 0;
		current.on('afterTransaction', (tr: Y.Transaction) => {
			if (tr.origin === 'restore') transactions++;
		});
		restoreAgenda(fragment, agenda(['丙']).getXmlFragment('default'), 'restore');
		expect(transactions).toBe(1);
		expect(texts(current)).toEqual(['<paragraph>丙</paragraph>']);
		undo.undo();
		expect(texts(current)).toEqual(['<paragraph>甲</paragraph>', '<paragraph>乙</paragraph>']);
	});

	it('copies attributes, nested elements and formatting (an agenda item survives)', () => {
		const version = new Y.Doc();
		const item = new Y.XmlElement('agendaItem');
		item.setAttribute('decision', 'agreed');
		const topic = new Y.XmlElement('agendaTopic');
		const text = new Y.XmlText();
		topic.insert(0, [text]);
		item.insert(0, [topic]);
		version.getXmlFragment('default').push([item]);
		text.insert(0, '加装电梯', { bold: true });
		const current = agenda(['别的']);
		restoreAgenda(current.getXmlFragment('default'), version.getXmlFragment('default'), null);
		expect(texts(current)).toEqual(texts(version));
		expect(texts(current)[0]).toContain('decision="agreed"');
		expect(texts(current)[0]).toContain('<bold>加装电梯</bold>');
	});
});

describe('names and ids from a form or a URL', () => {
	it('accepts a trimmed one-line name of 1–40 characters', () => {
		expect(parseVersionName('  会前定稿 ')).toBe('会前定稿');
		expect(parseVersionName('𠀀'.repeat(40))).toBe('𠀀'.repeat(40));
		for (const bad of ['', ' ', 'a\nb', 'a\u2028b', '名'.repeat(41), 42, null])
			expect(parseVersionName(bad)).toBeNull();
	});

	it('accepts only a positive whole number as a version id', () => {
		expect(parseVersionId('12')).toBe(12);
		for (const bad of ['0', '-1', '1.5', '01', 'x', '', '1e3', '9'.repeat(13)])
			expect(parseVersionId(bad)).toBeNull();
	});
});

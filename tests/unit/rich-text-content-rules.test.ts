import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { agendaSchema } from '../../src/lib/components/agenda/agendaContent';
import { isSafeHref } from '../../src/lib/domain/safeHref';
import { findUnshowable } from '../../src/lib/sync/unshowableContent';

describe('links keep only safe schemes, as the browser parses them', () => {
	it.each([
		'https://example.org/a?b=1',
		'http://example.org',
		'mailto:a@example.org',
		'tel:+862212345678',
		'/agenda/x',
		'#part-2',
		''
	])('keeps %j', (href) => expect(isSafeHref(href)).toBe(true));

	it.each([
		'javascript:alert(1)',
		'jAvAsCrIpT:alert(1)',
		' javascript:alert(1)',
		'\u0000javascript:alert(1)',
		'\u0001javascript:alert(1)',
		'java\tscript:alert(1)',
		'java\nscript:alert(1)',
		'data:text/html,<script>alert(1)</script>',
		'vbscript:msgbox(1)',
		'file:///etc/passwd',
		'blob:https://example.org/x'
	])('drops %j', (href) => expect(isSafeHref(href)).toBe(false));
});

describe('shared agenda content this schema cannot show is found', () => {
	const schema = agendaSchema();
	const build = (fill: (f: Y.XmlFragment) => void) => {
		const doc = new Y.Doc();
		const fragment = doc.getXmlFragment('default');
		fill(fragment);
		return fragment;
	};
	const paragraph = (text: string, attributes?: Record<string, unknown>) => {
		const p = new Y.XmlElement('paragraph');
		const t = new Y.XmlText();
		t.insert(0, text, attributes);
		p.insert(0, [t]);
		return p;
	};

	it('accepts what the editor itself writes: headings, lists, bold, links', () => {
		const fragment = build((f) => {
			const h = new Y.XmlElement('heading');
			h.setAttribute('level', 2 as unknown as string);
			h.insert(0, [new Y.XmlText('标题')]);
			const list = new Y.XmlElement('bulletList');
			const item = new Y.XmlElement('listItem');
			item.insert(0, [paragraph('一项', { bold: {} })]);
			list.insert(0, [item]);
			f.push([h, list, paragraph('链接', { link: { href: 'https://example.org/' } })]);
		});
		expect(findUnshowable(fragment, schema)).toBeNull();
	});

	it.each<[string, (f: Y.XmlFragment) => void]>([
		['node <script>', (f) => f.push([new Y.XmlElement('script')])],
		['node <decision>', (f) => f.push([new Y.XmlElement('decision')])],
		[
			'attribute onclick on <paragraph>',
			(f) => {
				const p = paragraph('x');
				p.setAttribute('onclick', 'alert(1)');
				f.push([p]);
			}
		],
		['mark highlight', (f) => f.push([paragraph('x', { highlight: {} })])],
		[
			'attribute onclick on mark link',
			(f) => f.push([paragraph('x', { link: { href: 'https://a.example', onclick: 'x' } })])
		]
	])('finds %s', (what, fill) => {
		expect(findUnshowable(build(fill), schema)).toBe(what);
	});
});

import { agendaHistoryZh } from '../../../src/lib/i18n/zh-CN/agendaHistory';
import type { MinutesData, MinutesItem } from './minutesData';

// Faces every Chinese Word installation has: 宋体 for text, 黑体 for headings. Word substitutes
// on machines without them (WPS and LibreOffice map both names).
const BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' };
const HEAD = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimHei' };
const RED = 'B91C1C';

/**
 * The minutes as a Word document (.docx), the same plain layout as the PDF: heading, the
 * meeting's particulars, each item with its decision, owner and due date, the committees'
 * signatures. Fonts are named, not embedded: a .docx reader sets them from its own faces.
 */
export async function minutesDocx(d: MinutesData): Promise<Uint8Array> {
	// Loaded on first use, in the worker: docx and its zip writer are only needed here.
	const docx = await import('docx');
	const { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } = docx;
	const m = agendaHistoryZh.minutes;

	const para = (
		runs: InstanceType<typeof TextRun>[],
		opts: { center?: boolean; right?: boolean; after?: number; indent?: number } = {}
	) =>
		new Paragraph({
			children: runs,
			alignment: opts.center
				? AlignmentType.CENTER
				: opts.right
					? AlignmentType.RIGHT
					: AlignmentType.LEFT,
			spacing: { after: opts.after ?? 80, line: 360 },
			indent: opts.indent ? { left: opts.indent } : undefined
		});
	const run = (
		text: string,
		o: { bold?: boolean; size?: number; color?: string; head?: boolean } = {}
	) =>
		new TextRun({
			text,
			bold: o.bold,
			size: o.size ?? 24,
			color: o.color,
			font: o.head ? HEAD : BODY
		});
	const field = (label: string, value: string, indent?: number) =>
		para([run(`${label}：`, { bold: true }), run(value)], { indent });
	// An item: its number and topic, then its fields indented under it.
	const itemParagraphs = (item: MinutesItem, n: number) => {
		const indent = 420;
		const out = [
			para([run(`${m.item(n)}：${item.topic}`, { bold: true, size: 26, head: true })], {
				after: 60
			}),
			field(m.raisedBy, item.raisedBy, indent),
			field(m.notes, item.notes, indent),
			field(m.decision, item.decision, indent),
			field(m.owner, item.owner, indent),
			field(m.due, item.due, indent)
		];
		if (item.agreedBy.length > 0) out.push(field(m.signedItem, item.agreedBy.join('、'), indent));
		out.push(para([], { after: 60 }));
		return out;
	};
	const section = (text: string) =>
		para([run(text, { bold: true, size: 28, color: RED, head: true })], { after: 120 });

	const children: InstanceType<typeof Paragraph>[] = [
		para([run(m.heading, { bold: true, size: 40, color: RED, head: true })], {
			center: true,
			after: 200
		}),
		para([run(d.title, { bold: true, size: 32, head: true })], { center: true, after: 240 }),
		field(m.community, d.community),
		field(m.when, d.when),
		field(m.place, d.place),
		field(m.attendees, d.committees.join('、'))
	];
	if (d.otherParties.length > 0) children.push(field(m.others, d.otherParties.join('、')));
	children.push(field(m.state, [d.state, ...d.revision].join('，')));
	if (d.versionNote) children.push(para([run(d.versionNote, { color: RED, size: 21 })]));
	children.push(para([], { after: 120 }));

	if (d.items.length > 0) {
		children.push(section(m.items));
		d.items.forEach((item, k) => children.push(...itemParagraphs(item, k + 1)));
	} else {
		children.push(section(m.content));
		if (d.text.length === 0) children.push(para([run(m.noContent)]));
		for (const block of d.text)
			children.push(para([run(block.text, { bold: block.heading, head: block.heading })]));
	}
	if (d.signatures.length > 0) {
		children.push(para([], { after: 120 }), section(m.signatures));
		for (const s of d.signatures) children.push(field(s.committee, s.line));
	}
	children.push(para([run(d.generated, { size: 19, color: '52525B' })], { right: true }));

	const document = new Document({
		creator: '共治 Gongzhi',
		title: d.title,
		subject: m.heading,
		styles: { default: { document: { run: { font: BODY, size: 24 } } } },
		sections: [
			{
				footers: {
					default: new Footer({
						children: [
							new Paragraph({
								alignment: AlignmentType.CENTER,
								children: [
									new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 18, font: BODY })
								]
							})
						]
					})
				},
				children
			}
		]
	});
	return new Uint8Array(await Packer.toBuffer(document));
}

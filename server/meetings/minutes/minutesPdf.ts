import { agendaHistoryZh } from '../../../src/lib/i18n/zh-CN/agendaHistory';
import type { PdfFont } from '../../projects/pdfFont';
import { chinesePdf } from '../../projects/chinesePdf';
import type { MinutesData, MinutesItem } from './minutesData';

const RED = '#b91c1c';
const INK = '#18181b';
const MUTED = '#52525b';

/**
 * The minutes as an A4 PDF in a plain official layout: red heading and rule, the meeting's
 * particulars, each item with its decision, owner and due date, then the committees'
 * signatures. The Chinese face is embedded as a subset (pdfkit), so it prints the same anywhere.
 *
 * Slow like the pledge sheet (fontkit parses the whole CJK collection): the server runs it in
 * the sheet worker.
 */
export async function minutesPdf(minutes: MinutesData, font: PdfFont): Promise<Uint8Array> {
	return chinesePdf(
		font,
		{
			title: minutes.title,
			author: minutes.community,
			subject: agendaHistoryZh.minutes.heading
		},
		(doc) => draw(doc, minutes)
	);
}

function draw(doc: PDFKit.PDFDocument, d: MinutesData) {
	const m = agendaHistoryZh.minutes;
	const left = doc.page.margins.left;
	const width = doc.page.width - left - doc.page.margins.right;

	doc.fillColor(RED).fontSize(22).text(m.heading, { align: 'center', characterSpacing: 2 });
	doc.moveDown(0.4);
	const ruleY = doc.y;
	doc
		.lineWidth(2)
		.strokeColor(RED)
		.moveTo(left, ruleY)
		.lineTo(left + width, ruleY)
		.stroke();
	doc.y = ruleY + 14;
	doc.fillColor(INK).fontSize(16).text(d.title, left, doc.y, { width, align: 'center' });
	doc.moveDown(0.8);

	const field = (label: string, value: string) =>
		doc.fillColor(INK).fontSize(11.5).text(`${label}：${value}`, { width, lineGap: 3 });
	field(m.community, d.community);
	field(m.when, d.when);
	field(m.place, d.place);
	field(m.attendees, d.committees.join('、'));
	if (d.otherParties.length > 0) field(m.others, d.otherParties.join('、'));
	field(m.state, [d.state, ...d.revision].join('，'));
	if (d.versionNote) doc.fillColor(RED).fontSize(10.5).text(d.versionNote, { width });
	doc.moveDown(0.8);

	if (d.items.length > 0) {
		heading(doc, m.items);
		d.items.forEach((item, k) => drawItem(doc, item, k + 1));
	} else {
		heading(doc, m.content);
		if (d.text.length === 0) doc.fillColor(MUTED).fontSize(11.5).text(m.noContent, { width });
		for (const block of d.text) {
			doc
				.fillColor(INK)
				.fontSize(block.heading ? 13 : 11.5)
				.text(block.text, { width, lineGap: 4 });
			doc.moveDown(0.3);
		}
	}

	if (d.signatures.length > 0) {
		doc.moveDown(0.6);
		heading(doc, m.signatures);
		for (const s of d.signatures) field(s.committee, s.line);
	}
	doc.moveDown(0.8);
	doc.fillColor(MUTED).fontSize(9.5).text(d.generated, { width, align: 'right' });
	footers(doc);
}

function heading(doc: PDFKit.PDFDocument, text: string) {
	const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
	doc.fillColor(RED).fontSize(13).text(`■ ${text}`, { width });
	doc.moveDown(0.4);
}

function drawItem(doc: PDFKit.PDFDocument, item: MinutesItem, n: number) {
	const m = agendaHistoryZh.minutes;
	const left = doc.page.margins.left;
	const width = doc.page.width - left - doc.page.margins.right;
	const indent = 18;
	doc
		.fillColor(INK)
		.fontSize(12.5)
		.text(`${m.item(n)}：${item.topic}`, left, doc.y, { width });
	doc.moveDown(0.2);
	const line = (label: string, value: string) =>
		doc
			.fillColor(INK)
			.fontSize(11)
			.text(`${label}：${value}`, left + indent, doc.y, { width: width - indent, lineGap: 3 });
	line(m.raisedBy, item.raisedBy);
	line(m.notes, item.notes);
	line(m.decision, item.decision);
	line(m.owner, item.owner);
	line(m.due, item.due);
	if (item.agreedBy.length > 0) line(m.signedItem, item.agreedBy.join('、'));
	// Later text starts at the margin again (pdfkit keeps the x of the last call).
	doc.x = left;
	doc.moveDown(0.7);
}

function footers(doc: PDFKit.PDFDocument) {
	const m = agendaHistoryZh.minutes;
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const { left, right, bottom } = doc.page.margins;
		const width = doc.page.width - left - right;
		// Text below the bottom margin would start a new page: lift the margin while writing.
		doc.page.margins.bottom = 0;
		doc.fillColor(MUTED).fontSize(9);
		doc.text(m.page(i + 1 - range.start, range.count), left, doc.page.height - 48, {
			width,
			align: 'center'
		});
		doc.page.margins.bottom = bottom;
	}
}

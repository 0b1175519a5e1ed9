import { projectsZh } from '../../src/lib/i18n/zh-CN/projects';
import { publicPledgeZh } from '../../src/lib/i18n/zh-CN/publicPledge';
import { chinesePdf } from './chinesePdf';
import type { PdfFont } from './pdfFont';
import type { PublicProject } from './PublicProjects';

const RED = '#b91c1c';
const INK = '#18181b';
const MUTED = '#52525b';
// Beijing time, as the pages show it (src/lib/i18n's TIME_ZONE; that module pulls in Svelte).
const TIME_ZONE = 'Asia/Shanghai';

/**
 * The printable pledge sheet (亮诺公示): the latest published revision on an A4 notice, in
 * Chinese (a notice is posted in the community whatever the reader's language), with the face
 * embedded as a subset so it prints the same anywhere. `pageUrl` goes in the footer.
 *
 * Slow: fontkit parses a 19 MB CJK collection for every document (hundreds of ms on this
 * machine), so the server runs this in the sheet worker, never on the event loop.
 */
export { PdfFontError } from './chinesePdf';

export async function pledgeSheet(
	project: PublicProject,
	pageUrl: string,
	font: PdfFont
): Promise<Uint8Array<ArrayBuffer>> {
	return chinesePdf(
		font,
		{
			title: project.title,
			author: project.unitName,
			subject: publicPledgeZh.publicPledge.sheet.heading
		},
		(doc) => draw(doc, project, pageUrl)
	);
}

/** Whether the current font maps a common Chinese character (fontkit's font, read defensively). */
function draw(doc: PDFKit.PDFDocument, p: PublicProject, pageUrl: string) {
	const m = publicPledgeZh.publicPledge;
	const labels = projectsZh.projects;
	const left = doc.page.margins.left;
	const width = doc.page.width - left - doc.page.margins.right;
	const last = p.revisions.at(-1)!;

	doc.fillColor(RED).fontSize(24).text(m.sheet.heading, { align: 'center', characterSpacing: 3 });
	doc.moveDown(0.4);
	const ruleY = doc.y;
	doc
		.lineWidth(2)
		.strokeColor(RED)
		.moveTo(left, ruleY)
		.lineTo(left + width, ruleY)
		.stroke();
	doc
		.lineWidth(0.6)
		.moveTo(left, ruleY + 4)
		.lineTo(left + width, ruleY + 4)
		.stroke();
	doc.y = ruleY + 18;

	doc.fillColor(INK).fontSize(18).text(p.title, left, doc.y, { width, align: 'center' });
	doc.moveDown(0.4);
	const meta = [p.unitName, labels.levels[p.level], labels.categories[p.category]];
	doc
		.fillColor(MUTED)
		.fontSize(10.5)
		.text(`${m.sheet.unit}：${meta.join('  ·  ')}`, {
			width,
			align: 'center'
		});
	doc.moveDown(1.4);

	const list = (items: string[]) => (items.length > 0 ? items.join('、') : m.none);
	section(doc, m.goal, p.pledge.goal || m.none);
	section(doc, m.measures, p.pledge.measures || m.none);
	section(doc, m.responsible, list(p.pledge.responsible));
	section(doc, m.deadline, chineseDate(p.pledge.deadline) || m.none);
	section(doc, m.budget, p.pledge.budget || m.none);
	section(doc, m.fundingSources, list(p.pledge.fundingSources));

	doc.moveDown(0.4);
	doc.fillColor(MUTED).fontSize(10.5);
	doc.text(m.sheet.revision(last.revision, dayOf(last.at)), { width });
	if (last.reason) doc.text(m.sheet.reason(last.reason), { width });

	footers(doc, pageUrl);
}

function section(doc: PDFKit.PDFDocument, label: string, body: string) {
	const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
	doc.fillColor(RED).fontSize(12).text(`■ ${label}`, { width });
	doc.moveDown(0.25);
	doc.fillColor(INK).fontSize(12.5).text(body, { width, lineGap: 5 });
	doc.moveDown(0.9);
}

/** The page URL and page numbers on every page, below the text area. */
function footers(doc: PDFKit.PDFDocument, pageUrl: string) {
	const s = publicPledgeZh.publicPledge.sheet;
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const { left, right, bottom } = doc.page.margins;
		const width = doc.page.width - left - right;
		// Text below the bottom margin would start a new page: lift the margin while writing.
		doc.page.margins.bottom = 0;
		doc.fillColor(MUTED).fontSize(9);
		doc.text(s.footer(pageUrl), left, doc.page.height - 52, { width, align: 'center' });
		doc.text(s.page(i + 1 - range.start, range.count), { width, align: 'center' });
		doc.page.margins.bottom = bottom;
	}
}

/** 2027-03-31 → 2027年3月31日; anything else as written. */
function chineseDate(ymd: string): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
	return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ymd;
}

function dayOf(at: number): string {
	return new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: TIME_ZONE }).format(at);
}

import type { PdfFont } from './pdfFont';

/** The font cannot set Chinese (or is no font): the caller answers 503, never empty boxes. */
export class PdfFontError extends Error {
	override name = 'PdfFontError';
}

// 承: a document in a font without it would print as empty boxes.
const PROBE = 0x627f;

/**
 * An A4 document in `font` with its face embedded as a subset, so it prints the same anywhere;
 * `draw` lays out the pages. Shared by the pledge sheet and the meeting minutes.
 *
 * Slow: fontkit parses a 19 MB CJK collection for every document (hundreds of ms on this
 * machine), so the server runs this in the sheet worker, never on the event loop.
 */
export async function chinesePdf(
	font: PdfFont,
	info: { title: string; author: string; subject: string },
	draw: (doc: PDFKit.PDFDocument) => void
): Promise<Uint8Array<ArrayBuffer>> {
	// Loaded on first use: pdfkit and fontkit are large, and only these documents need them.
	const { default: PDFDocument } = await import('pdfkit');
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 56, bottom: 72, left: 64, right: 64 },
		bufferPages: true,
		// No built-in Helvetica: it has no Chinese, and loading its metrics is wasted work.
		font: null as unknown as string,
		lang: 'zh-CN',
		displayTitle: true,
		info: { Title: info.title, Author: info.author, Subject: info.subject, Creator: '共治 Gongzhi' }
	});
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise<void>((resolve, reject) => {
		doc.on('end', resolve);
		doc.on('error', reject);
	});
	try {
		if (font.face) doc.font(font.path, font.face);
		else doc.font(font.path);
	} catch (e) {
		// Not a font, or the collection has no face of that name.
		throw new PdfFontError(`Cannot use ${font.path}: ${String(e)}`);
	}
	if (!hasChinese(doc)) throw new PdfFontError(`${font.path} has no Chinese glyphs`);
	draw(doc);
	doc.end();
	await ended;
	return new Uint8Array(Buffer.concat(chunks));
}

function hasChinese(doc: PDFKit.PDFDocument): boolean {
	const current = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint?: unknown } } })
		._font?.font;
	const has = current?.hasGlyphForCodePoint;
	return typeof has === 'function' ? (has.call(current, PROBE) as boolean) : false;
}

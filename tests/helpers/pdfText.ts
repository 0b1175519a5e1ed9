import { inflateSync } from 'node:zlib';

export interface PdfStream {
	/** The stream's object header and dictionary, as written. */
	dict: string;
	/** Its bytes, inflated when Flate-compressed. */
	data: Buffer;
}

/** Every stream of a PDF (enough of the format for the files pdfkit writes). */
export function pdfStreams(pdf: Uint8Array): PdfStream[] {
	const bytes = Buffer.from(pdf);
	const text = bytes.toString('latin1');
	const out: PdfStream[] = [];
	let i = 0;
	while ((i = text.indexOf('stream', i)) !== -1) {
		if (text.slice(i - 3, i) === 'end') {
			i += 6;
			continue;
		}
		let start = i + 6;
		if (text[start] === '\r') start++;
		if (text[start] === '\n') start++;
		const dict = text.slice(text.lastIndexOf(' obj', i), i);
		const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
		const end = length ? start + Number(length[1]) : text.indexOf('endstream', start);
		const raw = bytes.subarray(start, end);
		out.push({ dict, data: /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw });
		i = end;
	}
	return out;
}

/** The code → text map of every ToUnicode CMap in the file (bfchar and bfrange entries). */
function toUnicode(streams: PdfStream[]): Map<number, string> {
	const map = new Map<number, string>();
	const utf16 = (hex: string) => {
		const clean = hex.replace(/\s+/g, '');
		return Buffer.from(clean, 'hex').swap16().toString('utf16le');
	};
	for (const { data } of streams) {
		const cmap = data.toString('latin1');
		if (!cmap.includes('begincmap')) continue;
		for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
			for (const [, src, dst] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
				map.set(parseInt(src!, 16), utf16(dst!));
		}
		for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
			const ranges = block[1]!.matchAll(
				/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g
			);
			for (const [, lo, hi, dst] of ranges) {
				const from = parseInt(lo!, 16);
				const to = parseInt(hi!, 16);
				if (dst!.startsWith('[')) {
					const items = [...dst!.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((m) => utf16(m[1]!));
					items.forEach((s, k) => map.set(from + k, s));
				} else {
					const base = utf16(dst!.slice(1, -1));
					for (let c = from; c <= to; c++)
						map.set(
							c,
							base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + c - from)
						);
				}
			}
		}
	}
	return map;
}

/**
 * The text a PDF reader would copy out: the two-byte glyph codes of every text-showing operator
 * (Tj, TJ) in the content streams, mapped back through the file's own ToUnicode CMap. Pieces
 * are joined without separators, so text wrapped over lines reads as one string.
 */
export function pdfText(pdf: Uint8Array): string {
	const streams = pdfStreams(pdf);
	const map = toUnicode(streams);
	let out = '';
	for (const { data } of streams) {
		const content = data.toString('latin1');
		if (!/\bBT\b/.test(content)) continue;
		for (const op of content.matchAll(/(\[[^\]]*\]|<[0-9a-fA-F]*>)\s*T[Jj]/g)) {
			for (const [, hex] of op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) {
				for (let k = 0; k + 4 <= hex!.length; k += 4) {
					out += map.get(parseInt(hex!.slice(k, k + 4), 16)) ?? '\uFFFD';
				}
			}
		}
	}
	return out;
}

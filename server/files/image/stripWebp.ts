import { concatBytes, malformed, startsWithAscii } from './ImageError';

/** Chunks that make up the picture; EXIF, XMP and unknown chunks are dropped. */
const KEEP = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const FIRST = new Set(['VP8X', 'VP8 ', 'VP8L']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** A WebP without its EXIF and XMP chunks, the VP8X flags and the RIFF size to match. */
export function stripWebp(b: Uint8Array): Uint8Array {
	if (b.length < 12 || !startsWithAscii(b, 'RIFF') || !startsWithAscii(b, 'WEBP', 8)) {
		throw malformed('Not a WebP file');
	}
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const end = 8 + view.getUint32(4, true);
	if (end > b.length) throw malformed('The WebP is shorter than its RIFF header says');
	const kept: Uint8Array[] = [];
	let pos = 12;
	let first = true;
	while (pos < end) {
		if (pos + 8 > end) throw malformed('The WebP ends inside a chunk header');
		const fourcc = String.fromCharCode(...b.subarray(pos, pos + 4));
		const size = view.getUint32(pos + 4, true);
		if (pos + 8 + size > end) throw malformed(`The WebP chunk ${fourcc} runs past the end`);
		if (first && !FIRST.has(fourcc)) throw malformed('The WebP has no image chunk first');
		first = false;
		if (KEEP.has(fourcc)) {
			const chunk = b.slice(pos, pos + 8 + size); // a copy: VP8X is edited below
			if (fourcc === 'VP8X') {
				if (size < 10) throw malformed('The WebP VP8X chunk is too short');
				chunk[8] = (chunk[8] as number) & ~(VP8X_EXIF | VP8X_XMP);
			}
			kept.push(chunk);
			if (size % 2 === 1) kept.push(new Uint8Array(1)); // RIFF pads chunks to even sizes
		}
		pos += 8 + size + (size % 2);
	}
	if (first) throw malformed('The WebP has no image data');
	const body = concatBytes(kept);
	const header = new Uint8Array(12);
	header.set([0x52, 0x49, 0x46, 0x46], 0); // RIFF
	new DataView(header.buffer).setUint32(4, 4 + body.length, true);
	header.set([0x57, 0x45, 0x42, 0x50], 8); // WEBP
	return concatBytes([header, body]);
}

import { crc32 } from 'node:zlib';
import { concatBytes, malformed } from './ImageError';

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/**
 * Ancillary chunks that describe how to show the pixels. Every other ancillary chunk is dropped:
 * the metadata ones (eXIf, tEXt, iTXt, zTXt, tIME) and any private one, which may carry anything.
 * Critical chunks (upper-case first letter) are kept: a decoder needs them.
 */
const KEEP_ANCILLARY = new Set([
	'tRNS',
	'cHRM',
	'gAMA',
	'iCCP',
	'sBIT',
	'sRGB',
	'cICP',
	'mDCV',
	'cLLI',
	'bKGD',
	'hIST',
	'pHYs',
	'sPLT',
	'acTL',
	'fcTL',
	'fdAT'
]);

/** A PNG without its metadata chunks, after checking each chunk's length and CRC. */
export function stripPng(b: Uint8Array): Uint8Array {
	if (b.length < 8 || PNG_SIGNATURE.some((v, i) => b[i] !== v)) throw malformed('Not a PNG file');
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const kept: Uint8Array[] = [PNG_SIGNATURE];
	let pos = 8;
	for (;;) {
		if (pos + 12 > b.length) throw malformed('The PNG ends before its IEND chunk');
		const length = view.getUint32(pos);
		if (length > 0x7fffffff || pos + 12 + length > b.length) {
			throw malformed('A PNG chunk runs past the end of the file');
		}
		const typeBytes = b.subarray(pos + 4, pos + 8);
		if (!typeBytes.every((c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
			throw malformed(`A PNG chunk has an invalid type at byte ${pos}`);
		}
		const type = String.fromCharCode(...typeBytes);
		if (crc32(b.subarray(pos + 4, pos + 8 + length)) !== view.getUint32(pos + 8 + length)) {
			throw malformed(`The PNG chunk ${type} has a bad checksum`);
		}
		if (kept.length === 1 && type !== 'IHDR') throw malformed('The PNG does not start with IHDR');
		const chunk = b.subarray(pos, pos + 12 + length);
		pos += 12 + length;
		const critical = (typeBytes[0] as number) < 97;
		if (critical || KEEP_ANCILLARY.has(type)) kept.push(chunk);
		if (type === 'IEND') break; // anything after IEND is dropped
	}
	return concatBytes(kept);
}

import { concatBytes, malformed, startsWithAscii } from './ImageError';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const ORIENTATION_TAG = 0x0112;

/**
 * A JPEG without its metadata: Exif (GPS, camera, time), XMP, IPTC/Photoshop, comments, other
 * application segments, the JFIF thumbnail, and anything after the end-of-image marker (phones
 * append motion-photo videos and depth maps there). Kept: the image data, the ICC profile
 * (APP2 ICC_PROFILE) and Adobe's colour transform (APP14), and the Exif orientation — phones
 * store photos sideways and rely on it — rewritten as a new Exif holding nothing else.
 *
 * Each step advances through the input, so the walk ends within its length, whatever the bytes.
 */
export function stripJpeg(b: Uint8Array): Uint8Array {
	if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) throw malformed('Not a JPEG file');
	let jfif: Uint8Array | null = null;
	let orientation = 1;
	let sawExif = false;
	let sawFrame = false;
	let sawScan = false;
	const kept: Uint8Array[] = [];
	let pos = 2;
	for (;;) {
		if (pos >= b.length) throw malformed('The JPEG ends before its end-of-image marker');
		if (b[pos] !== 0xff) throw malformed(`The JPEG has no marker where one belongs (byte ${pos})`);
		let p = pos;
		while (p < b.length && b[p] === 0xff) p++; // fill bytes before a marker are allowed
		if (p >= b.length) throw malformed('The JPEG ends inside a marker');
		const marker = b[p++] as number;
		if (marker === EOI) {
			if (!sawScan) throw malformed('The JPEG has no image data');
			break;
		}
		if (marker === 0x00 || marker === SOI) throw malformed(`Misplaced JPEG marker at ${p - 2}`);
		if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			kept.push(Uint8Array.of(0xff, marker)); // standalone markers have no length
			pos = p;
			continue;
		}
		if (p + 2 > b.length) throw malformed('The JPEG ends inside a segment header');
		const length = ((b[p] as number) << 8) | (b[p + 1] as number);
		if (length < 2 || p + length > b.length) throw malformed('A JPEG segment runs past the end');
		const segment = b.subarray(p - 2, p + length); // FF marker length payload
		const payload = b.subarray(p + 2, p + length);
		pos = p + length;

		if (marker === APP0) {
			if (kept.length === 0 && jfif === null && startsWithAscii(payload, 'JFIF\0')) {
				jfif = jfifWithoutThumbnail(payload);
			}
		} else if (marker === APP1) {
			if (!sawExif && startsWithAscii(payload, 'Exif\0\0')) {
				sawExif = true;
				orientation = readOrientation(payload.subarray(6));
			}
		} else if (marker === APP2) {
			if (startsWithAscii(payload, 'ICC_PROFILE\0')) kept.push(segment);
		} else if (marker === APP14) {
			if (startsWithAscii(payload, 'Adobe')) kept.push(segment);
		} else if ((marker > APP2 && marker <= 0xef) || marker === COM) {
			// other application segments and comments: dropped
		} else {
			if (isFrameHeader(marker)) sawFrame = true;
			kept.push(segment);
			if (marker === SOS) {
				if (!sawFrame) throw malformed('The JPEG has image data before its frame header');
				sawScan = true;
				const end = endOfEntropyData(b, pos);
				if (end < 0) throw malformed('The JPEG ends inside its image data');
				kept.push(b.subarray(pos, end));
				pos = end;
			}
		}
	}
	const head: Uint8Array[] = [Uint8Array.of(0xff, SOI)];
	if (jfif) head.push(jfif);
	if (orientation !== 1) head.push(orientationExif(orientation));
	return concatBytes([...head, ...kept, Uint8Array.of(0xff, EOI)]);
}

/** SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isFrameHeader(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Where the entropy-coded data after SOS ends: the next FF that is not FF00 or a restart. */
function endOfEntropyData(b: Uint8Array, from: number): number {
	for (let i = from; i + 1 < b.length; i++) {
		if (b[i] !== 0xff) continue;
		const next = b[i + 1] as number;
		if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) continue;
		return i;
	}
	return -1;
}

/** The JFIF header's fixed 14 bytes with the thumbnail size set to 0×0 (the thumbnail dropped). */
function jfifWithoutThumbnail(payload: Uint8Array): Uint8Array | null {
	if (payload.length < 14) return null;
	const out = new Uint8Array(18);
	out.set([0xff, APP0, 0, 16]);
	out.set(payload.subarray(0, 12), 4);
	return out; // the last two bytes (thumbnail width and height) stay 0
}

/** IFD0's Orientation (1–8) from a TIFF structure; 1 when absent or unreadable. */
export function readOrientation(tiff: Uint8Array): number {
	if (tiff.length < 8) return 1;
	const little = tiff[0] === 0x49 && tiff[1] === 0x49;
	if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return 1;
	const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
	if (view.getUint16(2, little) !== 42) return 1;
	const ifd = view.getUint32(4, little);
	if (ifd + 2 > tiff.length) return 1;
	const count = view.getUint16(ifd, little);
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		if (entry + 12 > tiff.length) return 1;
		if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
		if (view.getUint16(entry + 2, little) !== 3) return 1; // must be a SHORT
		const value = view.getUint16(entry + 8, little);
		return value >= 1 && value <= 8 ? value : 1;
	}
	return 1;
}

/** A minimal big-endian Exif APP1 with one IFD0 entry: Orientation. */
function orientationExif(orientation: number): Uint8Array {
	// prettier-ignore
	return Uint8Array.of(
		0xff, APP1, 0x00, 34,
		0x45, 0x78, 0x69, 0x66, 0x00, 0x00, // "Exif\0\0"
		0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // "MM", 42, IFD0 at 8
		0x00, 0x01, // one entry
		0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, orientation, 0x00, 0x00, // SHORT ×1
		0x00, 0x00, 0x00, 0x00 // no next IFD
	);
}

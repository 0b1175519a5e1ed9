import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

export class ZipBoundsError extends Error {
	override name = 'ZipBoundsError';
}

/**
 * Checks a ZIP before a library unpacks it (JSZip, under exceljs, inflates every entry into
 * memory and believes the sizes it is told). Walks the central directory the way JSZip does,
 * refuses a declared total above `maxUnpackedBytes`, and then inflates each entry here with
 * `maxOutputLength` set to its declared size, so an entry that lies about its size (the zip bomb
 * trick) is refused before JSZip sees it. Memory stays bounded by the declared total.
 *
 * Refused as well, since no spreadsheet program writes them: ZIP64, encryption, data before the
 * archive (JSZip would shift offsets), methods other than stored and deflate.
 */
export function checkZipBounds(b: Uint8Array, maxUnpackedBytes: number): void {
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const eocd = findEndOfCentralDirectory(b, view);
	if (eocd < 0) throw new ZipBoundsError('not a ZIP archive');
	const entries = view.getUint16(eocd + 10, true);
	const cdSize = view.getUint32(eocd + 12, true);
	const cdOffset = view.getUint32(eocd + 16, true);
	if (entries === 0xffff || cdOffset === 0xffffffff) throw new ZipBoundsError('ZIP64 archive');
	if (entries > MAX_ENTRIES) throw new ZipBoundsError('too many files in the archive');
	if (cdOffset + cdSize !== eocd) throw new ZipBoundsError('damaged central directory');

	let total = 0;
	let p = cdOffset;
	for (let i = 0; i < entries; i++) {
		if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL) {
			throw new ZipBoundsError('damaged central directory');
		}
		const flags = view.getUint16(p + 8, true);
		const method = view.getUint16(p + 10, true);
		const compressed = view.getUint32(p + 20, true);
		const size = view.getUint32(p + 24, true);
		const local = view.getUint32(p + 42, true);
		const nameExtraComment =
			view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
		p += 46 + nameExtraComment;
		if (flags & 1) throw new ZipBoundsError('encrypted archive');
		total += size;
		if (total > maxUnpackedBytes) {
			throw new ZipBoundsError(`unpacks to more than ${maxUnpackedBytes} bytes`);
		}
		checkEntryData(b, view, local, method, compressed, size);
	}
}

function checkEntryData(
	b: Uint8Array,
	view: DataView,
	local: number,
	method: number,
	compressed: number,
	size: number
): void {
	if (local + 30 > b.length || view.getUint32(local, true) !== LOCAL) {
		throw new ZipBoundsError('damaged file header');
	}
	const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
	if (start + compressed > b.length) throw new ZipBoundsError('a file runs past the end');
	const data = b.subarray(start, start + compressed);
	if (method === 0) {
		if (compressed !== size) throw new ZipBoundsError('a stored file has the wrong size');
		return;
	}
	if (method !== 8) throw new ZipBoundsError(`compression method ${method} is not supported`);
	let out: Buffer;
	try {
		// One byte more than declared, so a larger output is seen rather than cut off.
		out = inflateRawSync(data, { maxOutputLength: size + 1 });
	} catch {
		throw new ZipBoundsError('a file inflates to more than it declares, or is damaged');
	}
	if (out.length !== size)
		throw new ZipBoundsError('a file inflates to another size than declared');
}

/** The last end-of-central-directory signature in the final 64 KiB + 22 bytes, or -1. */
function findEndOfCentralDirectory(b: Uint8Array, view: DataView): number {
	const lowest = Math.max(0, b.length - 65_557);
	for (let p = b.length - 22; p >= lowest; p--) {
		if (view.getUint32(p, true) === EOCD) return p;
	}
	return -1;
}

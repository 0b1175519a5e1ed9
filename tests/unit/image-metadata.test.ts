import { deflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImageError, sniffImage, stripImageMetadata } from '../../server/files/imageMeta';
import { JPEG_16X8, WEBP_16X8 } from './fixtures/photos';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const contains = (hay: Uint8Array, needle: Uint8Array): boolean =>
	Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

// ---- JPEG ------------------------------------------------------------------------------------

function segment(marker: number, payload: Uint8Array): Uint8Array {
	const head = Buffer.alloc(4);
	head.writeUInt16BE(0xff00 | marker, 0);
	head.writeUInt16BE(payload.length + 2, 2);
	return cat(head, payload);
}

/** The GPS position written by a phone: 39°54'27.12"N 116°23'17.80"E, as rationals. */
const GPS_LATITUDE = Buffer.from([39, 1, 54, 1, 2712, 100].flatMap((n) => [...u32le(n)]));
function u32le(n: number): Buffer {
	const b = Buffer.alloc(4);
	b.writeUInt32LE(n);
	return b;
}

/** A little-endian Exif APP1 payload: IFD0 {Make, Orientation, GPS pointer} and a GPS IFD. */
function exifWithGps(orientation: number): Uint8Array {
	const t = Buffer.alloc(200);
	t.write('II', 0, 'latin1');
	t.writeUInt16LE(42, 2);
	t.writeUInt32LE(8, 4);
	let p = 8;
	const entry = (tag: number, type: number, count: number, value: number): void => {
		t.writeUInt16LE(tag, p);
		t.writeUInt16LE(type, p + 2);
		t.writeUInt32LE(count, p + 4);
		t.writeUInt32LE(value, p + 8);
		p += 12;
	};
	t.writeUInt16LE(3, p);
	p += 2;
	entry(0x010f, 2, 4, 0x0045584d); // Make "MXE\0", inline
	entry(0x0112, 3, 1, orientation);
	entry(0x8825, 4, 1, 50); // GPS IFD at 50
	t.writeUInt32LE(0, p);
	p = 50;
	t.writeUInt16LE(2, p);
	p += 2;
	entry(0x0001, 2, 2, 0x4e); // GPSLatitudeRef "N"
	entry(0x0002, 5, 3, 80); // GPSLatitude at 80
	t.writeUInt32LE(0, p);
	GPS_LATITUDE.copy(t, 80);
	return cat(ascii('Exif\0\0'), t);
}

/** The fixture photo with everything a phone and an editor add: Exif+GPS, XMP, IPTC, a comment. */
function phoneJpeg(orientation = 6): Uint8Array {
	const body = JPEG_16X8.subarray(2); // after SOI
	const app0Length = JPEG_16X8.readUInt16BE(4) + 2;
	return cat(
		Uint8Array.of(0xff, 0xd8),
		body.subarray(0, app0Length),
		segment(0xe1, exifWithGps(orientation)),
		segment(0xe1, ascii('http://ns.adobe.com/xap/1.0/\0<exif:GPSLatitude>39,54.45N</x>')),
		segment(0xed, ascii('Photoshop 3.0\0IPTC home address')),
		segment(0xfe, ascii('secret comment')),
		body.subarray(app0Length),
		ascii('MOTION-PHOTO-VIDEO-AFTER-EOI')
	);
}

/** An independent walk of a JPEG's markers up to the first scan, then to the end. */
function jpegMarkers(b: Uint8Array): number[] {
	const buf = Buffer.from(b);
	expect(buf.readUInt16BE(0)).toBe(0xffd8);
	const markers: number[] = [];
	let p = 2;
	while (p < buf.length) {
		expect(buf[p]).toBe(0xff);
		const m = buf[p + 1] as number;
		markers.push(m);
		if (m === 0xd9) {
			expect(p + 2).toBe(buf.length);
			break;
		}
		p += 2 + buf.readUInt16BE(p + 2);
		if (m === 0xda) p = buf.indexOf(Buffer.from([0xff, 0xd9]), p);
	}
	return markers;
}

describe('JPEG from a phone', () => {
	it('is sniffed by its bytes', () => {
		expect(sniffImage(phoneJpeg())).toBe('image/jpeg');
	});

	it('loses GPS, XMP, IPTC, the comment and the trailer, and keeps the picture and colour', () => {
		const input = phoneJpeg();
		expect(contains(input, GPS_LATITUDE)).toBe(true);
		const { type, bytes } = stripImageMetadata(input);
		expect(type).toBe('image/jpeg');
		for (const gone of [GPS_LATITUDE, ascii('GPSLatitude'), ascii('Photoshop'), ascii('secret')]) {
			expect(contains(bytes, gone)).toBe(false);
		}
		expect(contains(bytes, ascii('MXE'))).toBe(false); // the camera make
		expect(contains(bytes, ascii('MOTION-PHOTO'))).toBe(false);
		expect(contains(bytes, ascii('ICC_PROFILE\0'))).toBe(true);
		// SOI, JFIF, the new Exif, ICC, then the fixture's tables and scan exactly as they were.
		const original = jpegMarkers(JPEG_16X8);
		expect(jpegMarkers(bytes)).toEqual([0xe0, 0xe1, ...original.slice(1)]);
		const scan = Buffer.from(JPEG_16X8).indexOf(Buffer.from([0xff, 0xda]));
		expect(Buffer.from(bytes).subarray(-(JPEG_16X8.length - scan))).toEqual(
			JPEG_16X8.subarray(scan)
		);
	});

	it('keeps the orientation in a new Exif holding nothing else', () => {
		const { bytes } = stripImageMetadata(phoneJpeg(6));
		const app1 = Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xe1]));
		const exif = Buffer.from(bytes).subarray(
			app1 + 4,
			app1 + 2 + Buffer.from(bytes).readUInt16BE(app1 + 2)
		);
		expect(exif.subarray(0, 6).toString('latin1')).toBe('Exif\0\0');
		const tiff = exif.subarray(6);
		expect(tiff.readUInt16BE(8)).toBe(1); // one entry
		expect(tiff.readUInt16BE(10)).toBe(0x0112);
		expect(tiff.readUInt16BE(18)).toBe(6);
		expect(tiff.length).toBe(26);
	});

	it('writes no Exif at all when the orientation is already upright', () => {
		const { bytes } = stripImageMetadata(phoneJpeg(1));
		expect(jpegMarkers(bytes)).not.toContain(0xe1);
		expect(contains(bytes, ascii('Exif'))).toBe(false);
	});

	it('stripping twice changes nothing more (the output is a well-formed JPEG)', () => {
		const once = stripImageMetadata(phoneJpeg()).bytes;
		expect(stripImageMetadata(once).bytes).toEqual(once);
	});

	it('walks on after the first scan: a comment between progressive scans is dropped too', () => {
		const single = stripImageMetadata(JPEG_16X8).bytes;
		const sos = Buffer.from(single).indexOf(Buffer.from([0xff, 0xda]));
		const secondScan = cat(
			segment(0xfe, ascii('between scans')),
			segment(0xe1, exifWithGps(1)),
			Buffer.from(single).subarray(sos, -2) // the scan header and its data again
		);
		const progressive = cat(single.subarray(0, -2), secondScan, Uint8Array.of(0xff, 0xd9));
		const { bytes } = stripImageMetadata(progressive);
		expect(contains(bytes, ascii('between scans'))).toBe(false);
		expect(contains(bytes, GPS_LATITUDE)).toBe(false);
		const scans = Buffer.from(bytes).toString('latin1').split('\xff\xda').length - 1;
		expect(scans).toBe(2);
		expect(bytes.length).toBe(single.length + (single.length - 2 - sos));
	});

	it('refuses every truncation with ImageError, quickly', () => {
		const input = phoneJpeg();
		const started = performance.now();
		for (let cut = 3; cut < input.length - 'MOTION-PHOTO-VIDEO-AFTER-EOI'.length - 1; cut++) {
			expect(() => stripImageMetadata(input.subarray(0, cut)), `cut at ${cut}`).toThrow(ImageError);
		}
		expect(performance.now() - started).toBeLessThan(2_000);
	});

	it('refuses a segment whose length runs past the end, and a scan before the frame', () => {
		const bad = cat(Uint8Array.of(0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff), new Uint8Array(10));
		expect(() => stripImageMetadata(bad)).toThrow(/past the end/);
		const noFrame = cat(Uint8Array.of(0xff, 0xd8), segment(0xda, new Uint8Array(10)));
		expect(() => stripImageMetadata(cat(noFrame, Uint8Array.of(0xff, 0xd9)))).toThrow(
			/before its frame/
		);
	});
});

// ---- PNG -------------------------------------------------------------------------------------

function chunk(type: string, data: Uint8Array): Uint8Array {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'latin1');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(cat(ascii(type), data)));
	return cat(head, data, crc);
}

/** A real 2×2 RGB PNG with text, time and eXIf chunks, built with zlib. */
function phonePng(): Uint8Array {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(2, 0);
	ihdr.writeUInt32BE(2, 4);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const rows = Uint8Array.of(0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 255, 255, 255);
	return cat(
		Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
		chunk('IHDR', ihdr),
		chunk('sRGB', Uint8Array.of(0)),
		chunk('eXIf', exifWithGps(6).subarray(6)),
		chunk('tEXt', ascii('Location\0Home, Building 3')),
		chunk('zTXt', cat(ascii('Comment\0\0'), deflateSync(ascii('secret')))),
		chunk('iTXt', ascii('Author\0\0\0\0\0Resident')),
		chunk('tIME', Uint8Array.of(0x07, 0xea, 11, 26, 10, 0, 0)),
		chunk('prVt', ascii('private data')),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', new Uint8Array(0)),
		ascii('trailing')
	);
}

function pngChunkTypes(b: Uint8Array): string[] {
	const buf = Buffer.from(b);
	const types: string[] = [];
	for (let p = 8; p < buf.length; p += 12 + buf.readUInt32BE(p)) {
		const type = buf.toString('latin1', p + 4, p + 8);
		expect(buf.readUInt32BE(p + 8 + buf.readUInt32BE(p))).toBe(
			crc32(buf.subarray(p + 4, p + 8 + buf.readUInt32BE(p)))
		);
		types.push(type);
	}
	return types;
}

describe('PNG', () => {
	it('keeps the pixels and colour chunks and drops eXIf, text, time and private chunks', () => {
		const { type, bytes } = stripImageMetadata(phonePng());
		expect(type).toBe('image/png');
		expect(pngChunkTypes(bytes)).toEqual(['IHDR', 'sRGB', 'IDAT', 'IEND']);
		expect(contains(bytes, GPS_LATITUDE)).toBe(false);
		expect(contains(bytes, ascii('trailing'))).toBe(false);
	});

	it('refuses a bad checksum, a missing IHDR and every truncation', () => {
		const good = phonePng();
		const corrupt = Uint8Array.from(good);
		corrupt[8 + 8 + 3] = (corrupt[8 + 8 + 3] as number) ^ 1; // a byte of IHDR's data
		expect(() => stripImageMetadata(corrupt)).toThrow(/checksum/);
		const noHeader = cat(good.subarray(0, 8), chunk('IEND', new Uint8Array(0)));
		expect(() => stripImageMetadata(noHeader)).toThrow(/IHDR/);
		const end = good.length - 'trailing'.length;
		for (let cut = 8; cut < end; cut++) {
			expect(() => stripImageMetadata(good.subarray(0, cut)), `cut at ${cut}`).toThrow(ImageError);
		}
	});

	it('refuses a chunk claiming 2 GiB without trying to read it', () => {
		const huge = cat(
			phonePng().subarray(0, 8),
			Uint8Array.of(0x7f, 0xff, 0xff, 0xff),
			ascii('IHDR'),
			new Uint8Array(8)
		);
		expect(() => stripImageMetadata(huge)).toThrow(/past the end/);
	});
});

// ---- WebP ------------------------------------------------------------------------------------

function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
	const head = Buffer.alloc(8);
	head.write(fourcc, 0, 'latin1');
	head.writeUInt32LE(data.length, 4);
	return cat(head, data, data.length % 2 ? new Uint8Array(1) : new Uint8Array(0));
}

/** The fixture WebP with EXIF and XMP chunks added and their VP8X flags set. */
function phoneWebp(): Uint8Array {
	const chunks = Buffer.from(WEBP_16X8).subarray(12);
	const vp8x = Uint8Array.from(chunks.subarray(0, 18));
	vp8x[8] = (vp8x[8] as number) | 0x08 | 0x04;
	const body = cat(
		vp8x,
		chunks.subarray(18),
		riffChunk('EXIF', exifWithGps(6).subarray(6)),
		riffChunk('XMP ', ascii('<exif:GPSLatitude>39,54.45N</x>'))
	);
	const head = Buffer.alloc(12);
	head.write('RIFFxxxxWEBP', 0, 'latin1');
	head.writeUInt32LE(body.length + 4, 4);
	return cat(head, body);
}

describe('WebP', () => {
	it('drops EXIF and XMP, clears their VP8X flags and fixes the RIFF size', () => {
		const input = phoneWebp();
		expect(sniffImage(input)).toBe('image/webp');
		const { bytes } = stripImageMetadata(input);
		const buf = Buffer.from(bytes);
		expect(contains(bytes, GPS_LATITUDE)).toBe(false);
		expect(contains(bytes, ascii('GPSLatitude'))).toBe(false);
		expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
		expect((buf[20] as number) & 0x0c).toBe(0);
		expect(buf[20]).toBe(WEBP_16X8[20]); // the ICC flag the original had stays
		expect(buf).toEqual(Buffer.from(WEBP_16X8)); // exactly the photo before metadata was added
	});

	it('refuses every truncation and a chunk running past the RIFF end', () => {
		const input = phoneWebp();
		for (let cut = 12; cut < input.length; cut++) {
			expect(() => stripImageMetadata(input.subarray(0, cut)), `cut at ${cut}`).toThrow(ImageError);
		}
	});
});

describe('anything else', () => {
	it.each([
		['a GIF', ascii('GIF89a......')],
		['an SVG', ascii('<svg xmlns="http://www.w3.org/2000/svg"/>')],
		['empty', new Uint8Array(0)],
		['HTML named photo.jpg', ascii('<html><script>alert(1)</script>')]
	])('%s is unsupported', (_label, bytes) => {
		expect(sniffImage(bytes)).toBeNull();
		try {
			stripImageMetadata(bytes);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ImageError);
			expect((e as ImageError).code).toBe('unsupported');
		}
	});

	it('random bytes after a valid magic never hang and only ever throw ImageError', () => {
		let seed = 7;
		const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
		for (let i = 0; i < 300; i++) {
			const magic = [phoneJpeg(), phonePng(), phoneWebp()][i % 3] as Uint8Array;
			const mutated = Uint8Array.from(magic);
			for (let k = 0; k < 8; k++)
				mutated[12 + ((random() * 7 + random()) % (mutated.length - 12))] = random();
			try {
				stripImageMetadata(mutated);
			} catch (e) {
				expect(e).toBeInstanceOf(ImageError);
			}
		}
	});
});

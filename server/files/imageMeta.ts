import { ImageError, startsWithAscii } from './image/ImageError';
import { PNG_SIGNATURE, stripPng } from './image/stripPng';
import { stripJpeg } from './image/stripJpeg';
import { stripWebp } from './image/stripWebp';

/**
 * Photos uploaded from phones. The type is read from the bytes, never from the file name or the
 * declared content type, and every photo is rewritten without its metadata before it is stored:
 * phone cameras write the GPS position of the resident's home into each picture.
 */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
export { ImageError };

/** The image type by magic bytes, or null. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
		return 'image/jpeg';
	}
	if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return 'image/png';
	if (bytes.length >= 12 && startsWithAscii(bytes, 'RIFF') && startsWithAscii(bytes, 'WEBP', 8)) {
		return 'image/webp';
	}
	return null;
}

/** The same image with location and every other metadata removed. Throws ImageError. */
export function stripImageMetadata(bytes: Uint8Array): { type: ImageType; bytes: Uint8Array } {
	const type = sniffImage(bytes);
	switch (type) {
		case 'image/jpeg':
			return { type, bytes: stripJpeg(bytes) };
		case 'image/png':
			return { type, bytes: stripPng(bytes) };
		case 'image/webp':
			return { type, bytes: stripWebp(bytes) };
		case null:
			throw new ImageError('unsupported', 'Only JPEG, PNG and WebP photos can be uploaded');
	}
}

/** Why an uploaded photo was refused: not a type we take, or not a well-formed file of its type. */
export class ImageError extends Error {
	override name = 'ImageError';
	constructor(
		readonly code: 'unsupported' | 'malformed',
		message: string
	) {
		super(message);
	}
}

export const malformed = (message: string): ImageError => new ImageError('malformed', message);

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

export function startsWithAscii(bytes: Uint8Array, text: string, at = 0): boolean {
	if (at + text.length > bytes.length) return false;
	for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
	return true;
}

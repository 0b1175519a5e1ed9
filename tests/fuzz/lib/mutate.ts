import type { Rng } from './Rng';

/** A varuint as lib0 and LEB128 write it, for lengths no honest client would declare. */
export function varUint(n: number): Uint8Array {
	const out: number[] = [];
	let v = n;
	while (v > 0x7f) {
		out.push((v % 128) | 0x80);
		v = Math.floor(v / 128);
	}
	out.push(v);
	return Uint8Array.from(out);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** Lengths that break naive decoders: around 2^7, 2^14, 2^31, 2^32, 2^53. */
export const GIANT_LENGTHS = [
	0x7f,
	0x80,
	0x3fff,
	0x7fffffff,
	0xffffffff,
	2 ** 32,
	2 ** 40,
	Number.MAX_SAFE_INTEGER
];

/** A varuint whose continuation bit never ends (a truncated varint). */
export function truncatedVarint(rng: Rng): Uint8Array {
	return Uint8Array.from({ length: 1 + rng.int(10) }, () => 0x80 | rng.int(128));
}

/** One random edit of a valid message: flip, cut, grow, splice, or a giant length put in. */
export function mutate(rng: Rng, input: Uint8Array): Uint8Array {
	const bytes = Uint8Array.from(input);
	if (bytes.length === 0) return rng.bytes(1 + rng.int(16));
	const at = rng.int(bytes.length);
	return rng.weighted<Uint8Array>([
		[
			3,
			() => {
				for (let i = 0, n = 1 + rng.int(4); i < n; i++) {
					const k = rng.int(bytes.length);
					bytes[k] = (bytes[k] ?? 0) ^ (1 << rng.int(8));
				}
				return bytes;
			}
		],
		[2, () => bytes.subarray(0, at)],
		[1, () => concat(bytes, rng.bytes(1 + rng.int(64)))],
		[2, () => concat(bytes.subarray(0, at), rng.bytes(1 + rng.int(8)), bytes.subarray(at + 1))],
		[2, () => concat(bytes.subarray(0, at), varUint(rng.pick(GIANT_LENGTHS)), bytes.subarray(at))],
		[1, () => concat(bytes.subarray(0, at), truncatedVarint(rng))],
		[
			1,
			() => {
				bytes[at] = rng.pick([0x00, 0x7f, 0x80, 0xff]);
				return bytes;
			}
		]
	]);
}

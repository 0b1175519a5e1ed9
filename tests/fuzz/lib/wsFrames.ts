import type { Rng } from './Rng';
import { concat } from './mutate';

export interface FrameSpec {
	payload: Uint8Array;
	opcode?: number;
	fin?: boolean;
	/** The three reserved bits (RSV1–3), 0 for a well-formed frame without extensions. */
	rsv?: number;
	/** Clients must mask; false sends an unmasked client frame. */
	mask?: boolean;
	/** A length to declare instead of the payload's real one (may be larger than what follows). */
	declaredLength?: bigint;
	/** Force the 16- or 64-bit length form even for a small payload (non-minimal encoding). */
	lengthForm?: 7 | 16 | 64;
}

export const OPCODE = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 };

/** Encodes one websocket frame byte for byte as the spec says, honest or not (RFC 6455 §5.2). */
export function encodeFrame(spec: FrameSpec, rng: Rng): Uint8Array {
	const { payload } = spec;
	const first = ((spec.fin ?? true) ? 0x80 : 0) | (((spec.rsv ?? 0) & 7) << 4) | (spec.opcode ?? 2);
	const length = spec.declaredLength ?? BigInt(payload.length);
	const form = spec.lengthForm ?? (length < 126n ? 7 : length <= 0xffffn ? 16 : 64);
	const mask = spec.mask ?? true;
	const header: number[] = [first];
	const maskBit = mask ? 0x80 : 0;
	if (form === 7) header.push(maskBit | Number(length & 0x7fn));
	else if (form === 16)
		header.push(maskBit | 126, Number((length >> 8n) & 0xffn), Number(length & 0xffn));
	else {
		header.push(maskBit | 127);
		for (let shift = 56n; shift >= 0n; shift -= 8n) header.push(Number((length >> shift) & 0xffn));
	}
	if (!mask) return concat(Uint8Array.from(header), payload);
	const key = rng.bytes(4);
	const masked = payload.map((b, i) => b ^ (key[i & 3] ?? 0));
	return concat(Uint8Array.from(header), key, masked);
}

/** A well-formed masked binary frame: how valid and mutated messages travel. */
export function binaryFrame(payload: Uint8Array, rng: Rng): Uint8Array {
	return encodeFrame({ payload }, rng);
}

/**
 * Websocket frames that break the framing rules themselves, each labelled for the figures:
 * reserved opcodes and bits, unmasked frames, lying or giant lengths, broken fragmentation,
 * oversized or fragmented control frames, bad close codes, invalid UTF-8 in text.
 */
export function badWebsocketBits(
	rng: Rng,
	payload: Uint8Array
): { kind: string; bytes: Uint8Array } {
	const small = payload.subarray(0, 64);
	return rng.weighted<{ kind: string; bytes: Uint8Array }>([
		[
			2,
			() => ({
				kind: 'ws:reserved-opcode',
				bytes: encodeFrame(
					{ payload: small, opcode: rng.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]) },
					rng
				)
			})
		],
		[
			2,
			() => ({
				kind: 'ws:reserved-bits',
				bytes: encodeFrame({ payload: small, rsv: 1 + rng.int(7) }, rng)
			})
		],
		[2, () => ({ kind: 'ws:unmasked', bytes: encodeFrame({ payload: small, mask: false }, rng) })],
		[
			2,
			() => ({
				kind: 'ws:giant-length',
				bytes: encodeFrame(
					{
						payload: small,
						declaredLength: rng.pick([
							2n ** 31n,
							2n ** 32n,
							2n ** 53n,
							2n ** 63n - 1n,
							2n ** 64n - 1n
						]),
						lengthForm: 64
					},
					rng
				)
			})
		],
		[
			2,
			() => ({
				kind: 'ws:length-beyond-payload',
				bytes: encodeFrame(
					{ payload: small, declaredLength: BigInt(small.length + 1 + rng.int(60_000)) },
					rng
				)
			})
		],
		[
			1,
			() => ({
				kind: 'ws:non-minimal-length',
				bytes: encodeFrame({ payload: small, lengthForm: rng.pick([16, 64] as const) }, rng)
			})
		],
		[
			2,
			() => ({
				kind: 'ws:orphan-continuation',
				bytes: encodeFrame({ payload: small, opcode: OPCODE.continuation }, rng)
			})
		],
		[
			2,
			() => ({
				kind: 'ws:fragment-then-new-message',
				bytes: concat(
					encodeFrame({ payload: small, fin: false }, rng),
					encodeFrame({ payload: small, opcode: rng.pick([OPCODE.binary, OPCODE.text]) }, rng)
				)
			})
		],
		[
			2,
			() => {
				// Many small fragments of garbage: ws reassembles them, up to maxPayload.
				const parts: Uint8Array[] = [];
				const n = 2 + rng.int(30);
				for (let i = 0; i < n; i++) {
					parts.push(
						encodeFrame(
							{
								payload: rng.bytes(rng.int(200)),
								opcode: i === 0 ? OPCODE.binary : OPCODE.continuation,
								fin: i === n - 1
							},
							rng
						)
					);
				}
				return { kind: 'ws:fragmented-garbage', bytes: concat(...parts) };
			}
		],
		[
			1,
			() => ({
				kind: 'ws:fragmented-ping',
				bytes: encodeFrame({ payload: small, opcode: OPCODE.ping, fin: false }, rng)
			})
		],
		[
			1,
			() => ({
				kind: 'ws:oversized-control',
				bytes: encodeFrame(
					{
						payload: rng.bytes(126 + rng.int(200)),
						opcode: rng.pick([OPCODE.ping, OPCODE.pong, OPCODE.close])
					},
					rng
				)
			})
		],
		[
			1,
			() => {
				const code = rng.pick([0, 999, 1004, 1005, 1006, 1015, 2999, 5000, 65535]);
				return {
					kind: 'ws:bad-close-code',
					bytes: encodeFrame(
						{ payload: Uint8Array.from([code >> 8, code & 0xff]), opcode: OPCODE.close },
						rng
					)
				};
			}
		],
		[
			1,
			() => ({
				kind: 'ws:close-one-byte',
				bytes: encodeFrame({ payload: Uint8Array.from([3]), opcode: OPCODE.close }, rng)
			})
		],
		[
			1,
			() => ({
				kind: 'ws:text-invalid-utf8',
				bytes: encodeFrame(
					{ payload: Uint8Array.from([0xc3, 0x28, 0xff, 0xfe]), opcode: OPCODE.text },
					rng
				)
			})
		],
		[2, () => ({ kind: 'ws:random-stream', bytes: rng.bytes(1 + rng.int(4096)) })]
	]);
}

/** Close codes in the frames a server sent (unmasked server frames), for the figures. */
export function closeCodesIn(stream: Uint8Array): number[] {
	const codes: number[] = [];
	let at = 0;
	while (at + 2 <= stream.length) {
		const opcode = (stream[at] ?? 0) & 0x0f;
		let length = (stream[at + 1] ?? 0) & 0x7f;
		let head = 2;
		if (length === 126) {
			length = ((stream[at + 2] ?? 0) << 8) | (stream[at + 3] ?? 0);
			head = 4;
		} else if (length === 127) {
			if (at + 10 > stream.length) break;
			length = Number(new DataView(stream.buffer, stream.byteOffset + at + 2, 8).getBigUint64(0));
			head = 10;
		}
		if (opcode === OPCODE.close && length >= 2 && at + head + 2 <= stream.length) {
			codes.push(((stream[at + head] ?? 0) << 8) | (stream[at + head + 1] ?? 0));
		}
		at += head + length;
	}
	return codes;
}

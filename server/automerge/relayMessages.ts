import { splitChunks } from './incomingChanges';

/**
 * What instances tell each other about one board on its bus topic. Every message carries the
 * sender's heads after the event, so a receiver can tell whether it now holds everything the
 * sender held; what it lacks is in the shared store (every change is stored before any instance
 * applies it), so a gap costs one load from the store, never data.
 *
 * - `changes`: changes the sender just accepted and stored, to apply without storing again.
 * - `heads`: the sender's heads only (a batch too big to relay, or a quiet-period reminder).
 *   `ask` (a board just opened) asks every instance that has the board to answer with theirs.
 */
export type RelayMessage =
	| { kind: 'changes'; heads: string[]; changes: Uint8Array[] }
	| { kind: 'heads'; heads: string[]; ask: boolean };

const KIND = { changes: 1, heads: 2, ask: 3 } as const;
const HASH_BYTES = 32;
/** More heads than this means something is badly wrong; such a message is not sent. */
export const MAX_RELAYED_HEADS = 1024;

export function topicOf(documentId: string) {
	return `board:${documentId}`;
}

export function encodeRelayMessage(msg: RelayMessage): Uint8Array {
	const heads = msg.heads.slice(0, MAX_RELAYED_HEADS);
	const body = msg.kind === 'changes' ? msg.changes : [];
	const size = 3 + heads.length * HASH_BYTES + body.reduce((n, c) => n + c.byteLength, 0);
	const out = new Uint8Array(size);
	out[0] = msg.kind === 'changes' ? KIND.changes : msg.ask ? KIND.ask : KIND.heads;
	out[1] = heads.length >> 8;
	out[2] = heads.length & 0xff;
	let at = 3;
	for (const h of heads) {
		out.set(Buffer.from(h, 'hex'), at);
		at += HASH_BYTES;
	}
	for (const c of body) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

/** Throws on anything that is not a message encodeRelayMessage made. */
export function decodeRelayMessage(bytes: Uint8Array): RelayMessage {
	const kind = bytes[0];
	const count = ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
	const headsEnd = 3 + count * HASH_BYTES;
	if (bytes.length < headsEnd) throw new RangeError('truncated relay message');
	const heads: string[] = [];
	for (let at = 3; at < headsEnd; at += HASH_BYTES) {
		heads.push(Buffer.from(bytes.subarray(at, at + HASH_BYTES)).toString('hex'));
	}
	const rest = bytes.subarray(headsEnd);
	if (kind === KIND.changes) return { kind: 'changes', heads, changes: splitChunks(rest) };
	if ((kind === KIND.heads || kind === KIND.ask) && rest.length === 0) {
		return { kind: 'heads', heads, ask: kind === KIND.ask };
	}
	throw new RangeError(`unknown relay message kind ${String(kind)}`);
}

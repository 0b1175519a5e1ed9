import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { PresenceUser } from './YjsConnection';

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

/**
 * Reads an untrusted awareness update (y-protocols' format: count, then client id, clock and a
 * JSON state per entry), keeps the entries `accept` allows, and replaces each state's `user`
 * with what the server knows: a client cannot show up under someone else's name. Throws on
 * malformed bytes or JSON.
 */
export function rewriteAwareness(
	update: Uint8Array,
	user: PresenceUser,
	accept: (clientId: number) => boolean
): { update: Uint8Array; entries: AwarenessEntry[] } {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const parsed: unknown = JSON.parse(decoding.readVarString(decoder));
		if (!accept(clientId)) continue;
		const state =
			parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
				? { ...(parsed as Record<string, unknown>), user: { ...user } }
				: null;
		entries.push({ clientId, clock, state });
	}
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(encoder, e.clientId);
		encoding.writeVarUint(encoder, e.clock);
		encoding.writeVarString(encoder, JSON.stringify(e.state));
	}
	return { update: encoding.toUint8Array(encoder), entries };
}

import type { Rng } from './Rng';

/** One fuzzed websocket message: its bytes and a label for the figures. */
export interface FuzzPayload {
	kind: string;
	bytes: Uint8Array;
}

/**
 * A websocket endpoint to fuzz: where to upgrade, what to send first to get past its handshake,
 * and how to make valid-ish messages (valid ones, mutated ones, and known-hostile ones). A new
 * endpoint gets fuzzed by writing one of these.
 */
export interface FuzzTarget {
	name: string;
	/** The upgrade path, e.g. `/sync/yjs/<agendaId>`. */
	path: string;
	/** Messages that open a session (automerge's `join`); may be empty. */
	opening(rng: Rng): Uint8Array[];
	/** One message: valid, mutated or hostile, chosen by `rng`. */
	payload(rng: Rng): FuzzPayload;
}

import {
	applyAwarenessUpdate,
	encodeAwarenessUpdate,
	removeAwarenessStates,
	type Awareness
} from 'y-protocols/awareness';
import type { PeerLink } from './PeerLink';

export type ChangedClients = { added: number[]; updated: number[]; removed: number[] };

/** The origin of what another instance relayed: applied and shown here, never stored again. */
export const PEER = Symbol('peer instance');

/**
 * A room's presence across instances: entries made here (its writers' and the server's own,
 * with the viewer count) go to the peers; entries from peers are applied with the PEER origin
 * and remembered, so a client here cannot overwrite another user's entry held by a peer.
 */
export class PeerPresence {
	/** Awareness client ids whose entries came from another instance. */
	readonly #ids = new Set<number>();

	constructor(
		private readonly awareness: Awareness,
		private readonly link: PeerLink
	) {}

	/** A peer's awareness update. */
	apply(update: Uint8Array) {
		applyAwarenessUpdate(this.awareness, update, PEER);
	}

	/** Called for every change of the room's awareness, with the clients it changed. */
	noteChange(changes: ChangedClients, origin: unknown, changed: number[]) {
		if (origin === PEER) {
			for (const id of [...changes.added, ...changes.updated]) this.#ids.add(id);
			for (const id of changes.removed) this.#ids.delete(id);
			return;
		}
		for (const id of [...changes.added, ...changes.updated, ...changes.removed]) {
			this.#ids.delete(id);
		}
		// Each instance times out stale entries by itself.
		if (origin !== 'timeout')
			this.link.publishAwareness(encodeAwarenessUpdate(this.awareness, changed));
	}

	/**
	 * Drops every entry peers told us about (a removal published during a bus break never
	 * arrived); the peers' answers to the query that follows bring back what is current. Their
	 * clocks are forgotten too, or the same entry at the same clock would not be taken again.
	 */
	forgetPeers() {
		const ids = [...this.#ids];
		if (ids.length === 0) return;
		removeAwarenessStates(this.awareness, ids, PEER);
		for (const id of ids) this.awareness.meta.delete(id);
	}

	/** A peer opened the document: it is told every entry made here (the server's included). */
	answerQuery() {
		const local = [...this.awareness.getStates().keys()].filter((id) => !this.#ids.has(id));
		if (local.length > 0) this.link.publishAwareness(encodeAwarenessUpdate(this.awareness, local));
	}

	/**
	 * Whether an entry came from another instance and belongs to someone other than `userId`: a
	 * client here may not overwrite it (the same user may: a tab that moved here from an
	 * instance that died keeps its awareness id).
	 */
	isOtherUsers(clientId: number, userId: string): boolean {
		if (!this.#ids.has(clientId)) return false;
		const state = this.awareness.states.get(clientId) as { user?: { id?: unknown } } | undefined;
		return state?.user?.id !== userId;
	}
}

import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { FramesByMark, type PreparedFrame } from './FramesByMark';
import { awarenessMessage } from './messages';

/** A socket's presence mark before it was sent anything: it is owed every current state. */
export const PRESENCE_NOTHING_SENT = 0;

interface Change {
	seq: number;
	clients: number[];
	/** Each client's clock when it changed, for one whose record is gone by the time it is sent. */
	clocks: (number | undefined)[];
}

/**
 * The room's presence changes for its relay (`UpdateRelay`): which awareness clients changed,
 * numbered in order. A socket is owed the current state of every client changed above its mark;
 * a socket not yet sent anything is owed every current state (so someone who opens the agenda
 * sees who is editing at once, not at their next 15-second renewal).
 *
 * Owed states are encoded from the room's Awareness when they are sent, not when they changed:
 * ten changes of one caret between two visits go out as its latest state, once. Awareness
 * updates carry a clock per client and a receiver keeps the newest, so a later state sent in
 * place of earlier ones is what the receiver would have ended with. A removed client is encoded
 * as null at its last clock, which a receiver also reads as a removal — at the clock it had when
 * it changed if the Awareness has forgotten it since (`PeerPresence.forgetPeers` drops the
 * records of peers' entries it removes, so that the peers' answers are taken again).
 */
export class PresenceLog {
	#changes: Change[] = [];
	#seq = 0;
	readonly #frames = new FramesByMark();

	constructor(private readonly awareness: Awareness) {}

	/** The latest change's number; a socket whose mark is below it is owed something. */
	get seq(): number {
		return this.#seq;
	}

	changed(clients: number[]) {
		const clocks = clients.map((id) => this.awareness.meta.get(id)?.clock);
		this.#changes.push({ seq: ++this.#seq, clients, clocks });
	}

	/** Forgets the changes every socket has been sent (all at or below `lowest`). */
	trim(lowest: number) {
		const keepFrom = this.#changes.findIndex((c) => c.seq > lowest);
		this.#changes = keepFrom < 0 ? [] : this.#changes.slice(keepFrom);
	}

	/** What a socket with presence mark `mark` is owed, framed; null if nothing. */
	frameAbove(mark: number): PreparedFrame | null {
		if (mark >= this.#seq) return null;
		return this.#frames.get(mark, this.#seq, () => {
			const clients = mark === PRESENCE_NOTHING_SENT ? this.#everyone() : this.#changedAbove(mark);
			return clients.size === 0 ? null : awarenessMessage(this.#encode(clients));
		});
	}

	/** Every current state (client id → its clock when it changed; unused here). */
	#everyone(): Map<number, number | undefined> {
		return new Map([...this.awareness.getStates().keys()].map((id) => [id, undefined]));
	}

	/** The clients changed above `mark`, each with its clock at its latest change. */
	#changedAbove(mark: number): Map<number, number | undefined> {
		const clients = new Map<number, number | undefined>();
		for (let i = this.#changes.length - 1; i >= 0; i--) {
			const change = this.#changes[i] as Change;
			if (change.seq <= mark) break;
			change.clients.forEach((id, k) => {
				if (!clients.has(id)) clients.set(id, change.clocks[k]);
			});
		}
		return clients;
	}

	/**
	 * An awareness update (y-protocols' format: count, then id, clock and JSON state per client)
	 * of the clients' current states; a client the Awareness no longer knows goes as removed at
	 * the clock it had when it changed.
	 */
	#encode(clients: Map<number, number | undefined>): Uint8Array {
		const entries: [number, number, unknown][] = [];
		for (const [id, clockWhenChanged] of clients) {
			const clock = this.awareness.meta.get(id)?.clock ?? clockWhenChanged;
			if (clock !== undefined) entries.push([id, clock, this.awareness.states.get(id) ?? null]);
		}
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, entries.length);
		for (const [id, clock, state] of entries) {
			encoding.writeVarUint(encoder, id);
			encoding.writeVarUint(encoder, clock);
			encoding.writeVarString(encoder, JSON.stringify(state));
		}
		return encoding.toUint8Array(encoder);
	}
}

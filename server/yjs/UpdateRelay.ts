import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { FramesByMark } from './FramesByMark';
import { PRESENCE_NOTHING_SENT, PresenceLog } from './PresenceLog';
import type { YjsConnection } from './YjsConnection';
import { updateMessage } from './messages';

/** A socket's `sentSeq` until its sync step 1 is answered: it is owed nothing yet. */
export const NOT_ANSWERED = Number.MAX_SAFE_INTEGER;

interface Entry {
	/** Numbers the room's applied updates in order; a socket is owed every entry above its mark. */
	seq: number;
	/** null: another instance's update (or a catch-up), which every socket here gets. */
	from: YjsConnection | null;
	update: Uint8Array;
}

/**
 * Relays a room's applied updates, and its presence, to its sockets by going round them in
 * slices: each socket visited is sent, as one frame, everything applied since its last visit
 * (then, as one more, the latest state of every presence changed since; see `PresenceLog`), and
 * the round yields to the event loop between slices. An update applied
 * mid-round joins the round at once for the sockets still ahead and is picked up by the next
 * round for those behind, so it reaches every socket within one round — the time to write to
 * each socket once — instead of waiting for a whole fan-out to finish before its own starts.
 * The sockets of a slice were mostly last visited together, so they are owed the same updates:
 * those are merged (`Y.mergeUpdates`) and framed once for all of them. A socket never gets its
 * own updates back. A round starts only while something is owed, so an idle room costs nothing,
 * and rounds start at least `roundMsPerSocket` × sockets apart, so under load a visit carries
 * more updates instead of coming more often: the work is bounded by the sockets, not the edits,
 * and incoming messages are handled between slices rather than queued behind a thousand writes.
 *
 * Presence goes the same way for the same reason. Sent at once to every socket, each change
 * blocked the loop for the whole fan-out: the 20 editors of the fan-out bench renew their
 * presence together every 15 s, 20,000 writes in one go, which stalled the server 190–300 ms
 * (its profile) and became the p99 of the phase it fell in. A socket gets presence only once its
 * sync step 1 is answered, after the document it refers to.
 */
export class UpdateRelay {
	/** Updates some socket may still be owed, oldest first. */
	#log: Entry[] = [];
	#seq = 0;
	/** This round's sockets, in order, and the next one to visit. */
	#round: YjsConnection[] = [];
	#next = 0;
	#timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
	/** performance.now() when the last round began (see `roundMsPerSocket`). */
	#roundStartedAt = Number.NEGATIVE_INFINITY;
	readonly #frames = new FramesByMark();
	readonly #presence: PresenceLog;

	constructor(
		private readonly connections: ReadonlySet<YjsConnection>,
		awareness: Awareness,
		/** Sockets written per slice before the round yields to the event loop. */
		private readonly slice: number,
		/**
		 * The least time from one round's start to the next, per socket in the room (a quiet
		 * room's next round starts at once).
		 */
		private readonly roundMsPerSocket: number
	) {
		this.#presence = new PresenceLog(awareness);
	}

	/** Queues an update that is stored and applied; its delivery starts at the end of this turn. */
	relay(from: YjsConnection | null, update: Uint8Array) {
		this.#log.push({ seq: ++this.#seq, from, update });
		if (from) from.relay.ownSeq = this.#seq;
		this.#schedule();
	}

	/** Queues the presence of `clients` (added, changed or removed) for every socket. */
	presenceChanged(clients: number[]) {
		this.#presence.changed(clients);
		this.#schedule();
	}

	/**
	 * The socket was just sent a sync step 2, computed from the document that holds every update
	 * logged so far: it is owed only what comes after. Without this a socket joining a busy room
	 * got each recent update twice, in its step 2 and again from the relay — on a reconnect after
	 * offline work, the other side's whole offline diff twice.
	 */
	answered(conn: YjsConnection) {
		conn.relay.sentSeq = this.#seq;
		if (conn.relay.presenceSeq < this.#presence.seq) this.#schedule();
	}

	/** Sends every socket what it is owed, now (the room is closing). */
	flush() {
		if (this.#timer) {
			clearImmediate(this.#timer as NodeJS.Immediate);
			clearTimeout(this.#timer as NodeJS.Timeout);
		}
		this.#timer = null;
		for (const conn of this.connections) this.#visit(conn);
		this.#log = [];
		this.#presence.trim(this.#presence.seq);
		this.#round = [];
		this.#next = 0;
	}

	#schedule() {
		if (this.#timer) return;
		const run = () => {
			this.#timer = null;
			this.#step();
		};
		// Mid-round the next slice goes out at once; a new round waits out the least spacing.
		const wait =
			this.#next < this.#round.length
				? 0
				: this.#roundStartedAt + this.#round.length * this.roundMsPerSocket - performance.now();
		this.#timer = wait >= 1 ? setTimeout(run, wait) : setImmediate(run);
	}

	#step() {
		if (this.#next >= this.#round.length && !this.#startRound()) return;
		const end = Math.min(this.#next + this.slice, this.#round.length);
		for (; this.#next < end; this.#next++) {
			const conn = this.#round[this.#next] as YjsConnection;
			if (this.connections.has(conn)) this.#visit(conn);
		}
		this.#schedule();
	}

	/** Starts a round if any socket is owed anything, after dropping what every socket has. */
	#startRound(): boolean {
		let lowest = this.#seq;
		let lowestPresence = this.#presence.seq;
		let presenceOwed = false;
		for (const { relay } of this.connections) {
			lowest = Math.min(lowest, relay.sentSeq);
			if (relay.sentSeq === NOT_ANSWERED) continue;
			presenceOwed ||= relay.presenceSeq < this.#presence.seq;
			// A socket sent nothing yet is owed every current state, which needs no log.
			if (relay.presenceSeq !== PRESENCE_NOTHING_SENT)
				lowestPresence = Math.min(lowestPresence, relay.presenceSeq);
		}
		const keepFrom = this.#log.findIndex((e) => e.seq > lowest);
		this.#log = keepFrom < 0 ? [] : this.#log.slice(keepFrom);
		// Sockets not answered yet have no presence mark but 0, so nothing they are owed is dropped.
		this.#presence.trim(lowestPresence);
		this.#round = this.#log.length > 0 || presenceOwed ? [...this.connections] : [];
		this.#next = 0;
		if (this.#round.length > 0) this.#roundStartedAt = performance.now();
		return this.#round.length > 0;
	}

	#visit(conn: YjsConnection) {
		if (conn.relay.sentSeq === NOT_ANSWERED) return;
		this.#sendUpdates(conn);
		// After the updates: a caret may point at text that came in them.
		const mark = conn.relay.presenceSeq;
		if (mark >= this.#presence.seq) return;
		conn.relay.presenceSeq = this.#presence.seq;
		const prepared = this.#presence.frameAbove(mark);
		if (prepared) conn.sendFrame(prepared.frame, prepared.message);
	}

	#sendUpdates(conn: YjsConnection) {
		const mark = conn.relay.sentSeq;
		if (mark >= this.#seq) return;
		conn.relay.sentSeq = this.#seq;
		if (conn.relay.ownSeq > mark) {
			// A writer is not sent its own updates back: the others' are merged for it alone.
			const others = this.#owedAbove(mark).filter((e) => e.from !== conn);
			if (others.length > 0) conn.send(updateMessage(merge(others)));
			return;
		}
		const prepared = this.#frameAbove(mark);
		if (prepared) conn.sendFrame(prepared.frame, prepared.message);
	}

	#owedAbove(mark: number): Entry[] {
		// The log is short (about one round of updates) and ordered: scan from the newest end.
		let i = this.#log.length;
		while (i > 0 && (this.#log[i - 1] as Entry).seq > mark) i--;
		return this.#log.slice(i);
	}

	#frameAbove(mark: number) {
		return this.#frames.get(mark, this.#seq, () => {
			const owed = this.#owedAbove(mark);
			// Trimmed already: a socket that joined after every update in the log was sent.
			return owed.length === 0 ? null : updateMessage(merge(owed));
		});
	}
}

function merge(entries: Entry[]): Uint8Array {
	return entries.length === 1
		? (entries[0] as Entry).update
		: Y.mergeUpdates(entries.map((e) => e.update));
}

import * as Y from 'yjs';
import type { YjsConnection } from './YjsConnection';
import { updateMessage } from './messages';

interface Pending {
	/** null: another instance's update, which every socket here gets. */
	from: YjsConnection | null;
	update: Uint8Array;
}

/**
 * Relays a room's applied updates to its sockets once per turn of the event loop instead of once
 * per update: everything applied in one turn is merged into one update, encoded into one frame,
 * and that same buffer goes to every socket that sent none of it — a thousand readers cost one
 * merge and one encode, not a thousand. A socket that sent some of the batch gets the rest merged
 * for it alone (its own edits are not echoed). Under light load a turn holds one update and it
 * goes out as before; under heavy load the batches grow by themselves, since a slow turn lets
 * more updates arrive before the next.
 */
export class UpdateRelay {
	#pending: Pending[] = [];
	#timer: NodeJS.Immediate | NodeJS.Timeout | null = null;
	/** performance.now() before which the next flush waits (see `pauseFactor`). */
	#nextFlushAt = 0;

	constructor(
		private readonly connections: Iterable<YjsConnection>,
		/**
		 * After a flush that took t ms the next waits until `pauseFactor × t` ms have passed, so
		 * fanning out to a big room takes at most 1 / (1 + pauseFactor) of the process and the
		 * rest of the server (other rooms, the write chain, upgrades) keeps its share; the wait
		 * is a few ms for a thousand sockets and nothing for a small room.
		 */
		private readonly pauseFactor = 0
	) {}

	/** Queues an update that is stored and applied; it leaves at the end of this turn. */
	relay(from: YjsConnection | null, update: Uint8Array) {
		this.#pending.push({ from, update });
		if (this.#timer) return;
		const wait = this.#nextFlushAt - performance.now();
		this.#timer =
			wait >= 1 ? setTimeout(() => this.flush(), wait) : setImmediate(() => this.flush());
	}

	flush() {
		if (this.#timer) {
			clearTimeout(this.#timer as NodeJS.Timeout);
			clearImmediate(this.#timer as NodeJS.Immediate);
			this.#timer = null;
		}
		const batch = this.#pending;
		if (batch.length === 0) return;
		this.#pending = [];
		const started = performance.now();
		const senders = new Set(batch.map((p) => p.from));
		const everything = toBuffer(updateMessage(merge(batch.map((p) => p.update))));
		for (const conn of this.connections) {
			if (!senders.has(conn)) {
				conn.send(everything);
				continue;
			}
			if (senders.size === 1) continue;
			const others = batch.filter((p) => p.from !== conn).map((p) => p.update);
			conn.send(toBuffer(updateMessage(merge(others))));
		}
		const now = performance.now();
		this.#nextFlushAt = now + (now - started) * this.pauseFactor;
	}
}

function merge(updates: Uint8Array[]): Uint8Array {
	return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}

/** One Buffer view for every send, so `ws` does not wrap the bytes again per socket. */
function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

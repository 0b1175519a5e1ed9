import type { SeededRandom } from '../helpers/seededRandom';

export interface ScrambleOptions {
	/** How often queued messages are released, in a shuffled order. */
	flushMs: number;
	/** Chance that a released message is delivered twice. */
	duplicate: number;
	/** Chance, per flush, of delivering again a message from earlier on the same connection. */
	replay: number;
}

export const DEFAULT_SCRAMBLE: ScrambleOptions = { flushMs: 15, duplicate: 0.2, replay: 0.2 };

/**
 * A seeded in-between for one direction of one connection: messages are held, then released in
 * a shuffled order, some twice, and some old ones again. What a bad network or a confused client
 * does, short of dropping (the proxy cuts do that).
 */
export class Scrambler<T> {
	#queue: T[] = [];
	#history: T[] = [];
	#timer: ReturnType<typeof setInterval>;

	constructor(
		private readonly random: SeededRandom,
		private readonly options: ScrambleOptions,
		private readonly deliver: (item: T) => void
	) {
		this.#timer = setInterval(() => this.flush(), options.flushMs);
	}

	push(item: T) {
		this.#queue.push(item);
	}

	flush() {
		const batch = this.random.shuffle(this.#queue);
		this.#queue = [];
		if (this.#history.length && this.random.chance(this.options.replay)) {
			batch.push(this.random.pick(this.#history));
		}
		for (const item of batch) {
			this.deliver(item);
			if (this.random.chance(this.options.duplicate)) this.deliver(item);
			this.#history.push(item);
		}
		if (this.#history.length > 64) this.#history.splice(0, this.#history.length - 64);
	}

	/** Stops and forgets: what was queued on a dead connection is lost, as on a real network. */
	stop() {
		clearInterval(this.#timer);
		this.#queue = [];
	}
}

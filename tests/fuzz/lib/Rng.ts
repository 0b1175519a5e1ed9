/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same bytes, so a frame
 * that broke the server can be sent again. Each fuzz session forks its own generator from the
 * seed and its index, so how sessions interleave in time does not change what they send.
 */
export class Rng {
	#state: number;

	constructor(seed: number) {
		this.#state = seed >>> 0;
	}

	/** A generator for sub-task `index`, independent of how much this one has been used. */
	fork(index: number): Rng {
		return new Rng(Math.imul(this.#state ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index, 0xc2b2ae35));
	}

	/** Uniform in [0, 1). */
	next(): number {
		let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.next() * n);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		const item = items[this.int(items.length)];
		if (item === undefined) throw new Error('pick from an empty list');
		return item;
	}

	bytes(n: number): Uint8Array {
		const out = new Uint8Array(n);
		for (let i = 0; i < n; i++) out[i] = this.int(256);
		return out;
	}

	/** Picks one generator by weight and runs it. */
	weighted<T>(choices: readonly [number, () => T][]): T {
		const total = choices.reduce((sum, [w]) => sum + w, 0);
		let at = this.next() * total;
		for (const [weight, make] of choices) {
			at -= weight;
			if (at < 0) return make();
		}
		const last = choices[choices.length - 1];
		if (!last) throw new Error('no choices');
		return last[1]();
	}
}

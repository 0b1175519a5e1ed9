/**
 * Per-user token buckets for writes people make by hand (comments, demand filings): a burst that
 * lets a phone send its offline backlog at once, then a steady rate nobody types at. `take` says
 * how long a user over it must wait; the route answers 429 with that as Retry-After, and the
 * client keeps what it has not sent. In memory, per process: in cluster mode each instance
 * counts the writes that reach it.
 */
export class PerUserLimit {
	readonly #buckets = new Map<string, { tokens: number; at: number }>();
	/** Sweeping full buckets costs a pass over the map: only when it has grown this big. */
	#sweepAt = 10_000;

	constructor(
		readonly perMinute: number,
		readonly burst: number,
		private readonly now: () => number = Date.now
	) {}

	/** People whose bucket is remembered (not yet swept). */
	get tracked(): number {
		return this.#buckets.size;
	}

	/** 0 if the user may write now (a token is taken); else milliseconds until they may. */
	take(userId: string): number {
		const t = this.now();
		const tokens = this.#tokens(userId, t);
		if (tokens < 1) {
			this.#buckets.set(userId, { tokens, at: t });
			// (Less a hair: a third of a token is 0.333…, and 2000.0000001 ms is 2000 ms.)
			return Math.ceil(((1 - tokens) * 60_000) / this.perMinute - 1e-6);
		}
		this.#buckets.set(userId, { tokens: tokens - 1, at: t });
		if (this.#buckets.size > this.#sweepAt) this.#sweep(t);
		return 0;
	}

	#tokens(userId: string, t: number): number {
		const b = this.#buckets.get(userId);
		if (!b) return this.burst;
		// A clock set back (NTP, a test's clock) refills nothing rather than taking tokens away.
		const elapsed = Math.max(0, t - b.at);
		return Math.min(this.burst, b.tokens + (elapsed * this.perMinute) / 60_000);
	}

	/** Forgets users whose bucket has refilled (a full bucket is what an unknown user gets). */
	#sweep(t: number) {
		for (const userId of [...this.#buckets.keys()]) {
			if (this.#tokens(userId, t) >= this.burst) this.#buckets.delete(userId);
		}
		this.#sweepAt = Math.max(10_000, 2 * this.#buckets.size);
	}
}

/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`. A client that keeps sending
 * faster than that for long enough runs dry, and its socket is closed, so one peer cannot keep
 * the server busy for everyone else.
 */
export class RateLimiter {
	#tokens: number;
	#last: number;

	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		private readonly now: () => number = Date.now
	) {
		this.#tokens = burst;
		this.#last = now();
	}

	/** Takes one token; false when the bucket is empty. */
	take(): boolean {
		const t = this.now();
		this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.perSecond);
		this.#last = t;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}

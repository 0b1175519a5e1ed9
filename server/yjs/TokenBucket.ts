/** A token bucket: `take()` fails once a socket sends faster than `ratePerSecond` for too long. */
export class TokenBucket {
	#tokens: number;
	#last = Date.now();

	constructor(
		private readonly ratePerSecond: number,
		private readonly burst: number
	) {
		this.#tokens = burst;
	}

	take(): boolean {
		const now = Date.now();
		this.#tokens = Math.min(
			this.burst,
			this.#tokens + ((now - this.#last) * this.ratePerSecond) / 1000
		);
		this.#last = now;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}

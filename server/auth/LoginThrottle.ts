/**
 * Slows and then refuses repeated failed logins, per client address and per account, so a
 * password cannot be guessed from one place nor one account guessed from many. Failures decay
 * after `windowMs`; a success clears the account's count (not the address's).
 *
 * In memory: one process serves a district. A cluster keeps this in Redis (later work).
 */
export interface ThrottleVerdict {
	allowed: boolean;
	/** Milliseconds to wait before answering a permitted attempt, growing with failures. */
	delayMs: number;
	retryAfterSeconds: number;
}

interface Entry {
	failures: number[];
	lockedUntil: number;
}

export interface ThrottleLimits {
	perAccount: number;
	perAddress: number;
	windowMs: number;
	lockMs: number;
}

export const DEFAULT_LIMITS: ThrottleLimits = {
	perAccount: 5,
	perAddress: 20,
	windowMs: 15 * 60 * 1000,
	lockMs: 15 * 60 * 1000
};

export class LoginThrottle {
	#entries = new Map<string, Entry>();

	constructor(
		private readonly limits: ThrottleLimits = DEFAULT_LIMITS,
		private readonly now: () => number = Date.now
	) {}

	check(address: string, account: string): ThrottleVerdict {
		const now = this.now();
		let wait = 0;
		let failures = 0;
		for (const key of [`ip:${address}`, `user:${account.toLowerCase()}`]) {
			const e = this.#fresh(key, now);
			if (!e) continue;
			if (e.lockedUntil > now) wait = Math.max(wait, e.lockedUntil - now);
			failures = Math.max(failures, e.failures.length);
		}
		if (wait > 0) return { allowed: false, delayMs: 0, retryAfterSeconds: Math.ceil(wait / 1000) };
		return { allowed: true, delayMs: Math.min(failures * 200, 2000), retryAfterSeconds: 0 };
	}

	fail(address: string, account: string) {
		const now = this.now();
		this.#add(`ip:${address}`, now, this.limits.perAddress);
		this.#add(`user:${account.toLowerCase()}`, now, this.limits.perAccount);
		if (this.#entries.size > 100_000) this.#sweep(now);
	}

	succeed(account: string) {
		this.#entries.delete(`user:${account.toLowerCase()}`);
	}

	#add(key: string, now: number, limit: number) {
		const e = this.#fresh(key, now) ?? { failures: [], lockedUntil: 0 };
		e.failures.push(now);
		if (e.failures.length >= limit) e.lockedUntil = now + this.limits.lockMs;
		this.#entries.set(key, e);
	}

	#fresh(key: string, now: number): Entry | undefined {
		const e = this.#entries.get(key);
		if (!e) return undefined;
		e.failures = e.failures.filter((t) => now - t < this.limits.windowMs);
		if (e.failures.length === 0 && e.lockedUntil <= now) {
			this.#entries.delete(key);
			return undefined;
		}
		return e;
	}

	#sweep(now: number) {
		for (const key of this.#entries.keys()) this.#fresh(key, now);
	}
}

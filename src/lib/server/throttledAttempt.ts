import { fail, type ActionFailure } from '@sveltejs/kit';
import { services } from './services';

/**
 * Runs one credential check (login, reset code) behind the login throttle: a locked address or
 * account gets 429 with Retry-After; otherwise the answer is delayed by the throttle's growing
 * delay, and the outcome counted. `attempt` returns true when the credentials were right.
 */
export async function throttledAttempt(
	event: { getClientAddress(): string; setHeaders(h: Record<string, string>): void },
	account: string,
	attempt: () => Promise<boolean>
): Promise<{ ok: true } | { ok: false; locked?: ActionFailure<{ error: 'throttled'; retryAfter: number }> }> {
	const { throttle } = services();
	const address = event.getClientAddress();
	const verdict = throttle.check(address, account);
	if (!verdict.allowed) {
		event.setHeaders({ 'retry-after': String(verdict.retryAfterSeconds) });
		return {
			ok: false,
			locked: fail(429, { error: 'throttled', retryAfter: verdict.retryAfterSeconds })
		};
	}
	if (verdict.delayMs > 0) await new Promise((r) => setTimeout(r, verdict.delayMs));
	if (await attempt()) {
		throttle.succeed(account);
		return { ok: true };
	}
	throttle.fail(address, account);
	return { ok: false };
}

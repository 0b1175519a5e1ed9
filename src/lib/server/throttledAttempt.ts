import { fail, type ActionFailure } from '@sveltejs/kit';
import { services } from './services';

export type ThrottledResult<T> =
	| { ok: true; value: T }
	| { ok: false; locked: ActionFailure<{ error: 'throttled'; retryAfter: number }> | null };

/**
 * Runs one credential check (login, reset code, current password) behind the login throttle: a
 * locked address or account gets 429 with Retry-After; otherwise the answer is delayed by the
 * throttle's growing delay and the outcome counted. `attempt` returns null when the credentials
 * were wrong, else what the caller needs (the user id).
 */
export async function throttledAttempt<T>(
	event: { getClientAddress(): string; setHeaders(h: Record<string, string>): void },
	account: string,
	attempt: () => Promise<T | null>
): Promise<ThrottledResult<T>> {
	const { throttle } = services();
	const address = event.getClientAddress();
	const verdict = throttle.check(address, account);
	if (!verdict.allowed) {
		event.setHeaders({ 'retry-after': String(verdict.retryAfterSeconds) });
		const retryAfter = verdict.retryAfterSeconds;
		return { ok: false, locked: fail(429, { error: 'throttled' as const, retryAfter }) };
	}
	if (verdict.delayMs > 0) await new Promise((r) => setTimeout(r, verdict.delayMs));
	const value = await attempt();
	if (value !== null) {
		throttle.succeed(account);
		return { ok: true, value };
	}
	throttle.fail(address, account);
	return { ok: false, locked: null };
}

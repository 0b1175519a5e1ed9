import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/auth/LoginThrottle';

const limits = { perAccount: 3, perAddress: 5, windowMs: 60_000, lockMs: 30_000 };

describe('login throttle', () => {
	it('slows repeated failures, then refuses the account for a while', () => {
		let now = 0;
		const t = new LoginThrottle(limits, () => now);
		expect(t.check('1.1.1.1', 'alice')).toMatchObject({ allowed: true, delayMs: 0 });
		t.fail('1.1.1.1', 'alice');
		expect(t.check('1.1.1.1', 'alice').delayMs).toBeGreaterThan(0);
		t.fail('1.1.1.1', 'alice');
		t.fail('1.1.1.1', 'alice');
		const locked = t.check('2.2.2.2', 'ALICE');
		expect(locked.allowed).toBe(false);
		expect(locked.retryAfterSeconds).toBe(30);
		now += 30_001;
		expect(t.check('2.2.2.2', 'alice').allowed).toBe(true);
	});

	it('refuses an address that tries many accounts', () => {
		const t = new LoginThrottle(limits, () => 0);
		for (let i = 0; i < 5; i++) t.fail('9.9.9.9', `user${i}`);
		expect(t.check('9.9.9.9', 'fresh-account').allowed).toBe(false);
		expect(t.check('8.8.8.8', 'fresh-account').allowed).toBe(true);
	});

	it('a success clears the account but not the address', () => {
		const t = new LoginThrottle(limits, () => 0);
		t.fail('1.1.1.1', 'bob');
		t.fail('1.1.1.1', 'bob');
		t.succeed('bob');
		t.fail('1.1.1.1', 'bob');
		expect(t.check('3.3.3.3', 'bob').allowed).toBe(true);
	});
});

import { describe, expect, it } from 'vitest';
import { PerUserLimit } from '../../server/access/PerUserLimit';

describe('PerUserLimit', () => {
	it('lets a burst through, then one write per 60 / perMinute seconds, each person on their own', () => {
		let t = 1_000_000;
		const limit = new PerUserLimit(20, 5, () => t);
		for (let i = 0; i < 5; i++) expect(limit.take('a')).toBe(0);
		expect(limit.take('a')).toBe(3000);
		// A refused write costs nothing: the wait only shrinks as time passes.
		t += 1000;
		expect(limit.take('a')).toBe(2000);
		expect(limit.take('b')).toBe(0);
		t += 2000;
		expect(limit.take('a')).toBe(0);
		expect(limit.take('a')).toBe(3000);
		// A long pause refills the bucket to the burst, not past it.
		t += 3_600_000;
		for (let i = 0; i < 5; i++) expect(limit.take('a')).toBe(0);
		expect(limit.take('a')).toBeGreaterThan(0);
	});

	it('a clock set back takes nothing away', () => {
		let t = 1_000_000;
		const limit = new PerUserLimit(20, 5, () => t);
		expect(limit.take('a')).toBe(0);
		t -= 86_400_000;
		for (let i = 0; i < 4; i++) expect(limit.take('a')).toBe(0);
		expect(limit.take('a')).toBe(3000);
	});

	it('forgets people whose bucket is full again, so a crowd passing through leaves little state', () => {
		let t = 0;
		const limit = new PerUserLimit(60, 2, () => t);
		for (let i = 0; i < 10_000; i++) limit.take(`u${i}`);
		expect(limit.tracked).toBe(10_000);
		// A second later all of them are full again: the next new person's take sweeps them.
		t += 1000;
		limit.take('late');
		expect(limit.tracked).toBe(1);
		// A forgotten person starts with a full bucket, as they would have had anyway.
		expect(limit.take('u0')).toBe(0);
		expect(limit.take('u0')).toBe(0);
		expect(limit.take('u0')).toBe(1000);
	});
});

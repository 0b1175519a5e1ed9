import { describe, expect, it } from 'vitest';
import { Arrivals, marker, scanMarkers } from '../../bench/fanout/latency';

/** The bytes of an update frame carrying the given markers among other text. */
const frame = (...stamps: number[]) =>
	new TextEncoder().encode(`\u0000\u0002xx${stamps.map((s) => `居民${marker(s)}`).join('')}尾`);

describe('bench edit-to-arrival timing', () => {
	it('finds every marker in a frame with its stamp and the arrival time', () => {
		const seen: [number, number][] = [];
		const found = scanMarkers(frame(1_000_000, 1_002_500), 0, (stamp, now) =>
			seen.push([stamp, now])
		);
		expect(found).toBe(2);
		expect(seen.map(([stamp]) => stamp)).toEqual([1_000_000, 1_002_500]);
		// Both arrivals share one reading of the clock.
		expect(seen[0]?.[1]).toBe(seen[1]?.[1]);
	});

	it("counts each arrival from its edit's send, not its stamp", () => {
		const arrivals = new Arrivals();
		// Edit A stamped at 0 µs was sent 30 ms later (its editor was held up); edit B at once.
		for (let r = 0; r < 99; r++) arrivals.add(0, 40_000);
		arrivals.add(5_000, 15_000);
		const fromStamp = arrivals.latencies(new Map()).summary();
		expect(fromStamp.p50).toBe(40);
		const fromSend = arrivals.latencies(new Map([[0, 30]])).summary();
		expect(fromSend.p50).toBe(10);
		expect(fromSend.count).toBe(100);
		expect(fromSend.max).toBe(10);
	});

	it('keeps every arrival past its first allocation', () => {
		const arrivals = new Arrivals();
		const n = 200_000;
		for (let i = 0; i < n; i++) arrivals.add(i % 1000, (i % 1000) + 2_000);
		const summary = arrivals.latencies(new Map()).summary();
		expect(summary.count).toBe(n);
		expect(summary.p99).toBe(2);
	});
});

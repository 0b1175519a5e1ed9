import { expect, test } from 'vitest';
import { runFuzzCampaign } from './lib/fuzzCampaign';

/**
 * Issue 3, item 7, at CI size: both sync endpoints take thousands of malformed frames (before
 * and after login) while a writer and an observer on each keep editing. The long run with the
 * server on its own core is `npm run fuzz`.
 */
test('malformed frames to both endpoints never stop the server serving others, stall its loop or grow its memory', async () => {
	const figures = await runFuzzCampaign({ seed: 7, framesPerTarget: 2500, concurrency: 8 });
	console.log(
		`fuzz: ${figures.framesSent} frames in ${figures.durationMs} ms, worst stall ` +
			`${figures.worstStallMs} ms, bystander rounds ${figures.bystanderRounds}, rss ` +
			`${figures.memoryBefore.rssBytes >> 20} → ${figures.memoryAfter.rssBytes >> 20} MiB`
	);
	expect(figures.serverAlive).toBe(true);
	expect(figures.framesSent).toBeGreaterThanOrEqual(5000);
	// Both endpoints were reached after login and refused before it.
	for (const t of figures.perTarget) {
		expect(t.upgrades['101']).toBeGreaterThan(100);
		expect(t.upgrades['401']).toBeGreaterThan(5);
	}
	expect(figures.bystanderFailures).toEqual([]);
	expect(figures.bystanderRounds).toBeGreaterThan(5);
	expect(figures.worstStallMs).toBeLessThan(1000);
	// After GC the heap is back near where it started (junk accepted into the agenda is small).
	const heapGrowth = figures.memoryAfter.heapUsedBytes - figures.memoryBefore.heapUsedBytes;
	expect(heapGrowth).toBeLessThan(32 * 2 ** 20);
	expect(figures.memoryAfter.rssBytes).toBeLessThan(figures.memoryBefore.rssBytes + 200 * 2 ** 20);
}, 90_000);

/**
 * `npm run fuzz`: the long fuzz run for the real figures. The server runs pinned to core 0 and
 * this process (fuzzers and bystanders) to core 1, so the stall measured is the server's own.
 * FUZZ_FRAMES (per endpoint, default 30,000) and FUZZ_SEED (default 1) change the run.
 */
import { runFuzzCampaign } from './lib/fuzzCampaign';

const framesPerTarget = Number(process.env.FUZZ_FRAMES ?? 30_000);
const seed = Number(process.env.FUZZ_SEED ?? 1);
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

const figures = await runFuzzCampaign({
	seed,
	framesPerTarget,
	concurrency: 10,
	pinServer: true,
	log: (line) => console.log(line)
});
console.log(JSON.stringify(figures.perTarget, null, 2));
console.log(`seed ${figures.seed}: ${figures.framesSent} frames in ${figures.durationMs} ms`);
console.log(`worst event-loop stall ${figures.worstStallMs} ms (p99 ${figures.p99StallMs} ms)`);
console.log(
	`rss ${mib(figures.memoryBefore.rssBytes)} → ${mib(figures.memoryAfter.rssBytes)}, ` +
		`heap ${mib(figures.memoryBefore.heapUsedBytes)} → ${mib(figures.memoryAfter.heapUsedBytes)} (after GC)`
);
console.log(
	`bystanders: ${figures.bystanderRounds} rounds, slowest ${figures.slowestPropagationMs} ms, ` +
		`failures ${figures.bystanderFailures.length}; server alive: ${figures.serverAlive}`
);
for (const f of figures.bystanderFailures) console.log(`  failure: ${f}`);
const ok =
	figures.serverAlive && figures.bystanderFailures.length === 0 && figures.worstStallMs < 1000;
process.exit(ok ? 0 : 1);

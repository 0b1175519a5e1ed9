import { readFileSync } from 'node:fs';

/** Resident memory of a process, in MiB, from /proc. */
export function rssMiB(pid: number): number {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

/** CPU milliseconds (user + system) a process has used so far (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Milliseconds the main thread has waited runnable for a CPU (other processes' load). */
export function waitedMs(pid: number): number {
	const [, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
	return (wait ?? NaN) / 1e6;
}

/**
 * Measures a process over a stretch of wall time: `stop()` gives its CPU as % of one core and
 * the % of the time it sat runnable waiting for a core — high values mean the machine's other
 * load, not the code, set the figures.
 */
export function cpuMeter(pid: number) {
	const cpu0 = cpuMs(pid);
	const wait0 = waitedMs(pid);
	const t0 = performance.now();
	return {
		stop() {
			const wall = performance.now() - t0;
			const cpu = cpuMs(pid) - cpu0;
			return {
				cpuMs: cpu,
				percent: Math.round((cpu / wall) * 100),
				waitingPercent: Math.round(((waitedMs(pid) - wait0) / wall) * 100)
			};
		}
	};
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Waits until every process uses less than `maxPercent` of a core over a `windowMs` window (or
 * `timeoutMs` passes): a server still working off a backlog — a peer that did not keep up, a
 * join storm — would otherwise take core 0 from the next server's phase. Returns how long it
 * waited.
 */
export async function waitForIdle(
	pids: number[],
	{ maxPercent = 10, windowMs = 500, timeoutMs = 30_000 } = {}
): Promise<number> {
	const start = performance.now();
	for (;;) {
		const meters = pids.map((pid) => cpuMeter(pid));
		await sleep(windowMs);
		const busiest = Math.max(...meters.map((m) => m.stop().percent));
		const waited = performance.now() - start;
		if (busiest < maxPercent || waited > timeoutMs) return Math.round(waited);
	}
}

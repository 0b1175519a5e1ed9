import { readFileSync } from 'node:fs';

/**
 * What the board scenarios read about a process from /proc, and small number helpers. Figures
 * of another process (a server pinned to core 0) are read from outside it, so measuring does
 * not cost the measured process anything.
 */

/** Resident set size of a process in MiB (fractional). */
export function rssMiB(pid: number): number {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU milliseconds (user + system, every thread) a process has used so far. */
export function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Milliseconds the process's main thread has waited runnable for a core (others' load). */
export function waitedMs(pid: number): number {
	const [, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
	return (wait ?? NaN) / 1e6;
}

/** A monotonic clock in ms that every process on the machine shares (CLOCK_MONOTONIC). */
export function sharedNow(): number {
	return Number(process.hrtime.bigint()) / 1e6;
}

/** The p-th quantile (0–1) of an ascending array, NaN when empty. */
export function quantile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

export function ascending(values: readonly number[]): number[] {
	return [...values].sort((a, b) => a - b);
}

/** At most `max` samples, evenly spaced through the sorted distribution (for the chart). */
export function thin(values: readonly number[], max = 2000): number[] {
	const sorted = ascending(values);
	if (sorted.length <= max) return sorted.map(round2);
	return Array.from({ length: max }, (_, i) =>
		round2(sorted[Math.floor((i * (sorted.length - 1)) / (max - 1))] as number)
	);
}

export function round2(n: number): number {
	return Math.round(n * 100) / 100;
}

/** gongzhi ÷ peer, rounded; NaN-safe. */
export function ratio(gongzhi: number, peer: number): number {
	return round2(gongzhi / peer);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` every `everyMs` until it is true; throws after `timeoutMs`. */
export async function until(
	check: () => boolean,
	what: string,
	timeoutMs = 60_000,
	everyMs = 2
): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await sleep(everyMs);
	}
}

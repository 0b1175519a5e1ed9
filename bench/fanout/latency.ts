/**
 * Edit-to-arrival timing. An edit inserts a marker `~<µs>~` (microseconds on the bench clock,
 * below); a receiver finds the markers in the raw bytes of an update frame — Yjs writes inserted
 * strings verbatim — and records when each arrived. Seeds and marker digits never contain '~', so
 * a '~' in update bytes opens a marker or is not one at all.
 *
 * Latency runs from when the edit's bytes were handed to its socket, not from the stamp: the
 * editors' process (niced, on the receivers' core) can be preempted between stamping a marker and
 * sending it. That gap, measured per edit over 26 phases at N = 1,000, had a p99 of 1.2–22 ms
 * with the y-websocket provider and 15–40 ms with Hocuspocus's (max 89 ms), and every receiver of
 * that edit counted it as the server's. On separate devices the editor is not held up by a
 * thousand readers; here it is, so each edit's gap (`Arrivals.latencies`) is taken off its
 * arrivals.
 */
const TILDE = 0x7e;
const ZERO = 0x30;

/**
 * The bench clock, shared by the editors' and the receivers' processes: milliseconds since
 * `BENCH_CLOCK_EPOCH_MS` (wall-clock milliseconds, set by whoever forks them; this process's
 * start if unset). `performance.timeOrigin + performance.now()` is the wall clock read through the
 * monotonic one, so two processes on one machine agree to well under a millisecond: a time sent
 * from one process to another over IPC read 0.24–0.46 ms later on the receiver's clock, the IPC
 * itself included (20 messages over four fresh child processes).
 */
const EPOCH_MS = Number(process.env.BENCH_CLOCK_EPOCH_MS ?? performance.timeOrigin);

export function benchClockMs(): number {
	return performance.timeOrigin + performance.now() - EPOCH_MS;
}

/** The marker for an edit stamped `stampUs` (microseconds on the bench clock). */
export function marker(stampUs: number): string {
	return `~${stampUs}~`;
}

export function stampNowUs(): number {
	return Math.round(benchClockMs() * 1000);
}

/** Calls `seen(stampUs, nowUs)` for every marker in `bytes[from..]`; returns how many it found. */
export function scanMarkers(
	bytes: Uint8Array,
	from: number,
	seen: (stampUs: number, nowUs: number) => void
): number {
	const nowUs = benchClockMs() * 1000;
	let found = 0;
	let i = bytes.indexOf(TILDE, from);
	while (i >= 0) {
		let us = 0;
		let j = i + 1;
		for (; j < bytes.length; j++) {
			const d = (bytes[j] as number) - ZERO;
			if (d < 0 || d > 9) break;
			us = us * 10 + d;
		}
		if (j < bytes.length && bytes[j] === TILDE && j > i + 1) {
			seen(us, nowUs);
			found++;
			i = bytes.indexOf(TILDE, j + 1);
		} else {
			i = bytes.indexOf(TILDE, i + 1);
		}
	}
	return found;
}

/**
 * Every marker arrival of a phase, kept raw (typed arrays: millions per phase, off the heap the
 * collector marks) until the editors report when each edit was sent.
 */
export class Arrivals {
	readonly #editOf = new Map<number, number>();
	#stamps: number[] = [];
	#sinceStampMs = new Float32Array(1 << 16);
	#edit = new Uint32Array(1 << 16);
	count = 0;

	add(stampUs: number, nowUs: number) {
		let edit = this.#editOf.get(stampUs);
		if (edit === undefined) {
			edit = this.#stamps.push(stampUs) - 1;
			this.#editOf.set(stampUs, edit);
		}
		if (this.count === this.#edit.length) {
			const grownMs = new Float32Array(this.count * 2);
			grownMs.set(this.#sinceStampMs);
			this.#sinceStampMs = grownMs;
			const grownEdit = new Uint32Array(this.count * 2);
			grownEdit.set(this.#edit);
			this.#edit = grownEdit;
		}
		this.#sinceStampMs[this.count] = (nowUs - stampUs) / 1000;
		this.#edit[this.count] = edit;
		this.count++;
	}

	/**
	 * The latencies from each edit's send: `sentAfterMs` maps an edit's stamp (µs) to how long
	 * after it the send returned (an edit missing from it counts from its stamp).
	 */
	latencies(sentAfterMs: ReadonlyMap<number, number>): LatencyHistogram {
		const gap = this.#stamps.map((stamp) => sentAfterMs.get(stamp) ?? 0);
		const histogram = new LatencyHistogram();
		for (let i = 0; i < this.count; i++)
			histogram.add((this.#sinceStampMs[i] as number) - (gap[this.#edit[i] as number] as number));
		return histogram;
	}
}

/**
 * Latencies in 0.1 ms buckets up to 60 s (a million samples per phase would not fit in memory
 * as numbers, nor cross the IPC pipe), plus an evenly thinned reservoir for the chart.
 */
export class LatencyHistogram {
	static readonly BUCKET_MS = 0.1;
	static readonly MAX_MS = 60_000;
	readonly counts = new Uint32Array(LatencyHistogram.MAX_MS / LatencyHistogram.BUCKET_MS + 1);
	total = 0;
	readonly #reservoir: number[] = [];
	readonly #reservoirSize: number;

	constructor(reservoirSize = 2000) {
		this.#reservoirSize = reservoirSize;
	}

	add(ms: number) {
		const b = Math.min(this.counts.length - 1, Math.max(0, Math.round(ms / 0.1)));
		this.counts[b] = (this.counts[b] as number) + 1;
		this.total++;
		// Reservoir sampling (Algorithm R) with Math.random: the chart needs shape, not replay.
		if (this.#reservoir.length < this.#reservoirSize) this.#reservoir.push(ms);
		else {
			const k = Math.floor(Math.random() * this.total);
			if (k < this.#reservoirSize) this.#reservoir[k] = ms;
		}
	}

	percentile(p: number): number {
		if (this.total === 0) return NaN;
		const rank = Math.ceil(this.total * p);
		let seen = 0;
		for (let b = 0; b < this.counts.length; b++) {
			seen += this.counts[b] as number;
			if (seen >= rank) return b * LatencyHistogram.BUCKET_MS;
		}
		return LatencyHistogram.MAX_MS;
	}

	summary(): LatencySummary {
		return {
			count: this.total,
			p50: this.percentile(0.5),
			p99: this.percentile(0.99),
			max: this.percentile(1),
			samples: [...this.#reservoir].sort((a, b) => a - b).map((x) => Math.round(x * 10) / 10)
		};
	}
}

export interface LatencySummary {
	count: number;
	p50: number;
	p99: number;
	max: number;
	/** ≤ 2,000 samples, sorted, for the distribution chart. */
	samples: number[];
}

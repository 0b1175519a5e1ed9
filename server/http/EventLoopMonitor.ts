import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface EventLoopFigures {
	/** The longest the loop was late to run a 10 ms timer since the last reset. */
	maxDelayMs: number;
	p99DelayMs: number;
	meanDelayMs: number;
	/** When the figures started (ms since the epoch): the last reset or the start. */
	sinceMs: number;
}

/**
 * Measures how long the event loop is blocked, from inside the server: a stall here is a stall
 * every socket and page saw. Read through `/healthz`; tests and the fuzz run reset it before a
 * phase so the figure belongs to that phase.
 */
export class EventLoopMonitor {
	readonly #histogram: IntervalHistogram;
	#since = Date.now();

	constructor(private readonly resolutionMs = 10) {
		this.#histogram = monitorEventLoopDelay({ resolution: resolutionMs });
		this.#histogram.enable();
	}

	figures(): EventLoopFigures {
		const h = this.#histogram;
		// The histogram records whole timer intervals; lateness is what exceeds the interval.
		const ms = (ns: number) => {
			const late = (Number.isFinite(ns) ? ns : 0) / 1e6 - this.resolutionMs;
			return Math.max(0, Math.round(late * 100) / 100);
		};
		return {
			maxDelayMs: ms(h.max),
			p99DelayMs: ms(h.percentile(99)),
			meanDelayMs: ms(h.mean),
			sinceMs: this.#since
		};
	}

	/** Starts a new measurement window (the first sample after a reset is not recorded). */
	reset() {
		this.#histogram.reset();
		this.#since = Date.now();
	}

	stop() {
		this.#histogram.disable();
	}
}

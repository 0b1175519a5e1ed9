/**
 * The contract between `npm run bench` (bench/run.ts) and each scenario module in this folder.
 * A scenario starts its own servers (Gongzhi with auth, access checks and SQLite on; the peers
 * bare), runs them side by side in the same run, stops everything it started, and returns rows.
 * Absolute numbers on a shared 2-core machine are noisy; the ratios are what the targets judge.
 */
export type BenchRow = {
	/** e.g. 'agenda fan-out N=1000 @200/s'. */
	scenario: string;
	/** e.g. 'p99 edit-to-arrival'. */
	metric: string;
	unit: 'ms' | 'MiB' | 'KB' | 's' | 'ops/s' | '%' | 'cpu-ms';
	gongzhi: number;
	/** Peer name → its figure for the same metric, run in the same process tree and minute. */
	peers: Record<string, number>;
	/** gongzhi ÷ the peer the target names (lower is better unless `higherIsBetter`). */
	ratio?: number;
	/** The target in words, e.g. '≤ 0.75 × hocuspocus'. */
	target?: string;
	/** Whether the target is met; null when there is no target for this row. */
	met?: boolean | null;
	higherIsBetter?: boolean;
	/** Raw latency samples (ms) for the distribution chart, already thinned to ≤ 2,000 each. */
	samples?: Record<string, number[]>;
};

export type BenchContext = {
	/** `npm run bench -- --quick`: smaller N and shorter phases, under 2 minutes in all. */
	quick: boolean;
	log(message: string): void;
};

export type BenchScenario = {
	name: string;
	/** Left out of a plain run; runs when `--only=` names it (it needs more than the peers). */
	onlyWhenAsked?: boolean;
	run(ctx: BenchContext): Promise<BenchRow[]>;
};

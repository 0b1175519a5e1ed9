import type { BenchRow } from '../scenarios/types';

export interface BenchResults {
	startedAt: string;
	quick: boolean;
	durationSeconds: number;
	machine: { cpus: number; model: string; node: string };
	/** Scenarios that threw, with the error: their rows are missing. */
	failures: { scenario: string; error: string }[];
	rows: BenchRow[];
}

/** The table RESULTS.md shows: one line per row, a column per peer named anywhere in the run. */
export function resultsMarkdown(results: BenchResults, notes: string): string {
	const peers = [...new Set(results.rows.flatMap((r) => Object.keys(r.peers)))];
	const head = ['Scenario', 'Metric', 'Gongzhi', ...peers, 'Ratio', 'Target', 'Met'];
	const lines = [
		'# Benchmark results',
		'',
		`Run ${results.startedAt}${results.quick ? ' (quick mode)' : ''}, ${results.durationSeconds} s, ` +
			`${results.machine.cpus} × ${results.machine.model}, Node ${results.machine.node}. ` +
			'Servers pinned to core 0 and the load generator to core 1 (`taskset`); ratios are ' +
			'Gongzhi ÷ the peer the target names (for throughput, higher is better).',
		'',
		`| ${head.join(' | ')} |`,
		`| ${head.map(() => '---').join(' | ')} |`
	];
	for (const r of results.rows) {
		const cells = [
			r.scenario,
			r.metric,
			fmt(r.gongzhi, r.unit),
			...peers.map((p) => (p in r.peers ? fmt(r.peers[p] as number, r.unit) : '')),
			r.ratio === undefined ? '' : `${r.ratio}`,
			r.target ?? '',
			r.met === true ? 'yes' : r.met === false ? '**no**' : ''
		];
		lines.push(`| ${cells.join(' | ')} |`);
	}
	for (const f of results.failures) lines.push('', `**${f.scenario} failed:** ${f.error}`);
	lines.push('', '![latency distributions](latency.svg)', '', notes.trim(), '');
	return lines.join('\n');
}

function fmt(x: number, unit: BenchRow['unit']): string {
	if (x === null || !Number.isFinite(x)) return '–';
	const v =
		unit === 'cpu-ms'
			? Math.round(x * 1000) / 1000
			: unit === 'ms'
				? Math.round(x * 10) / 10
				: Math.round(x);
	return `${v} ${unit}`;
}

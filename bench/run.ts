/**
 * `npm run bench`: every scenario in bench/scenarios/index.ts, side by side with the peers, in one
 * run (under 15 minutes; `-- --quick` under 2). Writes bench/results/latest.json and
 * bench/results/latency.svg; a full run also writes bench/RESULTS.md and its chart
 * bench/latency.svg (committed), a quick run bench/results/RESULTS-quick.md.
 *
 *   npm run bench -- --quick --check           CI: fail on a ratio > 2× worse than bench/baseline.json
 *   npm run bench -- --quick --write-baseline  after a deliberate change
 *   npm run bench -- --only=fan-out            scenarios whose name contains the text
 *   npm run bench -- --only=cluster            issue 8's fan-out over two instances (PostgreSQL,
 *                                              Redis); left out of a plain run
 */
import { cpus } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { baselineOf, regressions, type Baseline } from './report/baseline';
import { latencySvg } from './report/latencySvg';
import { resultsMarkdown, type BenchResults } from './report/resultsMarkdown';
import { SCENARIOS } from './scenarios/index';
import type { BenchContext, BenchRow, BenchScenario } from './scenarios/types';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const check = args.includes('--check');
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const ctx: BenchContext = {
	quick,
	log: (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`)
};

/** Which scenario module produced each row (a row's own `scenario` is a finer label). */
const sourceOf = new WeakMap<BenchRow, BenchScenario>();

async function runAll(scenarios: BenchScenario[]) {
	const rows: BenchRow[] = [];
	const failures: BenchResults['failures'] = [];
	for (const scenario of scenarios) {
		const t0 = performance.now();
		ctx.log(`${scenario.name}…`);
		try {
			const produced = await scenario.run(ctx);
			for (const row of produced) sourceOf.set(row, scenario);
			rows.push(...produced);
		} catch (error) {
			const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
			ctx.log(`${scenario.name} FAILED: ${message}`);
			failures.push({ scenario: scenario.name, error: message.split('\n')[0] ?? message });
		}
		ctx.log(`${scenario.name}: ${Math.round((performance.now() - t0) / 1000)} s`);
	}
	return { rows, failures };
}

const started = new Date();
const scenarios = SCENARIOS.filter((s) => (only ? s.name.includes(only) : !s.onlyWhenAsked));
const { rows, failures } = await runAll(scenarios);
const results: BenchResults = {
	startedAt: started.toISOString(),
	quick,
	durationSeconds: Math.round((Date.now() - started.getTime()) / 1000),
	machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', node: process.version },
	failures,
	rows
};
mkdirSync(here('./results'), { recursive: true });
writeFileSync(here('./results/latest.json'), JSON.stringify(results, null, 1));
const svg = latencySvg(rows);
writeFileSync(here('./results/latency.svg'), svg);
const notesFile = here('./RESULTS-notes.md');
const notes = existsSync(notesFile) ? readFileSync(notesFile, 'utf8') : '';
if (quick) writeFileSync(here('./results/RESULTS-quick.md'), resultsMarkdown(results, notes));
else if (!only) {
	writeFileSync(here('./RESULTS.md'), resultsMarkdown(results, notes));
	writeFileSync(here('./latency.svg'), svg);
}
ctx.log(`${rows.length} rows in ${results.durationSeconds} s; bench/results/latest.json written`);

let failed = failures.length > 0;
if (args.includes('--write-baseline')) {
	writeFileSync(here('./baseline.json'), JSON.stringify(baselineOf(rows), null, '\t') + '\n');
	ctx.log('bench/baseline.json written');
}
if (check) {
	const baseline = JSON.parse(readFileSync(here('./baseline.json'), 'utf8')) as Baseline;
	let found = regressions(rows, baseline);
	if (found.length > 0) {
		// Once more for the scenarios that regressed: a neighbour's burst must not fail CI.
		const again = scenarios.filter((s) => found.some((f) => sourceOf.get(f.row) === s));
		ctx.log(`possible regression, running ${again.map((s) => s.name).join(', ')} again`);
		const rerun = await runAll(again.length ? again : scenarios);
		found = regressions(rerun.rows, baseline).filter((f) =>
			found.some((g) => g.why.split(':')[0] === f.why.split(':')[0])
		);
	}
	for (const f of found) ctx.log(`REGRESSION ${f.why}`);
	failed ||= found.length > 0;
	if (found.length === 0) ctx.log('no ratio regressed more than 2× against bench/baseline.json');
}
process.exit(failed ? 1 : 0);

/**
 * Runs one scenario of bench/scenarios by name and prints its rows, for working on a scenario
 * without the whole suite:
 *
 *   node --import tsx bench/runOne.ts 'board sync' [--quick]
 *
 * The rows are printed as a table and, last, as one JSON line (samples left out).
 */
import { scenarios } from './scenarios';

const quick = process.argv.includes('--quick');
const name = process.argv.slice(2).find((a) => !a.startsWith('--'));
const scenario = scenarios.find((s) => s.name === name);
if (!scenario) {
	console.error(`usage: runOne.ts <${scenarios.map((s) => `'${s.name}'`).join(' | ')}> [--quick]`);
	process.exit(2);
}
const t0 = performance.now();
const rows = await scenario.run({
	quick,
	log: (m) => console.log(`[${scenario.name}] ${m}`)
});
const seconds = Math.round((performance.now() - t0) / 100) / 10;
console.table(
	rows.map((r) => ({
		scenario: r.scenario,
		metric: r.metric,
		unit: r.unit,
		gongzhi: r.gongzhi,
		...r.peers,
		ratio: r.ratio,
		target: r.target,
		met: r.met
	}))
);
console.log(`${scenario.name}: ${seconds} s${quick ? ' (quick)' : ''}`);
console.log(JSON.stringify(rows.map(({ samples: _samples, ...r }) => r)));
process.exit(0);

import { startGongzhiClusterForBench } from '../fanout/gongzhiClusterForBench';
import { startGongzhiForBench } from '../fanout/gongzhiForBench';
import type { FanoutFigure, FanoutPlan } from '../fanout/runFanout';
import { fanoutOn } from './agendaFanout';
import type { BenchRow, BenchScenario } from './types';

const DOC = 'meeting-bench-cluster';
const EDITORS = 20;
const ONE = 'gongzhi';
const PG_REDIS = '1 instance, PostgreSQL + Redis';
const SQLITE = '1 instance, SQLite';

/**
 * Issue 8: the agenda fan-out over two instances (cluster mode) beside one instance on
 * PostgreSQL + Redis and the embedded default (SQLite), all on core 0: what Redis and
 * PostgreSQL cost, and what crossing between instances costs. Runs only when asked
 * (`npm run bench -- --only=cluster`, about 4 minutes): it starts PostgreSQL and Redis.
 */
export const clusterFanout: BenchScenario = {
	name: 'cluster (two instances)',
	onlyWhenAsked: true,
	async run(ctx) {
		const readers = ctx.quick ? 200 : 1000;
		const plan: FanoutPlan = {
			docName: DOC,
			editors: EDITORS,
			seedChars: 20_000,
			receivers: [readers],
			phases: [
				{ ratePerSecond: 10, seconds: 4 },
				{ ratePerSecond: 200, seconds: ctx.quick ? 4 : 8 }
			],
			drainMs: 15_000
		};
		const people = { readers, writers: EDITORS, agendas: [DOC] };
		const figures = await fanoutOn(
			[
				() =>
					startGongzhiClusterForBench({ name: ONE, instances: 2, ...people }).then((s) => ({
						...s,
						name: ONE
					})),
				() => startGongzhiClusterForBench({ name: PG_REDIS, instances: 1, ...people }),
				() => startGongzhiForBench(people).then((s) => ({ ...s, name: SQLITE }))
			],
			plan,
			ctx
		);
		return clusterRows(figures, readers, plan);
	}
};

function clusterRows(figures: FanoutFigure[], n: number, plan: FanoutPlan): BenchRow[] {
	const rows: BenchRow[] = [];
	for (const { ratePerSecond: rate } of plan.phases) {
		const at = (server: string) =>
			figures.find((f) => f.server === server && f.ratePerSecond === rate);
		const two = at(ONE);
		const pg = at(PG_REDIS);
		const sqlite = at(SQLITE);
		if (!two || !pg || !sqlite) continue;
		const row = (metric: string, unit: BenchRow['unit'], pick: (f: FanoutFigure) => number) => ({
			scenario: `cluster fan-out, 2 instances, N=${n} @${rate}/s`,
			metric,
			unit,
			gongzhi: pick(two),
			peers: { [PG_REDIS]: pick(pg), [SQLITE]: pick(sqlite) },
			ratio: ratio(pick(two), pick(sqlite)),
			met: null
		});
		rows.push(row('p50 edit-to-arrival', 'ms', (f) => f.phase.latency.p50));
		rows.push({
			...row('p99 edit-to-arrival', 'ms', (f) => f.phase.latency.p99),
			samples: {
				'2 instances': two.phase.latency.samples,
				[PG_REDIS]: pg.phase.latency.samples,
				[SQLITE]: sqlite.phase.latency.samples
			}
		});
		rows.push(
			row('delivered', '%', (f) => Math.round((f.phase.delivered / f.phase.expected) * 100))
		);
		rows.push(row('server CPU (all instances)', '%', (f) => f.serverCpuPercent));
		rows.push(row('server RSS (all instances)', 'MiB', (f) => f.serverRssMiB));
	}
	return rows;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : undefined);

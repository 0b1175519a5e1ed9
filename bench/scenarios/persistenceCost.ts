import { startGongzhiForBench } from '../fanout/gongzhiForBench';
import type { FanoutFigure, FanoutPlan } from '../fanout/runFanout';
import { fanoutOn } from './agendaFanout';
import type { BenchRow, BenchScenario } from './types';

const DOC = 'meeting-bench-persist';
const EDITORS = 20;

/**
 * Scenario 7: Gongzhi's fan-out with its SQLite update log on, and with the log kept in memory
 * instead (GONGZHI_BENCH_YJS_STORE=memory, a bench-only switch in tests/helpers/serverMain.ts).
 * Throughput is edits fully delivered to every receiver per second at an offered 1,000/s.
 */
export const persistenceCost: BenchScenario = {
	name: 'persistence cost',
	async run(ctx) {
		const receivers = ctx.quick ? 100 : 200;
		const plan: FanoutPlan = {
			docName: DOC,
			editors: EDITORS,
			seedChars: 20_000,
			receivers: [receivers],
			// Quick mode (CI) keeps only the throughput phase.
			phases: ctx.quick
				? [{ ratePerSecond: 1000, seconds: 3 }]
				: [
						{ ratePerSecond: 500, seconds: 6 },
						{ ratePerSecond: 1000, seconds: 6 }
					],
			drainMs: 15_000
		};
		const start = (persistence: boolean) => async () => ({
			...(await startGongzhiForBench({
				readers: receivers,
				writers: EDITORS,
				agendas: [DOC],
				persistence
			})),
			name: persistence ? 'persistence on' : 'persistence off'
		});
		const figures = await fanoutOn([start(true), start(false)], plan, ctx);
		const on = figures.filter((f) => f.server === 'persistence on');
		const off = figures.filter((f) => f.server === 'persistence off');
		const scenario = `persistence on vs off, N=${receivers}`;
		const at = (figs: FanoutFigure[], rate: number) => {
			const f = figs.find((x) => x.ratePerSecond === rate);
			if (!f) throw new Error(`no figure at ${rate}/s`);
			return f;
		};
		const throughput = (f: FanoutFigure) =>
			Math.round(f.phase.delivered / f.receivers / (f.phase.spanMs / 1000));
		const cpuPerEdit = (f: FanoutFigure) =>
			Math.round(
				(((f.serverCpuPercent / 100) * f.phase.spanMs) / Math.max(1, f.phase.sent)) * 1000
			) / 1000;
		const rows: BenchRow[] = [];
		const t = { on: throughput(at(on, 1000)), off: throughput(at(off, 1000)) };
		rows.push({
			scenario,
			metric: 'fan-out throughput @1000/s offered',
			unit: 'ops/s',
			gongzhi: t.on,
			peers: { 'persistence off': t.off },
			ratio: t.off ? Math.round((t.on / t.off) * 1000) / 1000 : undefined,
			target: '≥ 0.9 × persistence off',
			met: t.on >= 0.9 * t.off,
			higherIsBetter: true
		});
		for (const { ratePerSecond: rate } of plan.phases) {
			const [a, b] = [at(on, rate), at(off, rate)];
			rows.push({
				scenario,
				metric: `p99 edit-to-arrival @${rate}/s`,
				unit: 'ms',
				gongzhi: a.phase.latency.p99,
				peers: { 'persistence off': b.phase.latency.p99 },
				ratio: b.phase.latency.p99 ? round(a.phase.latency.p99 / b.phase.latency.p99) : undefined,
				met: null
			});
			rows.push({
				scenario,
				metric: `server CPU per edit @${rate}/s`,
				unit: 'cpu-ms',
				gongzhi: cpuPerEdit(a),
				peers: { 'persistence off': cpuPerEdit(b) },
				ratio: cpuPerEdit(b) ? round(cpuPerEdit(a) / cpuPerEdit(b)) : undefined,
				met: null
			});
		}
		return rows;
	}
};

const round = (x: number) => Math.round(x * 1000) / 1000;

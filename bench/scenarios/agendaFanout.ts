import type { BenchServer } from '../fanout/BenchServer';
import { startGongzhiForBench } from '../fanout/gongzhiForBench';
import { startPeer } from '../fanout/peerServers';
import { runFanout, type FanoutFigure, type FanoutPlan } from '../fanout/runFanout';
import type { BenchContext, BenchRow, BenchScenario } from './types';

const DOC = 'meeting-bench-fanout';
const EDITORS = 20;

export function fanoutPlan(quick: boolean): FanoutPlan {
	// While working on the server: BENCH_FANOUT_PLAN='{"receivers":[1000],"phases":[…]}'.
	const override = JSON.parse(process.env.BENCH_FANOUT_PLAN ?? '{}') as Partial<FanoutPlan>;
	return { ...defaultPlan(quick), ...override };
}

function defaultPlan(quick: boolean): FanoutPlan {
	return quick
		? {
				docName: DOC,
				editors: EDITORS,
				seedChars: 20_000,
				receivers: [100],
				phases: [{ ratePerSecond: 200, seconds: 3 }],
				drainMs: 5_000
			}
		: {
				docName: DOC,
				editors: EDITORS,
				seedChars: 20_000,
				receivers: [200, 1000],
				phases: [
					{ ratePerSecond: 10, seconds: 4 },
					{ ratePerSecond: 200, seconds: 8 },
					{ ratePerSecond: 500, seconds: 6 }
				],
				drainMs: 10_000
			};
}

/** Starts the servers, runs them side by side through the plan, and stops them whatever happens. */
export async function fanoutOn(
	starts: (() => Promise<BenchServer>)[],
	plan: FanoutPlan,
	ctx: BenchContext
): Promise<FanoutFigure[]> {
	const servers: BenchServer[] = [];
	try {
		for (const start of starts) servers.push(await start());
		return await runFanout(servers, plan, (line) => ctx.log(line));
	} finally {
		for (const server of servers) await server.stop();
	}
}

/**
 * Scenario 1: one agenda (20,000 characters) with 20 editing clients and N thin receivers, each
 * phase a steady edit rate; edit-to-arrival at every receiver. Gongzhi with auth, access checks
 * and SQLite; Hocuspocus and the reference server bare. Servers on core 0, generator on core 1.
 */
export const agendaFanout: BenchScenario = {
	name: 'agenda fan-out',
	async run(ctx) {
		const plan = fanoutPlan(ctx.quick);
		const maxReceivers = Math.max(...plan.receivers);
		const servers: Record<string, () => Promise<BenchServer>> = {
			gongzhi: () =>
				startGongzhiForBench({ readers: maxReceivers, writers: EDITORS, agendas: [DOC] }),
			hocuspocus: () => startPeer('hocuspocus'),
			reference: () => startPeer('reference')
		};
		// BENCH_SERVERS=gongzhi runs one side only (while working on it); rows need all three.
		const wanted = process.env.BENCH_SERVERS?.split(',') ?? Object.keys(servers);
		const figures = await fanoutOn(
			Object.entries(servers)
				.filter(([name]) => wanted.includes(name))
				.map(([, start]) => start),
			plan,
			ctx
		);
		return fanoutRows(figures, plan);
	}
};

function fanoutRows(figures: FanoutFigure[], plan: FanoutPlan): BenchRow[] {
	const rows: BenchRow[] = [];
	const top = Math.max(...plan.receivers);
	for (const n of plan.receivers) {
		for (const { ratePerSecond: rate } of plan.phases) {
			const at = (server: string) =>
				figures.find((f) => f.server === server && f.receivers === n && f.ratePerSecond === rate);
			const g = at('gongzhi');
			const h = at('hocuspocus');
			const r = at('reference');
			if (!g || !h || !r) continue;
			const scenario = `agenda fan-out N=${n} @${rate}/s`;
			const targetRun = n === top && n >= 1000;
			const row = (
				metric: string,
				unit: BenchRow['unit'],
				pick: (f: FanoutFigure) => number,
				extra: Partial<BenchRow> = {}
			): BenchRow => ({
				scenario,
				metric,
				unit,
				gongzhi: pick(g),
				peers: { hocuspocus: pick(h), reference: pick(r) },
				ratio: ratio(pick(g), pick(h)),
				met: null,
				...extra
			});
			const p99 = (f: FanoutFigure) => f.phase.latency.p99;
			const p99Target =
				targetRun && rate === 200 ? 0.75 : targetRun && rate === 500 ? 1 : undefined;
			// A peer that fell behind has a p99 over the arrivals it made, a lower bound of its real
			// one, so judging against it is conservative; one that delivered nothing has none.
			// Gongzhi's own p99 counts only if it delivered (nearly) everything.
			const comparable = (f: FanoutFigure) => f.phase.latency.count > 0;
			const judge = (peer: FanoutFigure, factor: number) =>
				comparable(peer) && delivered(g) >= 99 ? p99(g) <= factor * p99(peer) : null;
			rows.push(
				row('p50 edit-to-arrival', 'ms', (f) => f.phase.latency.p50, {
					...(comparable(h) ? {} : { ratio: undefined })
				})
			);
			rows.push(
				row('p99 edit-to-arrival', 'ms', p99, {
					samples: {
						gongzhi: g.phase.latency.samples,
						hocuspocus: h.phase.latency.samples,
						reference: r.phase.latency.samples
					},
					...(p99Target === undefined
						? {}
						: {
								target: `≤ ${p99Target} × hocuspocus`,
								met: judge(h, p99Target)
							}),
					...(comparable(h) ? {} : { ratio: undefined })
				})
			);
			if (targetRun && rate === 200)
				rows.push(
					row('p99 edit-to-arrival vs reference', 'ms', p99, {
						ratio: comparable(r) ? ratio(p99(g), p99(r)) : undefined,
						target: '≤ 0.2 × reference',
						met: judge(r, 0.2)
					})
				);
			rows.push(row('delivered', '%', (f) => delivered(f), { higherIsBetter: true }));
			rows.push(row('server CPU', '%', (f) => f.serverCpuPercent));
			// How much of the phase each server sat runnable without a core: the machine's other
			// load. Where this is high, the latency figures say more about the machine than the code.
			// Context, not a result: no ratio, so neither the table's ratio nor CI's check uses them.
			const context = { ratio: undefined };
			rows.push(row('server waiting for a core', '%', (f) => f.serverWaitingPercent, context));
			rows.push(
				row('generator waiting for a core', '%', (f) => f.phase.generatorWaitingPercent, context)
			);
			rows.push(row('server RSS', 'MiB', (f) => f.serverRssMiB));
		}
	}
	return rows;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : undefined);
const delivered = (f: FanoutFigure) =>
	f.phase.expected ? Math.round((f.phase.delivered / f.phase.expected) * 1000) / 10 : 100;

import { startGongzhiForBench } from '../fanout/gongzhiForBench';
import { startGenerator } from '../fanout/generatorHandle';
import { cpuMeter, sleep } from '../fanout/procStats';
import type { BenchRow, BenchScenario } from './types';

const PER_AGENDA = 10;

/** The server's memory, event-loop figures and documents, as /healthz reports them. */
async function healthz(url: string, query: string) {
	const res = await fetch(`${url}/healthz?${query}`);
	const body = (await res.json()) as {
		eventLoop: { maxDelayMs: number; p99DelayMs: number };
		memory: { rssBytes: number; heapUsedBytes: number };
		yjs: { connections: number; openDocuments: number };
	};
	return {
		rssMiB: Math.round(body.memory.rssBytes / 2 ** 20),
		heapMiB: Math.round(body.memory.heapUsedBytes / 2 ** 20),
		loopMaxMs: body.eventLoop.maxDelayMs,
		...body.yjs
	};
}

/**
 * Server memory after a full collection, and how many documents it holds open. The heap is read
 * right after the collection; RSS half a second later, because V8 returns the pages a collection
 * freed to the system on a background thread: read at once, a minute after everyone left, RSS
 * still counted them (04:28 run: 238 MiB with the collection, 165 MiB 100 ms later, flat after).
 */
async function health(url: string, opts: { gc: boolean; reset?: boolean } = { gc: true }) {
	const query = `gc=${opts.gc ? 1 : 0}${opts.reset ? '&reset=eventLoop' : ''}`;
	const collected = await healthz(url, query);
	if (!opts.gc) return collected;
	await sleep(500);
	return { ...collected, rssMiB: (await healthz(url, 'gc=0')).rssMiB };
}

/**
 * Scenario 3: many agendas at once — 500 agendas × 10 clients (one real editor, nine thin
 * receivers, each a resident's own account), a light edit load across all of them, then
 * everyone leaves: memory connected, p99, memory right after and a minute after (documents
 * must unload back near the idle figure). Gongzhi only: the targets are absolute.
 */
export const manyAgendas: BenchScenario = {
	name: 'many agendas',
	async run(ctx) {
		const agendas = ctx.quick ? 20 : 500;
		// Documents unload 10 s after their last socket leaves (the production default); the quick
		// mode, which must stay under two minutes in all, checks the same unload after 2 s.
		const unloadMs = ctx.quick ? 2_000 : 10_000;
		const afterMs = ctx.quick ? 3_000 : 60_000;
		// "Right after leaving" is read before the unload can have run.
		const leftMs = ctx.quick ? 1_000 : 3_000;
		const ids = Array.from({ length: agendas }, (_, i) => `meeting-bench-many-${i}`);
		const server = await startGongzhiForBench({
			readers: agendas * (PER_AGENDA - 1),
			writers: agendas,
			agendas: ids,
			unloadMs
		});
		const generator = await startGenerator();
		try {
			const idle = await health(server.url);
			await generator.editors(
				ids.map((id, i) => ({ ...server.editor(id, i), seed: true })),
				2_000
			);
			await generator.receivers(
				ids.flatMap((id, a) =>
					Array.from({ length: PER_AGENDA - 1 }, (_, k) =>
						server.receiver(id, a * (PER_AGENDA - 1) + k)
					)
				)
			);
			await sleep(1000);
			const connected = await health(server.url);
			// Let the collection's stall pass before the edits begin (200 sockets in quick: short).
			await sleep(ctx.quick ? 500 : 2000);
			ctx.log(
				`many agendas: ${connected.connections} sockets on ${connected.openDocuments} agendas, RSS ${connected.rssMiB} MiB, heap ${connected.heapMiB} MiB (idle ${idle.rssMiB}, ${idle.heapMiB})`
			);
			// Light: each agenda's editor types about once every five seconds.
			// No collection here: a full GC over 5,000 sockets stalls the loop the phase measures.
			await health(server.url, { gc: false, reset: true });
			const meter = cpuMeter(server.pid);
			const phase = await generator.phase(agendas / 5, ctx.quick ? 3 : 10, 10_000);
			const cpu = meter.stop();
			const during = await health(server.url, { gc: false });
			ctx.log(
				`many agendas: p50 ${phase.latency.p50.toFixed(1)} ms, p99 ${phase.latency.p99.toFixed(1)} ms, delivered ${phase.delivered}/${phase.expected}, ` +
					`server CPU ${cpu.percent}% (waiting ${cpu.waitingPercent}%), worst event-loop stall ${during.loopMaxMs} ms, ` +
					`generator CPU ${phase.generatorCpuPercent}% (waiting ${phase.generatorWaitingPercent}%)`
			);
			await generator.closeAll();
			await sleep(leftMs);
			const left = await health(server.url);
			await sleep(afterMs);
			const later = await health(server.url);
			ctx.log(
				`many agendas: after leaving RSS ${left.rssMiB} MiB, heap ${left.heapMiB} MiB (${left.openDocuments} open); after ${afterMs / 1000} s ${later.rssMiB} MiB, heap ${later.heapMiB} MiB (${later.openDocuments} open)`
			);
			const scenario = `${agendas} agendas × ${PER_AGENDA} clients`;
			const row = (
				metric: string,
				unit: BenchRow['unit'],
				gongzhi: number,
				target?: string,
				met?: boolean
			): BenchRow => ({
				scenario,
				metric,
				unit,
				gongzhi,
				peers: {},
				target,
				met: met ?? null
			});
			const full = !ctx.quick;
			return [
				row('server RSS idle', 'MiB', idle.rssMiB),
				row(
					'server RSS connected',
					'MiB',
					connected.rssMiB,
					full ? '< 1024 MiB' : undefined,
					full ? connected.rssMiB < 1024 : undefined
				),
				row(
					'p99 light edit load',
					'ms',
					phase.latency.p99,
					full ? '< 150 ms' : undefined,
					full ? phase.latency.p99 < 150 : undefined
				),
				row('p50 light edit load', 'ms', phase.latency.p50),
				row(
					'delivered',
					'%',
					phase.expected ? Math.round((phase.delivered / phase.expected) * 1000) / 10 : 100
				),
				row('server heap idle', 'MiB', idle.heapMiB),
				row('server heap connected', 'MiB', connected.heapMiB),
				row('server RSS just after leaving', 'MiB', left.rssMiB),
				row(
					`server heap ${afterMs / 1000} s after leaving`,
					'MiB',
					later.heapMiB,
					'≤ idle + 16 MiB',
					later.heapMiB <= idle.heapMiB + 16
				),
				row(
					`server RSS ${afterMs / 1000} s after leaving`,
					'MiB',
					later.rssMiB,
					'≤ idle + 64 MiB',
					later.rssMiB <= idle.rssMiB + 64
				),
				row(
					`agendas still loaded ${afterMs / 1000} s after leaving`,
					'%',
					Math.round((later.openDocuments / agendas) * 1000) / 10,
					'0 %',
					later.openDocuments === 0
				)
			];
		} finally {
			await generator.stop();
			await server.stop();
		}
	}
};

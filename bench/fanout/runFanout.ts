import type { BenchServer } from './BenchServer';
import type { PhaseResult } from './generatorProtocol';
import { startGenerator, type Generator } from './generatorHandle';
import { cpuMeter, rssMiB, waitForIdle } from './procStats';

export interface FanoutPlan {
	docName: string;
	editors: number;
	seedChars: number;
	/** Receiver counts, ascending: receivers are added between steps, never reconnected. */
	receivers: number[];
	phases: { ratePerSecond: number; seconds: number }[];
	drainMs: number;
	/**
	 * Phases run `times` more at the largest receiver count, for the named servers only,
	 * alternating which goes first: a single run's p99 varies 2–4× between identical runs here,
	 * so the targets are judged on the median of the runs.
	 */
	repeat?: { ratePerSecond: number; servers: string[]; times: number }[];
	/** Phases a server sits out (to keep the whole run under 15 minutes). */
	skip?: { server: string; receivers: number; ratePerSecond: number }[];
}

export interface FanoutFigure {
	server: string;
	receivers: number;
	ratePerSecond: number;
	phase: PhaseResult;
	/** The server's CPU during the phase and its drain, % of one core. */
	serverCpuPercent: number;
	/** % of the phase the server sat runnable waiting for core 0 (the machine's other load). */
	serverWaitingPercent: number;
	serverRssMiB: number;
	/** 0 for the plan's phases, 1… for the repeats of `plan.repeat`. */
	round: number;
}

/**
 * Servers side by side through the fan-out plan, each with its own generator: editors (the first
 * seeds the agenda), then for each receiver count the phases in order, and within each phase the
 * servers one after another — so the machine's other load, which drifts over minutes, falls on
 * all of them alike. Servers are started by the caller on core 0; generators run on core 1.
 */
export async function runFanout(
	servers: BenchServer[],
	plan: FanoutPlan,
	log: (line: string) => void
): Promise<FanoutFigure[]> {
	const generators: Generator[] = [];
	const figures: FanoutFigure[] = [];
	const everyPid = () => [
		...servers.flatMap((s) => s.pids ?? [s.pid]),
		...generators.flatMap((g) => g.pids)
	];
	async function runPhase(
		s: number,
		n: number,
		ratePerSecond: number,
		seconds: number,
		round: number
	) {
		const server = servers[s] as BenchServer;
		const generator = generators[s] as Generator;
		// Its editors come online for its phases only: connected, the stock providers renew their
		// presence every 15 s, and a peer writes each renewal to all of its receivers at once —
		// up to 750 cpu-ms of an idle server's work in another server's 8-second phase (logged
		// below), on core 0 and, read by its receivers, on core 1. Its receivers stay connected
		// throughout: rejoining a thousand sockets before each phase left the server worse off.
		await generator.editorsOnline(true);
		await waitForIdle(everyPid());
		const meters = (server.pids ?? [server.pid]).map((pid) => cpuMeter(pid));
		// The servers not being measured, with their generators: their idle work (heartbeats, the
		// receivers' pings) shares the cores with this phase. Logged, not judged.
		const others = servers
			.map((o, k) => ({ o, k }))
			.filter(({ k }) => k !== s)
			.map(({ o, k }) => ({
				name: o.name,
				server: (o.pids ?? [o.pid]).map((pid) => cpuMeter(pid)),
				generator: (generators[k]?.pids ?? []).map((pid) => cpuMeter(pid))
			}));
		const cpuMs = (ms: ReturnType<typeof cpuMeter>[]) => ms.reduce((t, m) => t + m.stop().cpuMs, 0);
		const phase = await generator.phase(ratePerSecond, seconds, plan.drainMs);
		const parts = meters.map((m) => m.stop());
		const othersCpu = others
			.map((o) => `${o.name} ${cpuMs(o.server)} + ${cpuMs(o.generator)}`)
			.join(', ');
		const cpu = {
			percent: parts.reduce((sum, p) => sum + p.percent, 0),
			waitingPercent: Math.max(...parts.map((p) => p.waitingPercent))
		};
		const figure: FanoutFigure = {
			server: server.name,
			receivers: n,
			ratePerSecond,
			phase,
			serverCpuPercent: cpu.percent,
			serverWaitingPercent: cpu.waitingPercent,
			serverRssMiB: (server.pids ?? [server.pid]).reduce((sum, pid) => sum + rssMiB(pid), 0),
			round
		};
		figures.push(figure);
		log(
			`${server.name} N=${n} @${ratePerSecond}/s${round ? ` (repeat ${round})` : ''}: p50 ${phase.latency.p50} ms, p99 ${phase.latency.p99} ms, ` +
				`delivered ${phase.delivered}/${phase.expected}, sent at ${phase.achievedRate}/s, ` +
				`server CPU ${cpu.percent}% (waiting for a core ${cpu.waitingPercent}%), RSS ${figure.serverRssMiB} MiB, ` +
				`generator CPU ${phase.generatorCpuPercent}% (editors ${phase.editorsCpuPercent}%; receivers waiting ${phase.generatorWaitingPercent}%), ` +
				`editors' stamp-to-send gap p99 ${phase.editorSendGapMs.p99} ms (max ${phase.editorSendGapMs.max}, not counted), ` +
				`idle servers + their generators: ${othersCpu || 'none'} cpu-ms`
		);
		if (phase.delivered < phase.expected) {
			// It could not keep up: its backlog would flood core 1, which every
			// generator shares, and spoil the other servers' phases that follow.
			log(`${server.name} did not drain in time; reconnecting its receivers`);
			await generator.reconnectReceivers();
		}
		await generator.editorsOnline(false);
	}

	try {
		for (const server of servers) {
			const generator = await startGenerator();
			generators.push(generator);
			await generator.editors(
				Array.from({ length: plan.editors }, (_, i) => ({
					...server.editor(plan.docName, i),
					seed: i === 0
				})),
				plan.seedChars
			);
		}
		let connected = 0;
		for (const n of plan.receivers) {
			for (const [s, server] of servers.entries())
				await generators[s]?.receivers(
					Array.from({ length: n - connected }, (_, k) =>
						server.receiver(plan.docName, connected + k)
					)
				);
			connected = n;
			// Offline once the receivers hold the room open: a bare peer drops a document nobody
			// is connected to, seed and all.
			for (const generator of generators) await generator.editorsOnline(false);
			// Let the join storm (presence, sync step 2 to every newcomer) settle first, on every
			// server and generator: one still answering or reading its newcomers would take a core
			// from the phase.
			const settled = await waitForIdle(everyPid());
			log(`N=${n}: servers idle after ${settled} ms`);
			for (const [p, { ratePerSecond, seconds }] of plan.phases.entries()) {
				// Each phase starts with a different server, so none always runs first after a join.
				for (let k = 0; k < servers.length; k++) {
					const s = (p + k) % servers.length;
					const name = servers[s]?.name;
					const skipped = plan.skip?.some(
						(x) => x.server === name && x.receivers === n && x.ratePerSecond === ratePerSecond
					);
					if (skipped) {
						log(`${name} N=${n} @${ratePerSecond}/s: skipped by the plan`);
						continue;
					}
					await runPhase(s, n, ratePerSecond, seconds, 0);
					// Whoever ran last (a backlog, or its receivers rejoining) must be done with both
					// cores before the next server's phase starts: a generator still reading a backlog
					// or a thousand rejoining syncs on core 1 starves the next server's generator.
					await waitForIdle(everyPid());
				}
			}
		}
		const repeats = plan.repeat ?? [];
		const top = Math.max(...plan.receivers);
		const rounds = Math.max(0, ...repeats.map((r) => r.times));
		for (let round = 1; round <= rounds; round++) {
			for (const repeat of repeats.filter((r) => r.times >= round)) {
				const chosen = servers
					.map((server, s) => ({ server, s }))
					.filter(({ server }) => repeat.servers.includes(server.name));
				if (round % 2 === 1) chosen.reverse();
				const phase = plan.phases.find((p) => p.ratePerSecond === repeat.ratePerSecond);
				for (const { s } of chosen) {
					await runPhase(s, top, repeat.ratePerSecond, phase?.seconds ?? 8, round);
					await waitForIdle(everyPid());
				}
			}
		}
	} finally {
		for (const generator of generators) {
			await generator.closeAll().catch(() => undefined);
			await generator.stop();
		}
	}
	return figures;
}

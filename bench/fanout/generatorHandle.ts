import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
	EditorSpec,
	GeneratorCommand,
	GeneratorReply,
	PhaseResult
} from './generatorProtocol';
import { ascending, quantile } from '../boards/procStats';
import { cpuMeter } from './procStats';
import type { ThinTarget } from './thinReceiver';

const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url));

/** The core the load generator runs on; the server under test gets GENERATOR_CORE − 1 (core 0). */
export const GENERATOR_CORE = 1;

export type Generator = Awaited<ReturnType<typeof startGenerator>>;

/** One generator process on core 1, asked one command at a time. */
async function forkOnCore1(clockEpochMs: number, niceness = 0) {
	// Through taskset, which then runs node: every thread of the process stays on core 1.
	const child: ChildProcess = fork(GENERATOR, [], {
		execPath: 'taskset',
		execArgv: [
			'-c',
			String(GENERATOR_CORE),
			'nice',
			'-n',
			String(niceness),
			process.execPath,
			// BENCH_GENERATOR_PROF=<dir>: a V8 CPU profile of each generator process (is the load
			// generator, not the server, where a phase's tail comes from?).
			...(process.env.BENCH_GENERATOR_PROF
				? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_GENERATOR_PROF}`]
				: []),
			'--import',
			'tsx'
		],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: { ...process.env, BENCH_CLOCK_EPOCH_MS: String(clockEpochMs) }
	});
	const next = () =>
		new Promise<GeneratorReply>((resolve, reject) => {
			const onExit = (code: number | null) => reject(new Error(`generator exited ${code}`));
			child.once('exit', onExit);
			child.once('message', (m: GeneratorReply) => {
				child.off('exit', onExit);
				if (m.type === 'error') reject(new Error(`generator: ${m.message}`));
				else resolve(m);
			});
		});
	await next();
	return {
		pid: child.pid as number,
		async ask(command: GeneratorCommand) {
			const answer = next();
			child.send(command);
			return answer;
		},
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.send({ type: 'exit' } satisfies GeneratorCommand);
			await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	};
}

/**
 * The load generator: the editing clients in one process and the receivers in another, both on
 * core 1. Apart, the editors' documents (20 full replicas of the agenda, each with its history)
 * are not in the receivers' heap: together, each major collection of that heap stopped the
 * receivers for 90–240 ms (`--trace-gc` against a timer's gaps), which was the p99 of whichever
 * phase it fell in, for every server alike. The receivers' own heap is small.
 *
 * The editors run at niceness 10, so a receiver with a frame to read gets core 1 first. An
 * editor kept waiting only types later: its marker is stamped when it types, so that wait is
 * not counted as latency. At equal niceness the two processes took turns on the core, and every
 * turn the editors took was added to the arrivals waiting behind it (p50 14 → 17–23 ms).
 */
export async function startGenerator() {
	const epoch = performance.timeOrigin + performance.now();
	const [editorsProcess, receiversProcess] = await Promise.all([
		forkOnCore1(epoch, 10),
		forkOnCore1(epoch)
	]);
	const both = [editorsProcess, receiversProcess];
	return {
		pids: both.map((p) => p.pid),
		async editors(editors: EditorSpec[], seedChars: number) {
			await editorsProcess.ask({ type: 'editors', editors, seedChars });
		},
		async editorsOnline(online: boolean) {
			await editorsProcess.ask({ type: 'editorsOnline', online });
		},
		async receivers(receivers: ThinTarget[]) {
			await receiversProcess.ask({ type: 'receivers', receivers });
		},
		async phase(ratePerSecond: number, seconds: number, drainMs: number): Promise<PhaseResult> {
			const meters = both.map((p) => cpuMeter(p.pid));
			const start = performance.now();
			await receiversProcess.ask({ type: 'listen' });
			const edited = await editorsProcess.ask({ type: 'edit', ratePerSecond, seconds });
			if (edited.type !== 'edited') throw new Error(`generator answered ${edited.type}`);
			const collected = await receiversProcess.ask({
				type: 'collect',
				sentTo: edited.sentTo,
				sentAfterMs: edited.sentAfterMs,
				drainMs
			});
			if (collected.type !== 'collected') throw new Error(`generator answered ${collected.type}`);
			const cpu = meters.map((m) => m.stop());
			return {
				spanMs: Math.round(performance.now() - start),
				sent: Object.values(edited.sentTo).reduce((a, b) => a + b, 0),
				expected: collected.expected,
				delivered: collected.delivered,
				achievedRate: edited.achievedRate,
				latency: collected.latency,
				generatorCpuPercent: cpu.reduce((sum, c) => sum + c.percent, 0),
				editorsCpuPercent: (cpu[0] as { percent: number }).percent,
				// The receivers' wait: the editors yield core 1 to them by design (see above).
				generatorWaitingPercent: (cpu[1] as { waitingPercent: number }).waitingPercent,
				editorSendGapMs: gapSummary(edited.sentAfterMs.map(([, ms]) => ms))
			};
		},
		async reconnectReceivers() {
			await receiversProcess.ask({ type: 'reconnectReceivers' });
		},
		async closeAll() {
			await Promise.all(both.map((p) => p.ask({ type: 'closeAll' })));
		},
		async stop() {
			await Promise.all(both.map((p) => p.stop()));
		}
	};
}

function gapSummary(gaps: number[]) {
	const sorted = ascending(gaps);
	const at = (p: number) => (sorted.length ? Math.round(quantile(sorted, p) * 100) / 100 : 0);
	return { p50: at(0.5), p99: at(0.99), max: at(1) };
}

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ParentMessage, WorkerConfig, WorkerMessage } from './boardWorkerProtocol';

const WORKER = fileURLToPath(new URL('./boardWorker.ts', import.meta.url));
/** BENCH_CPU_PROF=dir profiles the client workers too (is the load generator the limit?). */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;

export interface WorkerProcess {
	child: ChildProcess;
	pid: number;
	/** The worker's next message of `type`; rejects if it fails or exits first. */
	next<T extends WorkerMessage['type']>(type: T): Promise<Extract<WorkerMessage, { type: T }>>;
	tell(msg: ParentMessage): void;
	/** Waits for the worker to exit (killing it after `graceMs`). */
	stop(graceMs?: number): Promise<void>;
}

/** Forks bench/boards/boardWorker.ts pinned to `core` with taskset (all its threads). */
export function startBoardWorker(config: WorkerConfig, core: number): WorkerProcess {
	const child = fork(WORKER, [], {
		execPath: 'taskset',
		execArgv: [
			'-c',
			String(core),
			process.execPath,
			...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/worker-${Date.now()}`] : []),
			'--import',
			'tsx'
		],
		env: { ...process.env, BOARD_WORKER: JSON.stringify(config) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	return {
		child,
		pid: child.pid as number,
		next: (type) =>
			new Promise((resolve, reject) => {
				const onExit = (code: number | null) =>
					reject(new Error(`board worker exited (${code}) before '${type}'`));
				const onMessage = (m: WorkerMessage) => {
					if (m.type === 'failed') {
						cleanup();
						reject(new Error(`board worker failed: ${m.error}`));
					} else if (m.type === type) {
						cleanup();
						resolve(m as never);
					}
				};
				const cleanup = () => {
					child.off('message', onMessage);
					child.off('exit', onExit);
				};
				child.on('message', onMessage);
				child.once('exit', onExit);
			}),
		tell: (msg) => {
			if (child.connected) child.send(msg);
		},
		async stop(graceMs = 10_000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		}
	};
}

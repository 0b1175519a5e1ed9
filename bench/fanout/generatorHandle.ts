import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type {
	EditorSpec,
	GeneratorCommand,
	GeneratorReply,
	PhaseResult
} from './generatorProtocol';
import type { ThinTarget } from './thinReceiver';

const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url));

/** The core the load generator runs on; the server under test gets GENERATOR_CORE − 1 (core 0). */
export const GENERATOR_CORE = 1;

export type Generator = Awaited<ReturnType<typeof startGenerator>>;

/** Forks bench/fanout/generator.ts pinned to core 1 and drives it, one command at a time. */
export async function startGenerator() {
	// Through taskset, which then runs node: every thread of the generator stays on core 1.
	const child = fork(GENERATOR, [], {
		execPath: 'taskset',
		execArgv: ['-c', String(GENERATOR_CORE), process.execPath, '--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
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
	const ask = async (command: GeneratorCommand) => {
		const answer = next();
		child.send(command);
		return answer;
	};
	await next();
	return {
		pid: child.pid as number,
		async editors(editors: EditorSpec[], seedChars: number) {
			await ask({ type: 'editors', editors, seedChars });
		},
		async receivers(receivers: ThinTarget[]) {
			await ask({ type: 'receivers', receivers });
		},
		async phase(ratePerSecond: number, seconds: number, drainMs: number): Promise<PhaseResult> {
			const m = await ask({ type: 'phase', ratePerSecond, seconds, drainMs });
			if (m.type !== 'phase') throw new Error(`generator answered ${m.type}`);
			return m.result;
		},
		async reconnectReceivers() {
			await ask({ type: 'reconnectReceivers' });
		},
		async closeAll() {
			await ask({ type: 'closeAll' });
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

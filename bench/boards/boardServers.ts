import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_AGENDA } from '../../server/demo/demoDistrict';
import { spawnServer, type ChildServer } from '../../tests/helpers/childServer';
import type { SeedBoard } from './seedBoards';
import type { WorkerTarget } from './boardWorkerProtocol';
import { rssMiB, sleep } from './procStats';

const PLAIN_MAIN = fileURLToPath(new URL('./plainAutomergeServer.ts', import.meta.url));
/**
 * BENCH_CPU_PROF=dir: both servers run with --cpu-prof into `dir` and are stopped with SIGTERM
 * so the profile is written (bench/boards/profileSummary.ts prints the top of one).
 */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
// One directory per server: Node writes a profile per thread (tsx's loader runs in its own),
// and a fixed file name would let the loader's overwrite the main thread's.
const profileArgs = (name: string) =>
	PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}/${name}-${Date.now()}`] : [];

/** SIGTERM (profiles are written on a clean exit) when profiling, SIGKILL otherwise. */
async function stopProcess(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill(PROFILE_DIR ? 'SIGTERM' : 'SIGKILL');
	const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
	await exited;
	clearTimeout(timer);
}
/**
 * RSS half a second after a full collection: V8 returns the pages it freed to the system on a
 * background thread, so RSS read at once still counts them (see bench/scenarios/manyAgendas.ts).
 */
async function settledRssMiB(pid: number) {
	await sleep(500);
	return rssMiB(pid);
}

/** Every client of a scenario logs in as one of these (the demo's committee members). */
export const BENCH_USERS = ['secretary', 'rc-member', 'oc-member', 'pm-staff'];

export interface BoardServer {
	name: 'gongzhi' | 'automerge-repo';
	/** The plain server without its file adapter installed (its boards never leave memory). */
	inMemory?: boolean;
	/** Gongzhi's process handle (its Yjs target, cookies); null for the plain server. */
	gongzhi: ChildServer | null;
	pid: number;
	target: WorkerTarget;
	/** Resident memory in MiB after a garbage collection in the server. */
	memoryMiB(): Promise<number>;
	stop(): Promise<void>;
}

/**
 * Gongzhi as it runs in production (auth, access checks, SQLite appends before relaying,
 * documents unloaded 10 s after their last client), in its own process pinned to `core`.
 */
export async function startGongzhi(dataDir: string, core = 0): Promise<BoardServer> {
	const server = await spawnServer({
		dataDir,
		agendaId: DEMO_AGENDA.id,
		sessionsFor: BENCH_USERS,
		execArgv: ['--expose-gc', ...profileArgs('gongzhi')],
		env: { GONGZHI_UNLOAD_MS: '10000', GONGZHI_MAX_SOCKETS_PER_USER: '100000' },
		pinCore: core
	});
	const pid = server.child.pid as number;
	return {
		name: 'gongzhi',
		gongzhi: server,
		pid,
		target: { port: server.port, path: '/sync/automerge', cookies: server.cookies },
		async memoryMiB() {
			await fetch(`${server.url}/healthz?gc=1`).then((r) => r.arrayBuffer());
			return settledRssMiB(pid);
		},
		async stop() {
			await stopProcess(server.child);
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** The plain automerge-repo server, its storage seeded with `boards`, pinned to `core`. */
export async function startPlain(boards: readonly SeedBoard[], core = 0): Promise<BoardServer> {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-plain-'));
	const seed = join(dir, 'seed.jsonl');
	writeFileSync(
		seed,
		boards
			.map((b) => JSON.stringify({ id: b.id, b64: Buffer.from(b.saved).toString('base64') }))
			.join('\n')
	);
	const child = spawn(
		'taskset',
		[
			'-c',
			String(core),
			process.execPath,
			'--expose-gc',
			...profileArgs('plain'),
			'--import',
			'tsx',
			PLAIN_MAIN
		],
		{
			env: { ...process.env, PEER_DIR: join(dir, 'store'), PEER_SEED: seed },
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	const first = await new Promise<string>((resolve, reject) => {
		createInterface({ input: child.stdout }).once('line', resolve);
		child.once('exit', (code) => reject(new Error(`plain server exited ${String(code)}`)));
	});
	const { port, inMemory } = JSON.parse(first) as { port: number; inMemory: boolean };
	return {
		name: 'automerge-repo',
		gongzhi: null,
		inMemory,
		pid: child.pid as number,
		target: { port, path: '/', cookies: null },
		async memoryMiB() {
			await fetch(`http://127.0.0.1:${port}/gc`).then((r) => r.arrayBuffer());
			return settledRssMiB(child.pid as number);
		},
		async stop() {
			await stopProcess(child);
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

import type { BoardServer } from './boardServers';
import { BENCH_USERS } from './boardServers';
import type { SyncClientSpec, SyncResult, WriteRecord } from './boardWorkerProtocol';
import { cpuMs, sleep, waitedMs } from './procStats';
import { startBoardWorker, type WorkerProcess } from './workerProcess';

export interface SyncParams {
	clients: number;
	writers: number;
	/** Stock clients that only watch (they time change-to-display); the rest are thin. */
	observers: number;
	editMs: number;
	seconds: number;
	/** After the last change: time for it to arrive everywhere (throttles, a loaded core). */
	settleMs: number;
	workers: number;
	clientCore: number;
}

export interface SyncFigures {
	/** Change made → shown in another client's document (ms). */
	endToEnd: number[];
	/** Bytes left the writer's socket → arrived at another client's socket (ms). */
	serverShare: number[];
	writes: number;
	/** (change, other client) pairs that arrived. */
	delivered: number;
	/** (change, other client) pairs whose arrival was not seen within the settle time. */
	missing: number;
	serverCpuMs: number;
	/** Time the server waited for a core, and the client workers' CPU: is the machine the limit? */
	serverWaitedMs: number;
	clientCpuMs: number;
	wallMs: number;
	memoryBeforeMiB: number;
	memoryAfterMiB: number;
}

async function stopAll(workers: WorkerProcess[]) {
	await Promise.all(workers.map((w) => w.stop()));
}

/**
 * `clients` stock clients on one board spread over `workers` processes on the client core, the
 * first `writers` of them changing it every ~editMs for `seconds`, then a settle time for the
 * last changes to arrive. The server's CPU is read from /proc over the edits and the settle.
 */
export async function measureSync(
	server: BoardServer,
	board: { id: string; taskIds: string[]; saved: Uint8Array },
	p: SyncParams
): Promise<SyncFigures> {
	const specs: SyncClientSpec[] = Array.from({ length: p.clients }, (_, index) => ({
		index,
		username: BENCH_USERS[index % BENCH_USERS.length] as string,
		// Clients are dealt round-robin to workers: the first `writers` land in different ones.
		writer: index < p.writers,
		thin: index >= p.writers + p.observers
	}));
	const workers = Array.from({ length: p.workers }, (_, w) =>
		startBoardWorker(
			{
				mode: 'sync',
				target: server.target,
				boardId: board.id,
				clients: specs.filter((s) => s.index % p.workers === w),
				editMs: p.editMs,
				taskIds: board.taskIds,
				savedB64: Buffer.from(board.saved).toString('base64'),
				seed: 7 + w
			},
			p.clientCore
		)
	);
	try {
		await Promise.all(workers.map((w) => w.next('ready')));
		const memoryBeforeMiB = await server.memoryMiB();
		const cpu0 = cpuMs(server.pid);
		const wait0 = waitedMs(server.pid);
		const clients0 = workers.reduce((sum, w) => sum + cpuMs(w.pid), 0);
		const t0 = performance.now();
		for (const w of workers) w.tell({ type: 'start' });
		await sleep(p.seconds * 1000);
		for (const w of workers) w.tell({ type: 'stop' });
		await sleep(p.settleMs);
		const serverCpuMs = cpuMs(server.pid) - cpu0;
		const serverWaitedMs = waitedMs(server.pid) - wait0;
		const clientCpuMs = workers.reduce((sum, w) => sum + cpuMs(w.pid), 0) - clients0;
		const wallMs = performance.now() - t0;
		const memoryAfterMiB = await server.memoryMiB();
		const results = await Promise.all(
			workers.map((w) => {
				const r = w.next('result');
				w.tell({ type: 'finish' });
				return r;
			})
		);
		return {
			...combine(
				results.map((r) => r.result),
				p.clients
			),
			serverCpuMs,
			serverWaitedMs,
			clientCpuMs,
			wallMs,
			memoryBeforeMiB,
			memoryAfterMiB
		};
	} finally {
		await stopAll(workers);
	}
}

function combine(results: SyncResult[], clients: number) {
	const byHash = new Map<string, WriteRecord>();
	const byMarker = new Map<string, WriteRecord>();
	for (const r of results)
		for (const w of r.writes) {
			byHash.set(w.hash, w);
			byMarker.set(w.marker, w);
		}
	const endToEnd: number[] = [];
	const serverShare: number[] = [];
	const seenPairs = new Set<string>();
	for (const r of results) {
		for (const [client, marker, at] of r.seen) {
			const w = byMarker.get(marker);
			if (!w || w.client === client || seenPairs.has(`${client}:${marker}`)) continue;
			seenPairs.add(`${client}:${marker}`);
			endToEnd.push(at - w.changedAt);
		}
		for (const [client, hash, at] of r.arrivals) {
			const w = byHash.get(hash);
			if (!w || w.client === client || w.sentAt === null) continue;
			serverShare.push(at - w.sentAt);
		}
	}
	const writes = byHash.size;
	return {
		endToEnd,
		serverShare,
		writes,
		delivered: serverShare.length,
		missing: writes * (clients - 1) - serverShare.length
	};
}

export interface OpenFigures {
	firstSyncMs: number[];
	failures: string[];
	memoryBeforeMiB: number;
	memoryAfterMiB: number;
	wallMs: number;
	/** Server and client-worker CPU over the opening: which side was the limit. */
	serverCpuMs: number;
	clientCpuMs: number;
}

export interface OpenWorkers {
	workers: WorkerProcess[];
	/** Resolves once every worker's code is loaded. */
	loaded: Promise<unknown>;
	stop(): Promise<void>;
}

/**
 * Forks the workers that will open `boardIds` (`clientsPerWorker` × `workers` clients, each
 * opening its share one after another, so at most that many loads run at once). They load now
 * and connect only in `measureOpen`: forking them beside the sync scenario's clients saves their
 * start-up without putting their sockets on the server during the sync measurement.
 */
export function forkOpenWorkers(
	server: BoardServer,
	boardIds: string[],
	p: { workers: number; clientsPerWorker: number; clientCore: number }
): OpenWorkers {
	const clients = p.workers * p.clientsPerWorker;
	const share = (c: number) => boardIds.filter((_, i) => i % clients === c);
	const workers = Array.from({ length: p.workers }, (_, w) =>
		startBoardWorker(
			{
				mode: 'open',
				target: server.target,
				username: 'secretary',
				boards: Array.from({ length: p.clientsPerWorker }, (_, c) =>
					share(w * p.clientsPerWorker + c)
				)
			},
			p.clientCore
		)
	);
	const loaded = Promise.all(workers.map((w) => w.next('loaded')));
	// A worker that fails before `measureOpen` awaits this must not be an unhandled rejection.
	loaded.catch(() => {});
	return { workers, loaded, stop: () => stopAll(workers) };
}

/** Opens the boards with `forkOpenWorkers`' workers, then reads memory with every board still open and idle. */
export async function measureOpen(server: BoardServer, open: OpenWorkers): Promise<OpenFigures> {
	const { workers } = open;
	try {
		await open.loaded;
		const ready = Promise.all(workers.map((w) => w.next('ready')));
		for (const w of workers) w.tell({ type: 'connect' });
		await ready;
		const memoryBeforeMiB = await server.memoryMiB();
		const cpu0 = cpuMs(server.pid);
		const clients0 = workers.reduce((sum, w) => sum + cpuMs(w.pid), 0);
		const t0 = performance.now();
		const opened = workers.map((w) => w.next('opened'));
		for (const w of workers) w.tell({ type: 'start' });
		const results = (await Promise.all(opened)).map((m) => m.result);
		const wallMs = performance.now() - t0;
		const serverCpuMs = cpuMs(server.pid) - cpu0;
		const clientCpuMs = workers.reduce((sum, w) => sum + cpuMs(w.pid), 0) - clients0;
		const memoryAfterMiB = await server.memoryMiB();
		for (const w of workers) w.tell({ type: 'finish' });
		return {
			firstSyncMs: results.flatMap((r) => r.firstSyncMs),
			failures: results.flatMap((r) => r.failures),
			memoryBeforeMiB,
			memoryAfterMiB,
			wallMs,
			serverCpuMs,
			clientCpuMs
		};
	} finally {
		await open.stop();
	}
}

/**
 * Soak run (issue 3 item 14), not part of `npm test`: SOAK_DOCS documents (half agendas on Yjs,
 * half boards on Automerge) × SOAK_CLIENTS stock clients each, editing for SOAK_MINUTES against a
 * server in its own process. The clients run in SOAK_WORKERS child processes
 * (bench/soakWorker.ts), each driving whole documents; with SOAK_PIN (default on) the server is
 * pinned to core 0 and the workers to core 1, so the server's figures are its own. Reports
 * p50/p95/p99 propagation (edit on one client → seen by an observer client of the same
 * document), the server's memory at start and end, CPU use of each side, and whether every
 * replica of every document ended identical. `npm run soak`; the defaults are the full run
 * (50 × 20 × 30 min); e.g. `SOAK_MINUTES=2 npm run soak` for a short one, `SOAK_KINDS=boards`
 * for boards only.
 */
import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AGENDA_SCHEMA_VERSION } from '../src/lib/domain/agenda';
import { BOARD_SCHEMA_VERSION } from '../src/lib/domain/board';
import { newBoard } from '../server/automerge/newBoard';
import { DEMO_AGENDA, DEMO_BOARD } from '../server/demo/demoDistrict';
import { openSqliteStores } from '../server/storage/sqlite';
import { newAgenda } from '../server/yjs/newAgenda';
import { spawnServer } from '../tests/helpers/childServer';
import { envNumber } from '../tests/helpers/seededRandom';
import { tempDataDir } from '../tests/helpers/server';
import type {
	Identical,
	ParentMessage,
	SoakDoc,
	WorkerConfig,
	WorkerMessage
} from './soakProtocol';

const DOCS = envNumber('SOAK_DOCS', 50);
const CLIENTS = envNumber('SOAK_CLIENTS', 20);
const MINUTES = envNumber('SOAK_MINUTES', 30);
const EDIT_MS = envNumber('SOAK_EDIT_MS', 5000);
const WORKERS = envNumber('SOAK_WORKERS', 4);
const SETTLE_MS = envNumber('SOAK_SETTLE_MS', 180_000);
const PIN = process.env.SOAK_PIN !== '0';
/** `agendas`, `boards`, or both (the default). */
const KINDS = process.env.SOAK_KINDS ?? 'both';
const WRITERS = ['secretary', 'rc-member', 'oc-member', 'pm-staff'];
const WORKER = fileURLToPath(new URL('./soakWorker.ts', import.meta.url));

const log = (line: string) => console.log(`[soak] ${line}`);
const rssMiB = (pid: number) => {
	const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Math.round(Number(m[1]) / 1024) : NaN;
};
/** CPU seconds (user + system) a process has used so far. */
const cpuSeconds = (pid: number) => {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
	return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** Nanoseconds the main thread has run, and has waited runnable for a CPU (others' load). */
const schedNs = (pid: number) => {
	const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ').map(Number);
	return { run: run ?? NaN, wait: wait ?? NaN };
};
const percentile = (sorted: number[], p: number) =>
	sorted.length
		? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number)
		: NaN;

/** Registers the soak's documents straight in the database, as the demo seed does. */
async function createDocuments(dataDir: string) {
	const stores = openSqliteStores(dataDir);
	const agendas: SoakDoc[] = [];
	const boards: SoakDoc[] = [];
	for (let n = 0; n < DOCS; n++) {
		const base = { communityId: 'c-a', createdBy: 'u-secretary', title: `soak ${n}` };
		const agenda = KINDS === 'agendas' || (KINDS === 'both' && n % 2 === 0);
		// Document numbers keep their parity (even agenda, odd board) whichever kinds run.
		const num = KINDS === 'both' ? n : agenda ? 2 * n : 2 * n + 1;
		if (agenda) {
			const id = `meeting-soak-${num}`;
			await stores.documents.register({
				...base,
				id,
				kind: 'agenda',
				schemaVersion: AGENDA_SCHEMA_VERSION
			});
			const doc = newAgenda(DEMO_AGENDA.blocks);
			await stores.yjs.bindClient(id, doc.clientId, 'system:soak');
			await stores.yjs.append(id, doc.update, 'system:soak');
			agendas.push({ id, n: num });
		} else {
			const id = parseAutomergeUrl(generateAutomergeUrl()).documentId;
			await stores.documents.register({
				...base,
				id,
				kind: 'board',
				schemaVersion: BOARD_SCHEMA_VERSION
			});
			const { changes } = newBoard({
				...DEMO_BOARD,
				title: `soak ${n}`
			});
			await stores.automerge.appendChanges(id, changes, 'system:soak');
			boards.push({ id, n: num });
		}
	}
	await stores.close();
	return { agendas, boards };
}

/** A worker process and a way to wait for its next message of a given type. */
function startWorker(config: WorkerConfig) {
	// Pinned through taskset, which then runs node: every thread of the worker stays on core 1.
	const child: ChildProcess = fork(WORKER, [], {
		...(PIN ? { execPath: 'taskset' } : {}),
		execArgv: [...(PIN ? ['-c', '1', process.execPath] : []), '--import', 'tsx'],
		env: { ...process.env, SOAK_WORKER: JSON.stringify(config) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	let edits = 0;
	child.on('message', (m: WorkerMessage) => {
		if (m.type === 'progress') edits = m.edits;
	});
	const next = <T extends WorkerMessage['type']>(type: T) =>
		new Promise<Extract<WorkerMessage, { type: T }>>((resolve, reject) => {
			const onExit = (code: number | null) => reject(new Error(`soak worker exited ${code}`));
			const onMessage = (m: WorkerMessage) => {
				if (m.type !== type) return;
				child.off('message', onMessage);
				child.off('exit', onExit);
				resolve(m as Extract<WorkerMessage, { type: T }>);
			};
			child.on('message', onMessage);
			child.once('exit', onExit);
		});
	return {
		child,
		next,
		edits: () => edits,
		tell: (msg: ParentMessage) => child.send(msg)
	};
}

async function main() {
	const dataDir = tempDataDir();
	// First start seeds the demo district; then the documents are added and the server restarted.
	const seeding = await spawnServer({ dataDir, agendaId: DEMO_AGENDA.id, sessionsFor: WRITERS });
	await seeding.kill9();
	const { agendas, boards } = await createDocuments(dataDir);
	const server = await spawnServer({
		dataDir,
		agendaId: DEMO_AGENDA.id,
		cookies: seeding.cookies,
		// Four accounts drive every client here; the per-user socket cap (20) is for real people.
		env: { GONGZHI_MAX_SOCKETS_PER_USER: String(DOCS * CLIENTS) },
		...(PIN ? { pinCore: 0 } : {})
	});
	const pid = server.child.pid as number;
	log(
		`${agendas.length} agendas + ${boards.length} boards × ${CLIENTS} clients in ${WORKERS} workers, ${MINUTES} min, an edit per client per ~${EDIT_MS} ms${PIN ? ', server on core 0, workers on core 1' : ''}`
	);

	// Documents dealt round-robin, so each worker gets a share of each kind.
	const workers = Array.from({ length: WORKERS }, (_, w) =>
		startWorker({
			wsUrl: server.wsUrl,
			port: server.port,
			cookies: server.cookies,
			agendas: agendas.filter((_, i) => i % WORKERS === w),
			boards: boards.filter((_, i) => i % WORKERS === w),
			clients: CLIENTS,
			editMs: EDIT_MS,
			seed: envNumber('SOAK_SEED', 14) + w
		})
	);
	await Promise.all(workers.map((w) => w.next('ready')));
	const memStart = rssMiB(pid);
	const cpu = () => ({
		server: cpuSeconds(pid),
		workers: workers.reduce((sum, w) => sum + cpuSeconds(w.child.pid as number), 0)
	});
	const waited = () => ({
		server: schedNs(pid).wait,
		workers: workers.reduce((sum, w) => sum + schedNs(w.child.pid as number).wait, 0)
	});
	const cpuStart = cpu();
	const waitStart = waited();
	const runStart = Date.now();
	log(`all clients connected; server RSS ${memStart} MiB`);

	for (const w of workers) w.tell({ type: 'start' });
	let memMax = memStart;
	const end = Date.now() + MINUTES * 60_000;
	while (Date.now() < end) {
		await new Promise((r) => setTimeout(r, Math.min(10_000, end - Date.now())));
		const dead = workers.findIndex((w) => w.child.exitCode !== null);
		if (dead >= 0) {
			// Its clients' edits can no longer be checked: the run has failed, say so plainly.
			log(`worker ${dead} died (exit ${workers[dead]?.child.exitCode}); stopping the soak`);
			for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
			await server.kill9();
			process.exit(1);
		}
		memMax = Math.max(memMax, rssMiB(pid));
		const edits = workers.reduce((sum, w) => sum + w.edits(), 0);
		log(`${Math.round((end - Date.now()) / 1000)} s left: ~${edits} edits, RSS ${rssMiB(pid)} MiB`);
	}
	for (const w of workers) w.tell({ type: 'stop' });
	const editCpu = cpu();
	const editWait = waited();
	const editSeconds = (Date.now() - runStart) / 1000;

	const quiet = Date.now();
	let identical: Identical = { agendas: 0, boards: 0 };
	while (Date.now() - quiet < SETTLE_MS) {
		const checks = await Promise.all(
			workers.map((w) => {
				const reply = w.next('checked');
				w.tell({ type: 'check' });
				return reply;
			})
		);
		identical = checks.reduce(
			(a, c) => ({ agendas: a.agendas + c.agendas, boards: a.boards + c.boards }),
			{
				agendas: 0,
				boards: 0
			}
		);
		if (identical.agendas === agendas.length && identical.boards === boards.length) break;
		await new Promise((r) => setTimeout(r, 500));
	}
	const settleMs = Date.now() - quiet;
	const memEnd = rssMiB(pid);

	const results = await Promise.all(
		workers.map((w) => {
			const result = w.next('result');
			w.tell({ type: 'finish' });
			return result;
		})
	);
	const byKind = {
		yjs: results.flatMap((r) => r.latencies.yjs).sort((a, b) => a - b),
		automerge: results.flatMap((r) => r.latencies.automerge).sort((a, b) => a - b)
	};
	const sorted = [...byKind.yjs, ...byKind.automerge].sort((a, b) => a - b);
	const unseen = results.reduce((sum, r) => sum + r.unseen, 0);
	const pct = (seconds: number) => Math.round((seconds / editSeconds) * 100);
	const result = {
		docs: DOCS,
		kinds: KINDS,
		clientsPerDoc: CLIENTS,
		workers: WORKERS,
		pinned: PIN,
		minutes: MINUTES,
		edits: results.reduce((sum, r) => sum + r.edits, 0),
		propagationSamples: sorted.length,
		neverSeen: unseen,
		clientSocketErrors: results.reduce((sum, r) => sum + r.clientErrors, 0),
		p50Ms: Math.round(percentile(sorted, 0.5)),
		p95Ms: Math.round(percentile(sorted, 0.95)),
		p99Ms: Math.round(percentile(sorted, 0.99)),
		maxMs: Math.round(sorted[sorted.length - 1] ?? NaN),
		p95ByKindMs: {
			yjs: Math.round(percentile(byKind.yjs, 0.95)),
			automerge: Math.round(percentile(byKind.automerge, 0.95))
		},
		// Share of one core used while editing: the server must be the busy side.
		cpuPercentWhileEditing: {
			server: pct(editCpu.server - cpuStart.server),
			workers: pct(editCpu.workers - cpuStart.workers)
		},
		// Time spent runnable but waiting for a core, as a share of the editing time: high values
		// mean other processes on the machine, not this code, set the figures.
		waitingForCpuPercent: {
			server: pct((editWait.server - waitStart.server) / 1e9),
			workers: pct((editWait.workers - waitStart.workers) / 1e9)
		},
		serverRssMiB: { start: memStart, max: memMax, end: memEnd },
		identical: {
			agendas: `${identical.agendas}/${agendas.length}`,
			boards: `${identical.boards}/${boards.length}`
		},
		settleMs,
		// Why the server closed sockets, if it did (rate limits, refusals), by reason.
		serverClosed: Object.fromEntries(
			[...server.stderr.join('\n').matchAll(/\(\d{4}\): ([^\n]+)/g)].reduce((m, r) => {
				const why = r[1] as string;
				return m.set(why, (m.get(why) ?? 0) + 1);
			}, new Map<string, number>())
		)
	};
	log(JSON.stringify(result));
	mkdirSync('bench/results', { recursive: true });
	writeFileSync(
		`bench/results/soak-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
		JSON.stringify(result, null, 2)
	);

	// Workers close their clients and exit; one that lingers (a stock client's retry timer) is
	// stopped after a while.
	await Promise.all(
		workers.map(async (w) => {
			if (w.child.exitCode !== null) return;
			const exited = new Promise((r) => w.child.once('exit', r));
			await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
			if (w.child.exitCode === null) w.child.kill('SIGKILL');
		})
	);
	await server.kill9();
	rmSync(dataDir, { recursive: true, force: true });
	const ok =
		unseen === 0 && identical.agendas === agendas.length && identical.boards === boards.length;
	process.exit(ok ? 0 : 1);
}

await main();

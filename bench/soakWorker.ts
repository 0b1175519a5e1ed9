/**
 * One soak worker process: stock clients for a share of the soak's documents, started by
 * bench/soak.ts with its share in SOAK_WORKER. Every replica of a document lives in the same
 * worker, so propagation is timed on one clock and "identical" is checked here; the parent only
 * orchestrates and adds up. Clients of many documents in one process made the harness, not the
 * server, the bottleneck (one process at 93% of a core for 1,000 clients).
 */
import * as A from '@automerge/automerge';
import type { DocHandle } from '@automerge/automerge-repo';
import type { Board } from '../src/lib/domain/board';
import { DEMO_BOARD } from '../server/demo/demoDistrict';
import { boardClient, type BoardClient } from '../tests/helpers/automergeClient';
import { seededRandom } from '../tests/helpers/seededRandom';
import {
	openAgenda,
	paragraph,
	paragraphText,
	type AgendaClient,
	type YjsTarget
} from '../tests/helpers/yjsClient';
import type { ParentMessage, WorkerConfig, WorkerMessage } from './soakProtocol';

const WRITERS = ['secretary', 'rc-member', 'oc-member', 'pm-staff'];
const TASK = DEMO_BOARD.tasks[0].id;
const MARKER = /<t:(\d+):(\d+):(\d+)>/g;

// Every y-websocket provider adds a process 'exit' listener in Node; hundreds here are expected.
process.setMaxListeners(0);
// A stock client's reconnect that is reset (ECONNRESET, "socket hang up") or refused at the
// upgrade (429 while the server has not yet seen its old socket go) surfaces as an unhandled
// 'error' on a socket it made; the client retries by itself. Count, do not die: a dead worker
// would lose every document it drives. Anything else still ends the worker.
let clientErrors = 0;
const CLIENT_SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE']);
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
	if (
		CLIENT_SOCKET_ERRORS.has(error.code ?? '') ||
		error.message.startsWith('Unexpected server response')
	) {
		clientErrors++;
		return;
	}
	console.error(error);
	process.exit(1);
});
const config = JSON.parse(process.env.SOAK_WORKER ?? '{}') as WorkerConfig;
const send = (msg: WorkerMessage) => process.send?.(msg);
const random = seededRandom(config.seed);
const target: YjsTarget & { port: number } = {
	wsUrl: config.wsUrl,
	port: config.port,
	agendaId: '',
	async headersFor(username) {
		const cookie = config.cookies[username];
		if (!cookie) throw new Error(`no session for ${username}`);
		return { Cookie: cookie, Origin: config.wsUrl.replace('ws', 'http') };
	}
};

const sentAt = new Map<string, number>();
const latencies = { yjs: [] as number[], automerge: [] as number[] };
const seen = (text: string) => {
	for (const m of text.matchAll(MARKER)) {
		const t0 = sentAt.get(m[0]);
		if (t0 === undefined) continue;
		latencies[Number(m[1]) % 2 === 0 ? 'yjs' : 'automerge'].push(performance.now() - t0);
		sentAt.delete(m[0]);
	}
};

// Yjs: `clients` providers per agenda; client 0 observes.
const agendas: AgendaClient[][] = [];
for (const { id } of config.agendas) {
	const clients: AgendaClient[] = [];
	for (let c = 0; c < config.clients; c++)
		clients.push(await openAgenda(target, WRITERS[c % WRITERS.length] as string, { docId: id }));
	paragraph((clients[0] as AgendaClient).doc, 1).observe((e) => {
		for (const d of e.delta) if (typeof d.insert === 'string') seen(d.insert);
	});
	agendas.push(clients);
}
// Automerge: `clients` repos, each with this worker's boards open; repo 0 observes.
const repos: BoardClient[] = [];
const boards: DocHandle<Board>[][] = config.boards.map(() => []);
if (config.boards.length > 0) {
	for (let c = 0; c < config.clients; c++) {
		// The app's adapter: with the stock one, a socket closed mid-sync leaves a dead replica.
		const client = await boardClient(target, WRITERS[c % WRITERS.length] as string, {
			safe: true
		});
		client.adapter.onError = () => {}; // the stock adapter rethrows socket errors
		repos.push(client);
		for (const [b, { id }] of config.boards.entries())
			(boards[b] as DocHandle<Board>[]).push(await client.find<Board>(id));
	}
}
for (const hs of boards) {
	(hs[0] as DocHandle<Board>).on('change', ({ patches }) => {
		for (const p of patches) if (p.action === 'splice') seen(p.value);
	});
}

let edits = 0;
let editing = false;
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const schedule = (edit: (marker: string) => void, doc: number, client: number) => {
	let n = 0;
	const key = `${doc}:${client}`;
	const tick = () => {
		if (!editing) return;
		const marker = `<t:${doc}:${client}:${n++}>`;
		// The observer's own edits are not propagation.
		if (client !== 0) sentAt.set(marker, performance.now());
		edit(marker);
		edits++;
		const { editMs } = config;
		timers.set(key, setTimeout(tick, random.int(editMs / 2, (editMs * 3) / 2)));
	};
	timers.set(key, setTimeout(tick, random.int(0, config.editMs)));
};

function start() {
	editing = true;
	agendas.forEach((clients, d) =>
		clients.forEach((c, i) =>
			schedule(
				(m) => {
					const p = paragraph(c.doc, 1);
					p.insert(random.chance(0.5) ? 0 : p.length, m);
				},
				(config.agendas[d] as { n: number }).n,
				i
			)
		)
	);
	boards.forEach((hs, d) =>
		hs.forEach((h, i) =>
			schedule(
				(m) =>
					h.change((doc) => {
						const length = doc.tasks[TASK]?.notes.length ?? 0;
						A.splice(doc, ['tasks', TASK, 'notes'], random.chance(0.5) ? 0 : length, 0, m);
					}),
				(config.boards[d] as { n: number }).n,
				i
			)
		)
	);
}

// Raw heads, not handle.heads(): that one base58-encodes every head on every call.
const boardHeads = (h: DocHandle<Board>) => A.getHeads(h.doc()).join();
const identical = () => ({
	agendas: agendas.filter((cs) =>
		cs.every((c) => paragraphText(c.doc, 1) === paragraphText((cs[0] as AgendaClient).doc, 1))
	).length,
	boards: boards.filter((hs) =>
		hs.every((h) => boardHeads(h) === boardHeads(hs[0] as DocHandle<Board>))
	).length
});

const progress = setInterval(() => send({ type: 'progress', edits }), 10_000);
process.on('message', (msg: ParentMessage) => {
	if (msg.type === 'start') start();
	else if (msg.type === 'stop') {
		editing = false;
		for (const t of timers.values()) clearTimeout(t);
	} else if (msg.type === 'check') send({ type: 'checked', ...identical() });
	else if (msg.type === 'finish') void finish();
});

async function finish() {
	clearInterval(progress);
	// The result carries every latency sample (megabytes after 30 minutes): disconnecting before
	// the pipe has taken it all lost it, and the parent saw only "worker exited 0".
	await new Promise<void>((resolve, reject) =>
		process.send?.(
			{ type: 'result', edits, latencies, unseen: sentAt.size, clientErrors },
			undefined,
			{},
			(error) => (error ? reject(error) : resolve())
		)
	);
	for (const cs of agendas) for (const c of cs) c.destroy();
	for (const r of repos) await r.close();
	process.disconnect();
}

send({ type: 'ready' });

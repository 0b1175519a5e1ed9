/**
 * One client process of the board scenarios (started pinned to core 1 by boardSync.ts, with its
 * share in BOARD_WORKER). `sync`: stock clients on one board, some of them writing; every change
 * is timed three ways on the machine's shared monotonic clock — when the writer made it, when its
 * bytes left the writer's socket, when the frame carrying it reached each other client's socket,
 * and when each client's document showed it. Socket to socket is the server's share (plus
 * loopback); change to document is what a person sees. `open`: clients open many boards one
 * after another and time each first sync.
 */
import * as A from '@automerge/automerge';
import { cbor, type DocHandle, type Message } from '@automerge/automerge-repo';
import { seededRandom } from '../../tests/helpers/seededRandom';
import { splitChunks } from '../../server/automerge/incomingChanges';
import type { Board } from '../../src/lib/domain/board';
import { benchRepoClient, type BenchRepoClient } from './benchRepoClient';
import type {
	OpenResult,
	ParentMessage,
	SyncResult,
	WorkerConfig,
	WorkerMessage,
	WriteRecord
} from './boardWorkerProtocol';
import { sharedNow, until } from './procStats';
import { thinBoardReceiver, type ThinReceiver } from './thinBoardReceiver';

const MARKER = /<w:(\d+):(\d+)>/g;
const DOCUMENT_CHUNK = 0;

const config = JSON.parse(process.env.BOARD_WORKER ?? '{}') as WorkerConfig;
const send = (msg: WorkerMessage) =>
	new Promise<void>((resolve, reject) =>
		process.send?.(msg, undefined, {}, (e) => (e ? reject(e) : resolve()))
	);
// A reconnect reset by the other side surfaces here; count on the sync, not on the socket.
process.on('uncaughtException', (error: NodeJS.ErrnoException) => {
	if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(error.code ?? '')) return;
	void send({ type: 'failed', error: String(error.stack ?? error) }).finally(() => process.exit(1));
});

/**
 * The change hashes a sync message carries. Automerge sends a batch of changes as one document
 * chunk (its whole history): those are loaded to list their hashes. Only run after the
 * measurement, never while timing.
 */
function changeHashes(data: Uint8Array): string[] {
	return A.decodeSyncMessage(data).changes.flatMap((entry) =>
		splitChunks(entry).flatMap((chunk) =>
			chunk[8] === DOCUMENT_CHUNK
				? A.getChangesMetaSince(A.load(chunk), []).map((c) => c.hash)
				: [A.decodeChange(chunk).hash]
		)
	);
}

/** Whether a sync message carries any changes (cheap: no change is decoded). */
const carriesChanges = (data: Uint8Array) => A.decodeSyncMessage(data).changes.length > 0;

async function runSync(cfg: Extract<WorkerConfig, { mode: 'sync' }>) {
	const random = seededRandom(cfg.seed);
	const clients: {
		index: number;
		writer: boolean;
		client: BenchRepoClient;
		handle: DocHandle<Board>;
	}[] = [];
	const frames: [client: number, at: number, data: ArrayBuffer | Uint8Array][] = [];
	const seen: SyncResult['seen'] = [];
	const writes = new Map<string, WriteRecord>();
	/** Per writer: its changes not yet handed to its socket. */
	const unsent = new Map<number, Set<WriteRecord>>();
	let recording = false;

	const thin: [number, ThinReceiver][] = [];
	const saved = new Uint8Array(Buffer.from(cfg.savedB64, 'base64'));
	for (const spec of cfg.clients) {
		if (spec.thin) {
			thin.push([
				spec.index,
				await thinBoardReceiver(cfg.target, spec.username, cfg.boardId, saved)
			]);
			continue;
		}
		const client = await benchRepoClient(cfg.target, spec.username);
		const handle = await client.repo.find<Board>(client.url(cfg.boardId));
		await until(() => Object.keys(handle.doc()?.tasks ?? {}).length > 0, 'the board', 60_000, 10);
		// Before the adapter's own listener: the arrival time is taken before any client work.
		const socket = client.adapter.socket as unknown as {
			prependListener(e: 'message', f: (data: ArrayBuffer) => void): void;
		};
		socket.prependListener('message', (data) => {
			if (recording) frames.push([spec.index, sharedNow(), data]);
		});
		if (spec.writer) {
			unsent.set(spec.index, new Set());
			const original = client.adapter.send.bind(client.adapter);
			client.adapter.send = (message: Message) => {
				original(message);
				if (!recording || message.type !== 'sync' || !('data' in message) || !message.data) return;
				// The first message with changes after a change was made carries it (Automerge sends
				// everything the server lacks): timed without decoding what is in it.
				if (!carriesChanges(message.data)) return;
				const at = sharedNow();
				const mine = unsent.get(spec.index);
				for (const w of mine ?? []) w.sentAt = at;
				mine?.clear();
			};
		}
		handle.on('change', ({ patches }) => {
			if (!recording) return;
			const at = sharedNow();
			for (const p of patches) {
				if (p.action !== 'splice' || typeof p.value !== 'string') continue;
				for (const m of p.value.matchAll(MARKER)) seen.push([spec.index, m[0], at]);
			}
		});
		clients.push({ index: spec.index, writer: spec.writer, client, handle });
	}

	const timers = new Set<NodeJS.Timeout>();
	const startWriting = () => {
		recording = true;
		for (const [, r] of thin) r.recording = true;
		for (const c of clients.filter((x) => x.writer)) {
			let n = 0;
			const task = random.pick(cfg.taskIds);
			const tick = () => {
				const marker = `<w:${c.index}:${n++}>`;
				c.handle.change((doc) => {
					const notes = doc.tasks[task]?.notes ?? '';
					A.splice(doc, ['tasks', task, 'notes'], notes.length, 0, marker);
				});
				const changedAt = sharedNow();
				// A local change depends on every head it knew: it is now the only head.
				const hash = A.getHeads(c.handle.doc())[0] as string;
				const record = { client: c.index, marker, hash, changedAt, sentAt: null };
				writes.set(hash, record);
				unsent.get(c.index)?.add(record);
				schedule();
			};
			const schedule = () => {
				const t = setTimeout(
					() => {
						timers.delete(t);
						tick();
					},
					random.int(cfg.editMs / 2, (cfg.editMs * 3) / 2)
				);
				timers.add(t);
			};
			schedule();
		}
	};
	const stopWriting = () => {
		for (const t of timers) clearTimeout(t);
		timers.clear();
	};

	const finish = async () => {
		recording = false;
		for (const [index, r] of thin) {
			r.recording = false;
			for (const [at, data] of r.frames) frames.push([index, at, data]);
			r.close();
		}
		const arrivals: SyncResult['arrivals'] = [];
		const first = new Set<string>();
		for (const [client, at, data] of frames) {
			const msg = cbor.decode<{ type?: string; data?: Uint8Array }>(new Uint8Array(data));
			if (msg.type !== 'sync' || !msg.data) continue;
			for (const hash of changeHashes(msg.data)) {
				const key = `${client}:${hash}`;
				if (first.has(key)) continue;
				first.add(key);
				arrivals.push([client, hash, at]);
			}
		}
		await send({ type: 'result', result: { writes: [...writes.values()], arrivals, seen } });
		for (const c of clients) await c.client.close();
		process.disconnect();
	};

	process.on('message', (msg: ParentMessage) => {
		if (msg.type === 'start') startWriting();
		else if (msg.type === 'stop') stopWriting();
		else if (msg.type === 'finish') void finish();
	});
	await send({ type: 'ready' });
}

/** The parent's next message of `type` (others are ignored). */
function told(type: ParentMessage['type']): Promise<void> {
	return new Promise((resolve) => {
		const on = (msg: ParentMessage) => {
			if (msg.type !== type) return;
			process.off('message', on);
			resolve();
		};
		process.on('message', on);
	});
}

async function runOpen(cfg: Extract<WorkerConfig, { mode: 'open' }>) {
	// Forked while the sync scenario's clients load (its start-up is not the bench's time), it
	// connects only when the sync measurement is over, so its sockets are not there during it.
	const connect = told('connect');
	await send({ type: 'loaded' });
	await connect;
	const clients = await Promise.all(
		cfg.boards.map(() => benchRepoClient(cfg.target, cfg.username))
	);
	const start = told('start');
	await send({ type: 'ready' });
	await start;
	const result: OpenResult = { firstSyncMs: [], failures: [] };
	await Promise.all(
		clients.map(async (client, i) => {
			for (const id of cfg.boards[i] ?? []) {
				const t0 = performance.now();
				try {
					const handle = await client.repo.find<Board>(client.url(id));
					await until(() => handle.doc()?.tasks !== undefined, `board ${id}`, 30_000, 1);
					result.firstSyncMs.push(performance.now() - t0);
				} catch (err) {
					result.failures.push(`${id}: ${String(err)}`);
				}
			}
		})
	);
	const finish = told('finish');
	await send({ type: 'opened', result });
	await finish;
	for (const c of clients) await c.close();
	process.disconnect();
}

if (config.mode === 'sync') await runSync(config);
else await runOpen(config);

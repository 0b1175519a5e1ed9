/**
 * The peer for the board scenarios: a plain automerge-repo sync server as a team would deploy it
 * (a Repo with the stock websocket server adapter and file storage; no auth, no access checks,
 * no durable writes — the file adapter neither fsyncs nor writes before relaying). Run as its own
 * process by boardServers.ts:
 *
 *   PEER_DIR=dir [PEER_SEED=file]  → imports the boards in the seed file (JSON lines of
 *                                    {id, b64}), writes them to PEER_DIR and drops them from
 *                                    memory, then serves on a free port and prints
 *                                    {"port":…,"inMemory":false} on its first line.
 *
 * `GET /gc` collects garbage (the process runs with --expose-gc) and answers the memory figures,
 * as Gongzhi's /healthz?gc=1 does, so both servers' memory is read after a collection.
 */
import {
	Repo,
	type DocumentId,
	type PeerId,
	type StorageAdapterInterface
} from '@automerge/automerge-repo';
import { NodeWSServerAdapter } from '@automerge/automerge-repo-network-websocket';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const dir = process.env.PEER_DIR;
if (!dir) throw new Error('PEER_DIR is required');

/**
 * The file adapter is a dev dependency of the benchmark only. Without it the server keeps its
 * boards in memory from the start, which flatters it (nothing is ever read from disk): it says
 * so on stderr and in its first line, and the scenario names the peer accordingly.
 */
async function fileStorage(path: string): Promise<StorageAdapterInterface | undefined> {
	try {
		const mod = (await import('@automerge/automerge-repo-storage-nodefs')) as {
			NodeFSStorageAdapter: new (dir: string) => StorageAdapterInterface;
		};
		return new mod.NodeFSStorageAdapter(path);
	} catch {
		console.error('plain automerge-repo server: no storage-nodefs installed, boards in memory');
		return undefined;
	}
}

const storage = await fileStorage(dir);
const http = createServer((req, res) => {
	if (req.url === '/gc') {
		(globalThis as { gc?: () => void }).gc?.();
		const m = process.memoryUsage();
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ rssBytes: m.rss, heapUsedBytes: m.heapUsed }));
		return;
	}
	res.writeHead(404);
	res.end();
});
const wss = new WebSocketServer({ server: http });
wss.on('connection', (socket) => socket.on('error', () => {}));
// As the reference sync server does: it answers what peers ask for and announces nothing.
const repo = new Repo({
	...(storage ? { storage } : {}),
	network: [new NodeWSServerAdapter(wss as never)],
	peerId: `plain-server-${process.pid}` as PeerId,
	sharePolicy: async () => false
});

if (process.env.PEER_SEED) {
	const seeds = readFileSync(process.env.PEER_SEED, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as { id: DocumentId; b64: string });
	for (const { id, b64 } of seeds)
		repo.import(new Uint8Array(Buffer.from(b64, 'base64')), { docId: id });
	if (storage) {
		// On disk and out of memory: the first client to ask loads it, as after a restart.
		await repo.flush();
		for (const { id } of seeds) await repo.removeFromCache(id);
	}
}

await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const port = (http.address() as AddressInfo).port;
console.log(JSON.stringify({ port, inMemory: !storage }));
process.on('SIGTERM', () => {
	void repo.shutdown().finally(() => process.exit(0));
});

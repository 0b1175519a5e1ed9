/**
 * The peer for the board scenarios: a plain automerge-repo sync server as a team would deploy it
 * (a Repo with the stock websocket server adapter and file storage; no auth, no access checks,
 * no durable writes — the file adapter neither fsyncs nor writes before relaying). Run as its own
 * process by spawnPlainServer.ts.
 *
 *   PEER_DIR=dir PEER_SEED=file  → imports every board in the seed file (JSON lines of
 *                                  {id, b64}), flushes them to PEER_DIR and exits
 *   PEER_DIR=dir                 → serves on a free port; prints {"port":…} on its first line
 *
 * `GET /gc` collects garbage (the process runs with --expose-gc) and answers the memory figures,
 * as Gongzhi's /healthz?gc=1 does, so both servers' memory is read after a collection.
 */
import { Repo, type DocumentId, type PeerId } from '@automerge/automerge-repo';
import { NodeWSServerAdapter } from '@automerge/automerge-repo-network-websocket';
import { NodeFSStorageAdapter } from '@automerge/automerge-repo-storage-nodefs';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

const dir = process.env.PEER_DIR;
if (!dir) throw new Error('PEER_DIR is required');
const storage = new NodeFSStorageAdapter(dir);

if (process.env.PEER_SEED) {
	const repo = new Repo({ storage, network: [], peerId: 'plain-seed' as PeerId });
	const lines = readFileSync(process.env.PEER_SEED, 'utf8').split('\n').filter(Boolean);
	for (const line of lines) {
		const { id, b64 } = JSON.parse(line) as { id: string; b64: string };
		repo.import(new Uint8Array(Buffer.from(b64, 'base64')), { docId: id as DocumentId });
	}
	await repo.flush();
	await repo.shutdown();
	process.exit(0);
}

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
// As the reference sync server does: it answers what peers ask for and announces nothing.
const repo = new Repo({
	storage,
	network: [new NodeWSServerAdapter(wss as never)],
	peerId: `plain-server-${process.pid}` as PeerId,
	sharePolicy: async () => false
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
console.log(JSON.stringify({ port: (http.address() as AddressInfo).port }));
process.on('SIGTERM', () => {
	void repo.shutdown().finally(() => process.exit(0));
});

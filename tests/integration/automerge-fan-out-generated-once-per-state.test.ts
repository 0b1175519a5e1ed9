import * as A from '@automerge/automerge';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { rawSyncPeer } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
const sockets: WebSocket[] = [];
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const ws of sockets) ws.close();
	await server.close();
});

async function peer(username: string, start: A.Doc<Board>) {
	const p = await rawSyncPeer(server, username, start);
	sockets.push(p.ws);
	return p;
}

const generated = () => server.services.automerge.stats().syncMessagesGenerated ?? 0;
const settle = () => new Promise((r) => setTimeout(r, 300));

describe("a board change's fan-out", () => {
	it('generates one answer per distinct peer state, and every reader still converges', async () => {
		const first = await peer('secretary', A.init());
		await waitFor(() => first.received.length > 0, 'the board');
		await settle();
		const copy = A.save(first.doc());
		const readers = await Promise.all(
			Array.from({ length: 12 }, () => peer('resident', A.load<Board>(copy)))
		);
		await waitFor(() => readers.every((r) => r.received.length > 0), 'every reader to sync');
		await settle();

		const before = generated();
		const taskId = Object.keys(first.doc().tasks)[0] as string;
		first.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'fan-out ');
		});
		const heads = A.getHeads(first.doc()).join();
		await waitFor(
			() => readers.every((r) => A.getHeads(r.doc()).join() === heads),
			'every reader to have the change'
		);
		await settle();
		// Twelve readers in one state: the change and the answers to their twelve alike
		// acknowledgements are each generated once, with a few more for the writer. Generating
		// per peer would take at least 24.
		expect(generated() - before).toBeLessThanOrEqual(6);
		for (const r of readers) expect(r.doc().tasks[taskId]?.notes).toMatch(/^fan-out /);
	});
});

import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

let server: TestServer;
const clients: BoardClient[] = [];
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const c of clients) await c.close();
	await server.close();
});

describe('a copied peer id', () => {
	it('neither disconnects the first connection nor lends it its access', async () => {
		const peerId = 'peer-of-the-secretary';
		const first = await boardClient(server, 'secretary', { peerId });
		clients.push(first);
		const h1 = await first.find<Board>(server.boardId);
		const taskId = Object.keys(h1.doc().tasks)[0] as string;

		const copycat = await boardClient(server, 'outsider', { peerId });
		clients.push(copycat);
		await expect(copycat.find(server.boardId)).rejects.toThrow(/unavailable/i);
		expect(server.services.automerge.stats().connections).toBe(2);

		// The first connection still syncs both ways: its own edit reaches the server, and a
		// third writer's edit reaches it.
		h1.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'first ');
		});
		await waitUntilServerHas(first, h1);
		const other = await boardClient(server, 'rc-member');
		clients.push(other);
		const h3 = await other.find<Board>(server.boardId);
		h3.change((d) => {
			A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'third ');
		});
		await waitFor(
			() => h1.doc().tasks[taskId]?.notes.includes('third '),
			'the edit to reach the first'
		);
		expect(server.logs.filter((l) => l.includes('closing socket'))).toEqual([]);
	});

	it('two writers sharing a peer id sync independently', async () => {
		const peerId = 'shared-by-two-writers';
		const [a, b] = await Promise.all([
			boardClient(server, 'secretary', { peerId }),
			boardClient(server, 'oc-member', { peerId })
		]);
		clients.push(a, b);
		const [ha, hb] = await Promise.all([
			a.find<Board>(server.boardId),
			b.find<Board>(server.boardId)
		]);
		const taskId = Object.keys(ha.doc().tasks)[0] as string;
		ha.change((d) => A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'from-a '));
		hb.change((d) => A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'from-b '));
		await waitFor(
			() =>
				ha.heads().join() === hb.heads().join() &&
				ha.doc().tasks[taskId]?.notes.includes('from-b '),
			'both to converge'
		);
		const hashOf = (h: typeof ha) =>
			A.getChangesMetaSince(h.doc(), []).find((c) => c.actor === A.getActorId(h.doc()))
				?.hash as string;
		const store = server.services.stores.automerge;
		expect((await store.authorOf(server.boardId, hashOf(ha)))?.userId).toBe('u-secretary');
		expect((await store.authorOf(server.boardId, hashOf(hb)))?.userId).toBe('u-oc');
	});
});

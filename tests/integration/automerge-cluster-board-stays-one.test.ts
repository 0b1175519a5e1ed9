import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { changeHash, splitChunks } from '../../server/automerge/incomingChanges';
import { decodeRelayMessage, topicOf } from '../../server/automerge/relayMessages';
import { applyServerChange, readServerBoard } from '../../server/automerge/serverChange';
import {
	createMemoryClusterBus,
	type MemoryClusterHub
} from '../../server/cluster/createMemoryClusterBus';
import { boardClient, waitUntilServerHas, type BoardClient } from '../helpers/automergeClient';
import { startBoardInstance, type BoardInstance } from '../helpers/boardInstances';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

// Two instances of the board sync over one store set, told about each other's changes by an
// in-process bus that really delivers (and can lose messages): what cluster mode does with
// PostgreSQL and Redis, minus the engines.
let server: TestServer;
let hub: MemoryClusterHub;
let a: BoardInstance;
let b: BoardInstance;
const clients: BoardClient[] = [];

beforeAll(async () => {
	server = await startTestServer();
	hub = createMemoryClusterBus();
	a = await startBoardInstance(server, hub.connect('a'));
	b = await startBoardInstance(server, hub.connect('b'));
});
afterAll(async () => {
	await Promise.all(clients.map((c) => c.close()));
	await a.close();
	await b.close();
	await server.close();
});

async function client(instance: BoardInstance, username: string) {
	const c = await boardClient(instance, username);
	clients.push(c);
	return c;
}

/** How many stored chunks hold the change `hash` (a compacted snapshot counts as none). */
async function timesStored(hash: string) {
	const chunks = await server.services.stores.automerge.load(server.boardId);
	return chunks.flatMap((c) => splitChunks(c)).filter((c) => c[8] === 1 && changeHash(c) === hash)
		.length;
}

async function expectStoredOnceBy(hash: string, userId: string) {
	expect(await timesStored(hash)).toBe(1);
	const record = await server.services.stores.automerge.recorded(server.boardId);
	expect(record.filter((r) => r.hash === hash).map((r) => r.userId)).toEqual([userId]);
}

function onlyHead(doc: A.Doc<unknown>) {
	const heads = A.getHeads(doc);
	expect(heads).toHaveLength(1);
	return heads[0] as string;
}

describe('a board open on two instances sharing one store', () => {
	it("reaches the other instance's clients, stored once with its author", async () => {
		const onA = await client(a, 'rc-member');
		const onB = await client(b, 'secretary');
		const hA = await onA.find<Board>(server.boardId);
		const hB = await onB.find<Board>(server.boardId);

		hA.change((d) => {
			d.title = '经实例A修改';
		});
		const fromA = onlyHead(hA.doc());
		await waitFor(() => hB.doc().title === '经实例A修改', "A's change at B's client");

		hB.change((d) => {
			d.pledge.goal = '经实例B写的目标';
		});
		const fromB = onlyHead(hB.doc());
		await waitFor(() => hA.doc().pledge.goal === '经实例B写的目标', "B's change at A's client");

		// Both instances hold both changes (each client's server covers its heads), yet each
		// change was stored by the instance that accepted it, and only there.
		await waitUntilServerHas(onA, hA);
		await waitUntilServerHas(onB, hB);
		await expectStoredOnceBy(fromA, 'u-rc');
		await expectStoredOnceBy(fromB, 'u-secretary');
	});

	it("carries a server change made on one instance to the other's clients", async () => {
		const onB = await client(b, 'oc-member');
		const hB = await onB.find<Board>(server.boardId);
		const [hash] = await applyServerChange<Board>(
			{ stores: server.services.stores, automerge: a.automerge },
			server.boardId,
			(d) => {
				d.pledge.deadline = '2027-06-30';
			},
			'u-secretary'
		);
		await waitFor(() => hB.doc().pledge.deadline === '2027-06-30', 'the server change at B');
		await expectStoredOnceBy(hash as string, 'u-secretary');
	});

	it('is listened for only while open, and a change made meanwhile is there when it reopens', async () => {
		const topic = topicOf(server.boardId);
		await Promise.all(clients.splice(0).map((c) => c.close()));
		await waitFor(
			() => a.automerge.stats().openDocuments + b.automerge.stats().openDocuments === 0,
			'both instances to unload the board'
		);
		expect(hub.subscribers(topic)).toBe(0);

		const onA = await client(a, 'rc-member');
		const hA = await onA.find<Board>(server.boardId);
		expect(hub.subscribers(topic)).toBe(1);
		hA.change((d) => {
			d.pledge.measures = 'B关着时写的';
		});
		await waitUntilServerHas(onA, hA);
		expect(b.automerge.stats().openDocuments).toBe(0);

		const onB = await client(b, 'secretary');
		const hB = await onB.find<Board>(server.boardId);
		await waitFor(() => hB.doc().pledge.measures === 'B关着时写的', 'the change at B on opening');
		expect(hub.subscribers(topic)).toBe(2);
	});

	it("reads, for the server's own use, every change stored on any instance before the read", async () => {
		// Gates and the history read the server's copy: a change a client just made through the
		// other instance counts, even if its relay has not arrived (here: never arrives).
		const onA = await client(a, 'rc-member');
		const onB = await client(b, 'secretary');
		const hA = await onA.find<Board>(server.boardId);
		const hB = await onB.find<Board>(server.boardId);
		await waitFor(() => A.equals(hA.doc(), hB.doc()), 'both clients level');
		const restore = hub.drop(topicOf(server.boardId));
		try {
			hB.change((d) => {
				d.pledge.goal = '刚在B写的目标';
			});
			await waitUntilServerHas(onB, hB);
			const board = await readServerBoard<Board>(
				{ stores: server.services.stores, automerge: a.automerge },
				server.boardId
			);
			expect(board.pledge.goal).toBe('刚在B写的目标');
			// A's own clients get it from that read too.
			await waitFor(() => hA.doc().pledge.goal === '刚在B写的目标', "B's change at A's client");
		} finally {
			restore();
		}
	});

	it('repairs a lost relay message without another edit', async () => {
		const onA = await client(a, 'rc-member');
		const onB = await client(b, 'secretary');
		const hA = await onA.find<Board>(server.boardId);
		const hB = await onB.find<Board>(server.boardId);
		await waitFor(() => A.equals(hA.doc(), hB.doc()), 'both clients level');

		const restore = hub.drop(topicOf(server.boardId));
		hA.change((d) => {
			d.title = '这条消息丢了';
		});
		const lost = onlyHead(hA.doc());
		// A accepted the change and its relay is lost; the heads reminder after the burst is not.
		await waitFor(
			() =>
				hub.lost.some((m) => {
					const msg = decodeRelayMessage(m.message);
					return m.from === 'a' && msg.kind === 'changes' && msg.heads.includes(lost);
				}),
			"the relay of A's change to be lost"
		);
		restore();
		await waitFor(() => hB.doc().title === '这条消息丢了', 'the lost change at B', 15_000);
		await waitUntilServerHas(onA, hA);
		await expectStoredOnceBy(lost, 'u-rc');
	});

	it('re-reads open boards when the bus resumes after a break that lost everything', async () => {
		const onA = await client(a, 'rc-member');
		const onB = await client(b, 'secretary');
		const hA = await onA.find<Board>(server.boardId);
		const hB = await onB.find<Board>(server.boardId);
		await waitFor(() => A.equals(hA.doc(), hB.doc()), 'both clients level');

		const restore = hub.drop(topicOf(server.boardId));
		hA.change((d) => {
			d.title = '断线期间写的';
		});
		const lost = onlyHead(hA.doc());
		// The relay and the reminder after it are both lost: only the resume can repair this.
		await waitFor(
			() =>
				hub.lost.some((m) => {
					const msg = decodeRelayMessage(m.message);
					return m.from === 'a' && msg.kind === 'heads' && msg.heads.includes(lost);
				}),
			"A's heads reminder to be lost"
		);
		expect(hB.doc().title).not.toBe('断线期间写的');
		restore();
		hub.resume();
		await waitFor(() => hB.doc().title === '断线期间写的', 'the change at B after the resume');
		await expectStoredOnceBy(lost, 'u-rc');
	});
});

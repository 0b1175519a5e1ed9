import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import type { Board } from '../../src/lib/domain/board';
import {
	boardClient,
	closeCode,
	firstSyncMessage,
	joinedSocket,
	nextMessage,
	sendMessage,
	type BoardClient
} from '../helpers/automergeClient';
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

const request = (documentId: string) => ({
	type: 'request',
	senderId: 'raw',
	targetId: 'server',
	documentId,
	data: firstSyncMessage()
});

describe('when a session or a role ends, sync ends with it', () => {
	it('an ended session closes its sockets at once with 4401', async () => {
		const ws = await joinedSocket(server, 'pm-staff');
		const reply = nextMessage(ws);
		sendMessage(ws, request(server.boardId));
		expect((await reply).type).toBe('sync');
		const closed = closeCode(ws);
		await server.services.sessions.invalidateUser('u-pm');
		expect(await closed).toBe(CLOSE.unauthorized);
	});

	it('a removed role stops the board syncing: doc-unavailable from then on', async () => {
		const { org } = server.services.stores;
		const ws = await joinedSocket(server, 'oc-member');
		const first = nextMessage(ws);
		sendMessage(ws, request(server.boardId));
		expect((await first).type).toBe('sync');

		await org.removeMembership('u-oc', 'c-a', 'owners_committee');
		const revoked = nextMessage(ws);
		server.services.access.changed('u-oc');
		expect(await revoked).toMatchObject({ type: 'doc-unavailable', documentId: server.boardId });
		const again = nextMessage(ws);
		sendMessage(ws, request(server.boardId));
		expect((await again).type).toBe('doc-unavailable');
		ws.close();
	});

	it('a writer downgraded to resident becomes a reader on its open socket', async () => {
		const { org, automerge } = server.services.stores;
		const client = await boardClient(server, 'rc-member');
		clients.push(client);
		const handle = await client.find<Board>(server.boardId);
		const taskId = Object.keys(handle.doc().tasks)[0] as string;
		await org.removeMembership('u-rc', 'c-a', 'residents_committee');
		await org.addMembership({ userId: 'u-rc', unitId: 'c-a', role: 'resident' });
		server.services.access.changed('u-rc');
		await server.services.automerge.recheckUser('u-rc');
		const before = await automerge.chunkCount(server.boardId);
		handle.change((d) => A.splice(d, ['tasks', taskId, 'notes'], 0, 0, 'after-downgrade '));
		await waitFor(
			() => server.logs.find((l) => l.includes('u-rc') && l.includes('(4403)')),
			'the downgraded writer to be refused'
		);
		expect(await automerge.chunkCount(server.boardId)).toBe(before);
	});
});

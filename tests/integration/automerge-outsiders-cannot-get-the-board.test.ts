import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { WebSocket } from 'ws';
import { SESSION_COOKIE } from '../../server/auth/sessions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	boardClient,
	firstSyncMessage,
	joinedSocket,
	nextMessage,
	sendMessage,
	type BoardClient
} from '../helpers/automergeClient';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
const clients: BoardClient[] = [];
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	for (const c of clients) await c.close();
	await server.close();
});

const unknownId = () => parseAutomergeUrl(generateAutomergeUrl()).documentId;

describe('who may not read the board cannot get it', () => {
	it('an outsider gets doc-unavailable, the same answer as for an id that does not exist', async () => {
		const ws = await joinedSocket(server, 'outsider', 'outsider-peer');
		const ask = async (documentId: string) => {
			const reply = nextMessage(ws);
			sendMessage(ws, {
				type: 'request',
				senderId: 'outsider-peer',
				targetId: 'server',
				documentId,
				data: firstSyncMessage()
			});
			return reply;
		};
		const forBoard = await ask(server.boardId);
		const other = unknownId();
		const forUnknown = await ask(other);
		expect(forBoard.type).toBe('doc-unavailable');
		// Identical but for the id asked about: nothing tells the two apart.
		expect({ ...forUnknown, documentId: server.boardId }).toEqual(forBoard);
		expect(ws.readyState).toBe(WebSocket.OPEN);
		ws.close();
	});

	it('the stock client of an outsider finds the board unavailable', async () => {
		const client = await boardClient(server, 'outsider');
		clients.push(client);
		await expect(client.find(server.boardId)).rejects.toThrow(/unavailable/i);
	});

	it('a socket without a session is refused at the upgrade', async () => {
		for (const headers of [
			{ Origin: server.url },
			{ Origin: server.url, Cookie: `${SESSION_COOKIE}=forged-token` }
		]) {
			const ws = new WebSocket(server.wsUrl + '/sync/automerge', { headers });
			ws.on('error', () => {});
			const status = await new Promise<number>((resolve) => {
				ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
				ws.once('open', () => resolve(101));
			});
			expect(status).toBe(401);
		}
	});
});

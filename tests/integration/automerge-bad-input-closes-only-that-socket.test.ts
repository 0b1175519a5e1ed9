import * as A from '@automerge/automerge';
import { cbor, generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import type { Board } from '../../src/lib/domain/board';
import {
	boardClient,
	closeCode,
	firstSyncMessage,
	joinedSocket,
	rawSocket,
	sendMessage,
	waitUntilServerHas,
	type BoardClient
} from '../helpers/automergeClient';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

const MAX_PAYLOAD = 64 * 1024;
let server: TestServer;
let bystander: BoardClient;
let edits = 0;
beforeAll(async () => {
	server = await startTestServer({ config: { maxPayloadBytes: MAX_PAYLOAD } });
	bystander = await boardClient(server, 'secretary');
});
afterAll(async () => {
	await bystander.close();
	await server.close();
});

/** The well-behaved client still edits and the server still takes its changes. */
async function bystanderStillSyncs() {
	const handle = await bystander.find<Board>(server.boardId);
	const taskId = Object.keys(handle.doc().tasks)[0] as string;
	handle.change((d) => {
		A.splice(d, ['tasks', taskId, 'notes'], 0, 0, `ok${edits++} `);
	});
	await waitUntilServerHas(bystander, handle);
}

const request = (documentId: string, data: Uint8Array = firstSyncMessage()) => ({
	type: 'request',
	senderId: 'raw',
	targetId: 'server',
	documentId,
	data
});
const unknownId = () => parseAutomergeUrl(generateAutomergeUrl()).documentId;

async function expectClosed(ws: WebSocket, send: (ws: WebSocket) => void, code: number) {
	const closed = closeCode(ws);
	send(ws);
	expect(await closed).toBe(code);
	await bystanderStillSyncs();
}

describe('bad input closes only the socket that sent it', () => {
	it('a CBOR value that is not a message map', async () => {
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => ws.send(cbor.encode([1, 2, 3])),
			CLOSE.badMessage
		);
	});

	it('random bytes', async () => {
		for (let i = 0; i < 5; i++) {
			await expectClosed(
				await rawSocket(server, 'secretary'),
				(ws) => ws.send(randomBytes(300)),
				CLOSE.badMessage
			);
		}
	});

	it('a text frame', async () => {
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => ws.send('{"type":"join"}'),
			CLOSE.badMessage
		);
	});

	it('a sync message before join', async () => {
		await expectClosed(
			await rawSocket(server, 'secretary'),
			(ws) => sendMessage(ws, request(server.boardId)),
			CLOSE.badMessage
		);
	});

	it('an oversized frame', async () => {
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => ws.send(new Uint8Array(MAX_PAYLOAD + 1)),
			CLOSE.tooBig
		);
	});

	it('an invalid document id', async () => {
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => sendMessage(ws, request('../../etc/passwd')),
			CLOSE.badMessage
		);
		expect(server.logs.some((l) => l.includes('invalid document id'))).toBe(true);
	});

	it('a sync message that is not an Automerge sync message', async () => {
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => sendMessage(ws, request(server.boardId, randomBytes(64))),
			CLOSE.badMessage
		);
	});

	it('a sync message whose change is junk', async () => {
		const junk = A.encodeSyncMessage({ heads: [], need: [], have: [], changes: [randomBytes(80)] });
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => sendMessage(ws, request(server.boardId, junk)),
			CLOSE.badMessage
		);
		expect(await server.services.stores.automerge.chunkCount(server.boardId)).toBeLessThan(200);
	});

	it('too many documents on one socket', async () => {
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => {
				for (let i = 0; i < 110; i++) sendMessage(ws, request(unknownId()));
			},
			CLOSE.tooMany
		);
	});

	it('a flood of messages', async () => {
		await expectClosed(
			await joinedSocket(server, 'secretary'),
			(ws) => {
				const ephemeral = cbor.encode({
					type: 'ephemeral',
					documentId: server.boardId,
					data: new Uint8Array([1])
				});
				for (let i = 0; i < 3000; i++) ws.send(ephemeral);
			},
			CLOSE.tooMany
		);
		// Every offending socket is gone; the bystander's remains.
		await waitFor(() => server.services.automerge.stats().connections === 1, 'one connection left');
	});
});

import { connect } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE } from '../../server/sync/SyncEndpoint';
import {
	MESSAGE_ACK,
	MESSAGE_AWARENESS,
	MESSAGE_SYNC,
	SYNC_UPDATE,
	YJS_SYNC_PATH
} from '../../src/lib/domain/yjsProtocol';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import {
	openAgenda,
	openRawSocket,
	paragraph,
	paragraphText,
	type AgendaClient
} from '../helpers/yjsClient';

let server: TestServer;
let bystander: AgendaClient;
let bystanderCloses = 0;
beforeAll(async () => {
	server = await startTestServer();
	bystander = await openAgenda(server, 'rc-member');
	bystander.provider.on('connection-close', () => bystanderCloses++);
});
afterAll(async () => {
	bystander?.destroy();
	await server?.close();
});

/** After each attack the other client is still connected and still syncs an edit. */
async function expectBystanderServed(marker: string) {
	expect(bystanderCloses).toBe(0);
	paragraph(bystander.doc).insert(0, marker);
	const fresh = await openAgenda(server, 'secretary');
	await waitFor(
		() => paragraphText(fresh.doc).includes(marker),
		`${marker} to reach a fresh client`
	);
	fresh.destroy();
}

const cases: { rule: string; code: number; frames: () => (Uint8Array | string)[] }[] = [
	{
		rule: 'a truncated varint',
		code: CLOSE.badMessage,
		frames: () => [new Uint8Array([0x80])]
	},
	{
		rule: 'an undecodable update',
		code: CLOSE.badMessage,
		frames: () => [new Uint8Array([MESSAGE_SYNC, SYNC_UPDATE, 5, 0xff, 0xff, 0xff, 0xff, 0x7f])]
	},
	{
		rule: 'an unknown message type',
		code: CLOSE.badMessage,
		frames: () => [new Uint8Array([42, 1, 2, 3])]
	},
	{
		rule: 'garbage bytes',
		code: CLOSE.badMessage,
		frames: () => [Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)]
	},
	{ rule: 'a text frame', code: CLOSE.badMessage, frames: () => ['hello'] },
	{
		rule: 'an oversized frame',
		code: CLOSE.tooBig,
		frames: () => [new Uint8Array(2 * 1024 * 1024)]
	},
	{
		rule: 'a flood of messages',
		code: CLOSE.tooMany,
		frames: () => Array.from({ length: 3000 }, (_, i) => new Uint8Array([MESSAGE_ACK, i % 100]))
	}
];

for (const { rule, code, frames } of cases) {
	test(`${rule} closes that socket (${code}) and the server keeps serving others`, async () => {
		const raw = await openRawSocket(server, 'secretary');
		for (const frame of frames()) raw.ws.send(frame);
		expect(await raw.closed).toBe(code);
		await expectBystanderServed(`[after ${rule}]`);
	});
}

test('garbage bytes on the raw TCP stream after the upgrade close that socket only', async () => {
	const headers = await server.headersFor('secretary');
	const socket = connect(server.port, '127.0.0.1');
	socket.on('error', () => {});
	const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
	let answer = '';
	socket.on('data', (chunk: Buffer) => {
		answer += chunk.toString('latin1');
	});
	socket.write(
		`GET ${YJS_SYNC_PATH}/${server.agendaId} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n` +
			'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
			'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
			`Cookie: ${headers.Cookie}\r\nOrigin: ${headers.Origin}\r\n\r\n`
	);
	await waitFor(() => answer.includes('101 Switching Protocols'), 'the upgrade');
	// Not websocket frames at all: unmasked, reserved opcodes, random lengths.
	socket.write(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 256)));
	await closed;
	await expectBystanderServed('[after raw garbage]');
});

test('a presence flood is dropped, not relayed at its rate, and closes nobody', async () => {
	// The stock y-websocket client re-sends every awareness change it receives, so a flood
	// relayed at full rate would make honest clients flood in turn and be closed for it.
	const raw = await openRawSocket(server, 'secretary');
	let closedWith = 0;
	void raw.closed.then((code) => (closedWith = code));
	const awareness = new Awareness(new Y.Doc());
	for (let i = 0; i < 3000; i++) {
		awareness.setLocalState({ cursor: i });
		const update = encodeAwarenessUpdate(awareness, [awareness.clientID]);
		raw.ws.send(new Uint8Array([MESSAGE_AWARENESS, ...encodeVarUint(update.length), ...update]));
	}
	await new Promise((r) => setTimeout(r, 1000));
	expect(closedWith).toBe(0);
	expect(raw.ws.readyState).toBe(raw.ws.OPEN);
	await expectBystanderServed('[after a presence flood]');
	raw.ws.close();
});

function encodeVarUint(n: number): number[] {
	const out: number[] = [];
	while (n > 0x7f) {
		out.push((n & 0x7f) | 0x80);
		n >>>= 7;
	}
	out.push(n);
	return out;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { binaryFrame } from '../../server/sync/wsFrame';

// A real `ws` server hands over the upgraded socket; the test writes prepared frames straight to
// it, between frames `ws` sends itself, and a stock `ws` client must read every one intact.
let http: Server;
let url: string;
const sockets: { ws: WebSocket; write: (bytes: Buffer) => void }[] = [];

beforeAll(async () => {
	const wss = new WebSocketServer({ noServer: true });
	http = createServer();
	http.on('upgrade', (req, socket, head) => {
		wss.handleUpgrade(req, socket, head, (ws) => {
			sockets.push({ ws, write: (bytes) => socket.write(bytes) });
		});
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
	for (const { ws } of sockets) ws.terminate();
	await new Promise((resolve) => http.close(resolve));
});

/** Bytes whose every position says where it is, so a shifted or cut payload cannot pass. */
function payload(length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (length % 251)) & 0xff;
	return bytes;
}

test('every payload length class (7-bit, 16-bit and 64-bit lengths) arrives intact and in order', async () => {
	const client = new WebSocket(url);
	const received: Buffer[] = [];
	client.on('message', (data: Buffer, isBinary) => {
		expect(isBinary).toBe(true);
		received.push(data);
	});
	await new Promise((resolve) => client.once('open', resolve));
	await expect.poll(() => sockets.length).toBe(1);
	const server = sockets[0] as (typeof sockets)[number];

	const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
	const sent: Uint8Array[] = [];
	for (const length of lengths) {
		const bytes = payload(length);
		sent.push(bytes);
		server.write(binaryFrame(bytes));
		// Interleaved with a frame `ws` builds itself: both go down the same socket in order.
		const own = payload(length % 300);
		sent.push(own);
		server.ws.send(own);
	}
	await expect.poll(() => received.length).toBe(sent.length);
	received.forEach((data, i) => expect(new Uint8Array(data)).toEqual(sent[i]));
	client.close();
});

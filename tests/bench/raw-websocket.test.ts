import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { FrameReader, openRawWebSocket } from '../../bench/fanout/rawWebSocket';

let server: WebSocketServer | null = null;
afterEach(() => {
	server?.close();
	server = null;
});

async function listen() {
	server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await once(server, 'listening');
	return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/room?x=1`;
}

const bytes = (n: number, seed: number) =>
	Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) % 256));

describe("the bench's raw WebSocket client", () => {
	it('upgrades with its headers, reads every frame size, answers pings, sends masked frames', async () => {
		const url = await listen();
		const joined = once(server as WebSocketServer, 'connection');
		const got: Buffer[] = [];
		const ws = await openRawWebSocket(
			url,
			{ Cookie: 'session=abc' },
			(data) => got.push(Buffer.from(data)),
			() => undefined
		);
		const [peer, request] = (await joined) as [
			WebSocket,
			{ headers: Record<string, string>; url: string }
		];
		expect(request.headers.cookie).toBe('session=abc');
		expect(request.url).toBe('/room?x=1');

		// 7-bit, 16-bit and 64-bit lengths, and a message sent in two fragments.
		const sizes = [5, 300, 70_000];
		for (const [i, n] of sizes.entries()) peer.send(bytes(n, i));
		peer.send(bytes(10, 7), { fin: false });
		peer.send(bytes(20, 8), { fin: true });
		const pong = once(peer, 'pong');
		peer.ping(Buffer.from('hi'));
		expect(((await pong) as [Buffer])[0].toString()).toBe('hi');
		await expect.poll(() => got.length).toBe(4);
		for (const [i, n] of sizes.entries()) expect(got[i]?.equals(bytes(n, i))).toBe(true);
		expect(got[3]?.equals(Buffer.concat([bytes(10, 7), bytes(20, 8)]))).toBe(true);

		const heard = once(peer, 'message');
		ws.send(bytes(200, 3));
		expect(((await heard) as [Buffer])[0].equals(bytes(200, 3))).toBe(true);
		ws.terminate();
	});

	it('refuses an upgrade the server refuses, with its status', async () => {
		server = new WebSocketServer({
			port: 0,
			host: '127.0.0.1',
			verifyClient: (_info, done) => done(false, 403)
		});
		await once(server, 'listening');
		const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
		await expect(
			openRawWebSocket(
				url,
				{},
				() => undefined,
				() => undefined
			)
		).rejects.toThrow('HTTP 403');
	});

	it('finds the same messages however TCP cuts the stream', () => {
		// Two unmasked binary frames (one with a 16-bit length) and a ping between them.
		const long = bytes(200, 1);
		const stream = Buffer.concat([
			Buffer.from([0x82, 3, 1, 2, 3]),
			Buffer.from([0x89, 0]),
			Buffer.from([0x82, 126, 0, 200]),
			long
		]);
		for (let cut = 1; cut < stream.length; cut++) {
			const got: Buffer[] = [];
			const control: number[] = [];
			const reader = new FrameReader(
				(data) => got.push(Buffer.from(data)),
				(opcode) => control.push(opcode)
			);
			reader.push(stream.subarray(0, cut));
			reader.push(stream.subarray(cut));
			expect(got.map((b) => b.length)).toEqual([3, 200]);
			expect(got[1]?.equals(long)).toBe(true);
			expect(control).toEqual([0x9]);
		}
	});
});

import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { FuzzTarget } from './FuzzTarget';
import { Rng } from './Rng';
import { badWebsocketBits, binaryFrame, closeCodesIn } from './wsFrames';

export interface FuzzOptions {
	host: string;
	port: number;
	target: FuzzTarget;
	/** The Cookie header of a logged-in user; sessions "before login" send none or a forged one. */
	cookie: string;
	seed: number;
	/** Stop once this many frames (websocket frames or raw chunks) have been written. */
	frames: number;
	/** Sessions (TCP connections) open at once. */
	concurrency: number;
	/** Share of sessions that knock without a valid session cookie. */
	preLoginShare?: number;
	/** How long a session waits for the server to close it before hanging up itself. */
	lingerMs?: number;
}

export interface FuzzFigures {
	target: string;
	sessions: number;
	framesSent: number;
	bytesSent: number;
	/** HTTP status of each upgrade (101 = accepted). */
	upgrades: Record<string, number>;
	/** Close codes the server sent, from the frames it wrote back. */
	closeCodes: Record<string, number>;
	/** Frames by kind (`ws:…` framing attacks, `yjs:…`/`am:…` messages). */
	kinds: Record<string, number>;
	/** Accepted sessions the server kept open (valid traffic) until the fuzzer hung up. */
	leftOpen: number;
}

type Auth = 'none' | 'forged' | 'valid';

function count(map: Record<string, number>, key: string | number, n = 1) {
	map[String(key)] = (map[String(key)] ?? 0) + n;
}

/**
 * Fuzzes one websocket endpoint over raw TCP: each session does a real HTTP upgrade (with the
 * user's cookie, none, or a forged one), then writes frames — valid, mutated and hostile
 * messages framed correctly, and frames that break the websocket rules themselves — and waits
 * for the server to close it. Seeded: session `i` always sends the same bytes.
 */
export async function runFuzzer(opts: FuzzOptions): Promise<FuzzFigures> {
	const root = new Rng(opts.seed);
	const figures: FuzzFigures = {
		target: opts.target.name,
		sessions: 0,
		framesSent: 0,
		bytesSent: 0,
		upgrades: {},
		closeCodes: {},
		kinds: {},
		leftOpen: 0
	};
	let next = 0;
	const worker = async () => {
		while (figures.framesSent < opts.frames) {
			const index = next++;
			await session(opts, root.fork(index), figures);
			figures.sessions++;
		}
	};
	await Promise.all(Array.from({ length: opts.concurrency }, worker));
	return figures;
}

async function session(opts: FuzzOptions, rng: Rng, figures: FuzzFigures) {
	const preLogin = opts.preLoginShare ?? 0.1;
	const auth: Auth = rng.chance(preLogin) ? rng.pick(['none', 'forged'] as const) : 'valid';
	const socket = connect(opts.port, opts.host);
	socket.setNoDelay(true);
	let received = Buffer.alloc(0);
	let closed = false;
	const ended = new Promise<void>((resolve) => {
		socket.on('close', () => {
			closed = true;
			resolve();
		});
	});
	socket.on('error', () => {});
	socket.on('data', (chunk: Buffer) => {
		// Keep only what is needed: the status line and the server's frames (small).
		if (received.length < 64 * 1024) received = Buffer.concat([received, chunk]);
	});
	await new Promise<void>((resolve) => {
		socket.once('connect', () => resolve());
		socket.once('close', () => resolve());
	});
	if (closed) return;
	const write = (bytes: Uint8Array, kind: string) => {
		if (closed || socket.destroyed) return;
		socket.write(bytes);
		figures.framesSent++;
		figures.bytesSent += bytes.length;
		count(figures.kinds, kind);
	};
	socket.write(upgradeRequest(opts, auth));
	const headersEnd = await waitForHeaders(socket, () => received, 5000);
	const status =
		/^HTTP\/1\.1 (\d+)/.exec(received.subarray(0, 64).toString('latin1'))?.[1] ?? 'none';
	count(figures.upgrades, status);
	if (status === '101') {
		for (const m of opts.target.opening(rng))
			write(binaryFrame(m, rng), `${opts.target.name}:opening`);
		const n = 1 + rng.int(30);
		for (let i = 0; i < n && !closed; i++) {
			const payload = opts.target.payload(rng);
			if (rng.chance(0.15)) {
				const bad = badWebsocketBits(rng, payload.bytes);
				write(bad.bytes, bad.kind);
				break; // After broken framing the stream is out of step: nothing else is meaningful.
			}
			write(binaryFrame(payload.bytes, rng), payload.kind);
			if (rng.chance(0.2)) await new Promise((r) => setImmediate(r));
		}
	} else if (rng.chance(0.5)) {
		// Refused before login: frames anyway, as a client that ignores the answer would.
		write(binaryFrame(opts.target.payload(rng).bytes, rng), 'refused:frame-anyway');
	}
	const linger = opts.lingerMs ?? 100;
	const timer = setTimeout(() => socket.destroy(), linger);
	await ended;
	clearTimeout(timer);
	if (status === '101') {
		const codes = closeCodesIn(new Uint8Array(received.subarray(headersEnd)));
		if (codes.length === 0) figures.leftOpen++;
		for (const code of codes) count(figures.closeCodes, code);
	}
}

function upgradeRequest(opts: FuzzOptions, auth: Auth): string {
	const origin = `http://${opts.host}:${opts.port}`;
	const cookie =
		auth === 'valid'
			? opts.cookie
			: auth === 'forged'
				? `gz_session=${randomBytes(20).toString('base64url')}`
				: null;
	return (
		`GET ${opts.target.path} HTTP/1.1\r\nHost: ${opts.host}:${opts.port}\r\n` +
		'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n' +
		`Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nOrigin: ${origin}\r\n` +
		(cookie ? `Cookie: ${cookie}\r\n` : '') +
		'\r\n'
	);
}

/** Resolves with the offset after the response headers (0 if none came). */
function waitForHeaders(
	socket: Socket,
	received: () => Buffer,
	timeoutMs: number
): Promise<number> {
	return new Promise((resolve) => {
		const check = () => {
			const end = received().indexOf('\r\n\r\n');
			if (end >= 0) return done(end + 4);
		};
		const done = (at: number) => {
			clearTimeout(timer);
			socket.off('data', check);
			socket.off('close', onClose);
			resolve(at);
		};
		const onClose = () => done(0);
		const timer = setTimeout(() => done(0), timeoutMs);
		socket.on('data', check);
		socket.once('close', onClose);
		check();
	});
}

import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * The least WebSocket client a thin receiver needs (RFC 6455 over a plain TCP socket): the
 * upgrade, binary messages in, masked binary frames out, pong for ping. A thousand receivers
 * share one core with the editors, and with the `ws` client every frame went through a Writable
 * stream and an event. Here a frame is found in the bytes as read and handed over as a view of
 * them, without a copy. Measured at N = 1,000 @ 200/s, the receivers' share of their core fell by
 * 5–8 points (to 55–66 % with Gongzhi, 67–76 % with Hocuspocus): most of what is left is the
 * socket reads themselves.
 */
export interface RawWebSocket {
	send(payload: Uint8Array): void;
	/** Closes the TCP socket at once, without the closing handshake. */
	terminate(): void;
}

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP_CONTINUATION = 0x0;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/**
 * Opens `url` (ws://) with `headers`; resolves once the server accepted the upgrade. Messages
 * that came with the upgrade's answer reach `onMessage` before the promise settles, so it is
 * given the socket to answer on.
 */
export function openRawWebSocket(
	url: string,
	headers: Record<string, string>,
	onMessage: (data: Buffer, ws: RawWebSocket) => void,
	onClose: () => void
): Promise<RawWebSocket> {
	const { hostname, port, pathname, search } = new URL(url);
	const key = randomBytes(16).toString('base64');
	const accept = createHash('sha1')
		.update(key + GUID)
		.digest('base64');
	const socket = connect({ host: hostname, port: Number(port), noDelay: true });
	const raw: RawWebSocket = {
		send: (payload) => sendFrame(socket, OP_BINARY, payload),
		terminate: () => socket.destroy()
	};
	return new Promise((resolve, reject) => {
		let head: Buffer | null = Buffer.alloc(0);
		const frames = new FrameReader(
			(data) => onMessage(data, raw),
			(opcode, payload) => {
				if (opcode === OP_PING) sendFrame(socket, OP_PONG, payload);
				else if (opcode === OP_CLOSE) socket.destroy();
			}
		);
		socket.on('error', (error) => {
			if (head) reject(error);
		});
		socket.on('close', () => {
			if (head) reject(new Error('socket closed during the upgrade'));
			else onClose();
		});
		socket.on('connect', () => {
			const lines = [
				`GET ${pathname}${search} HTTP/1.1`,
				`Host: ${hostname}:${port}`,
				'Upgrade: websocket',
				'Connection: Upgrade',
				`Sec-WebSocket-Key: ${key}`,
				'Sec-WebSocket-Version: 13',
				...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
			];
			socket.write(`${lines.join('\r\n')}\r\n\r\n`);
		});
		socket.on('data', (chunk: Buffer) => {
			if (!head) return frames.push(chunk);
			head = Buffer.concat([head, chunk]);
			const end = head.indexOf('\r\n\r\n');
			if (end < 0) return;
			const response = head.subarray(0, end).toString('latin1').split('\r\n');
			const rest = head.subarray(end + 4);
			head = null;
			const status = /^HTTP\/1\.1 (\d{3})/.exec(response[0] ?? '')?.[1];
			const accepted = response.some(
				(l) => /^sec-websocket-accept:\s*(.+)$/i.exec(l)?.[1] === accept
			);
			if (status !== '101' || !accepted) {
				socket.destroy();
				return reject(new Error(`upgrade refused: HTTP ${status ?? '?'}`));
			}
			resolve(raw);
			if (rest.length > 0) frames.push(rest);
		});
	});
}

/** A client's frame: FIN, `opcode`, masked (RFC 6455 §5.3: every client frame is). */
function sendFrame(socket: Socket, opcode: number, payload: Uint8Array) {
	if (socket.destroyed) return;
	const n = payload.length;
	const lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
	const frame = Buffer.allocUnsafe(2 + lengthBytes + 4 + n);
	frame[0] = 0x80 | opcode;
	frame[1] = 0x80 | (lengthBytes === 0 ? n : lengthBytes === 2 ? 126 : 127);
	if (lengthBytes === 2) frame.writeUInt16BE(n, 2);
	else if (lengthBytes === 8) frame.writeBigUInt64BE(BigInt(n), 2);
	const maskAt = 2 + lengthBytes;
	randomBytes(4).copy(frame, maskAt);
	for (let i = 0; i < n; i++)
		frame[maskAt + 4 + i] = (payload[i] as number) ^ (frame[maskAt + (i & 3)] as number);
	socket.write(frame);
}

/**
 * Finds frames in a server's byte stream, which TCP cuts anywhere: the bytes of a frame not yet
 * complete are kept until the rest arrives. Binary messages (reassembled if fragmented) go to
 * `onMessage`, control frames to `onControl`; text messages are ignored.
 */
export class FrameReader {
	#pending: Buffer | null = null;
	#fragments: Buffer[] = [];

	constructor(
		private readonly onMessage: (data: Buffer) => void,
		private readonly onControl: (opcode: number, payload: Buffer) => void
	) {}

	push(chunk: Buffer) {
		const bytes = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
		this.#pending = null;
		let at = 0;
		while (at < bytes.length) {
			const frameEnd = this.#frame(bytes, at);
			if (frameEnd < 0) {
				this.#pending = bytes.subarray(at);
				return;
			}
			at = frameEnd;
		}
	}

	/** Handles the frame at `at`; returns where the next begins, or −1 if it is not all here. */
	#frame(bytes: Buffer, at: number): number {
		if (bytes.length - at < 2) return -1;
		const b0 = bytes[at] as number;
		const b1 = bytes[at + 1] as number;
		let length = b1 & 0x7f;
		let pos = at + 2;
		if (length === 126) {
			if (bytes.length - pos < 2) return -1;
			length = bytes.readUInt16BE(pos);
			pos += 2;
		} else if (length === 127) {
			if (bytes.length - pos < 8) return -1;
			length = bytes.readUInt32BE(pos) * 2 ** 32 + bytes.readUInt32BE(pos + 4);
			pos += 8;
		}
		const masked = (b1 & 0x80) !== 0;
		const mask = pos;
		if (masked) pos += 4;
		if (bytes.length - pos < length) return -1;
		const payload = bytes.subarray(pos, pos + length);
		// A server's frames are never masked; unmask anyway rather than misread one that is.
		if (masked)
			for (let i = 0; i < length; i++)
				payload[i] = (payload[i] as number) ^ (bytes[mask + (i & 3)] as number);
		const fin = (b0 & 0x80) !== 0;
		const opcode = b0 & 0x0f;
		if (opcode >= 0x8) this.onControl(opcode, payload);
		else if (opcode === OP_BINARY && fin) this.onMessage(payload);
		else if (opcode === OP_BINARY || (opcode === OP_CONTINUATION && this.#fragments.length > 0)) {
			this.#fragments.push(Buffer.from(payload));
			if (fin) {
				const whole = Buffer.concat(this.#fragments);
				this.#fragments = [];
				this.onMessage(whole);
			}
		}
		return pos + length;
	}
}

/**
 * A binary WebSocket message framed once (RFC 6455 §5.2: FIN, opcode 2, no mask — a server's
 * frames are never masked), so a fan-out writes the same bytes to every socket instead of asking
 * `ws` to build a header, cork, write twice and uncork per socket.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
	const length = payload.byteLength;
	const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(headerLength + length);
	frame[0] = 0x82;
	if (length < 126) {
		frame[1] = length;
	} else if (length < 65536) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
		frame.writeUInt32BE(length >>> 0, 6);
	}
	frame.set(payload, headerLength);
	return frame;
}

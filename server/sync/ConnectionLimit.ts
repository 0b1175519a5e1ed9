import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

/** How long a socket asked "are you there?" at the cap has to answer before it is dropped. */
export const STALE_PROBE_MS = 3_000;

/**
 * Open sync sockets per user, shared by both endpoints: one account cannot hold more than
 * `maxPerUser` sockets however it splits them between Yjs and Automerge. A socket counts from
 * the moment its upgrade is admitted until its TCP connection closes, so sockets still being
 * authorised or refused by an endpoint count too (and are released when they end).
 *
 * A phone that loses signal leaves its old sockets open on the server (nothing tells the server
 * the network is gone) until the heartbeat reaps them, 30 to 60 s later; one that reconnects a
 * few times meanwhile would be refused for that long. So an upgrade refused at the cap pings
 * the user's sockets, and one that does not answer within STALE_PROBE_MS is closed: the client's
 * next retry is admitted. Live sockets answer, so a user really holding the cap stays refused.
 */
export class ConnectionLimit {
	readonly #open = new Map<string, Map<Duplex, WebSocket | null>>();
	readonly #probing = new WeakSet<WebSocket>();

	constructor(
		readonly maxPerUser: number,
		private readonly log: (line: string) => void = () => {}
	) {}

	/** Counts `socket` against `userId` until it closes; false (nothing counted) at the limit. */
	admit(userId: string, socket: Duplex): boolean {
		// A socket that is already gone would never emit 'close' again: never count it.
		if (socket.destroyed) return false;
		const open = this.#open.get(userId) ?? new Map<Duplex, WebSocket | null>();
		if (open.size >= this.maxPerUser) {
			this.#probeStale(userId, open);
			return false;
		}
		open.set(socket, null);
		this.#open.set(userId, open);
		socket.once('close', () => {
			open.delete(socket);
			if (open.size === 0 && this.#open.get(userId) === open) this.#open.delete(userId);
		});
		return true;
	}

	/** The websocket an admitted socket became, so that it can be probed at the cap. */
	track(socket: Duplex, ws: WebSocket) {
		for (const open of this.#open.values()) if (open.has(socket)) open.set(socket, ws);
	}

	openFor(userId: string): number {
		return this.#open.get(userId)?.size ?? 0;
	}

	#probeStale(userId: string, open: Map<Duplex, WebSocket | null>) {
		for (const ws of open.values()) {
			if (!ws || this.#probing.has(ws) || ws.readyState !== ws.OPEN) continue;
			this.#probing.add(ws);
			const answered = () => {
				clearTimeout(timer);
				this.#probing.delete(ws);
			};
			const timer = setTimeout(() => {
				ws.off('pong', answered);
				this.#probing.delete(ws);
				this.log(`ws of ${userId} did not answer a ping at the socket cap: closed`);
				ws.terminate();
			}, STALE_PROBE_MS);
			timer.unref();
			ws.once('pong', answered);
			ws.ping();
		}
	}
}

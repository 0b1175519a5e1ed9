import type { Duplex } from 'node:stream';

/**
 * Open sync sockets per user, shared by both endpoints: one account cannot hold more than
 * `maxPerUser` sockets however it splits them between Yjs and Automerge. A socket counts from
 * the moment its upgrade is admitted until its TCP connection closes, so sockets still being
 * authorised or refused by an endpoint count too (and are released when they end).
 */
export class ConnectionLimit {
	readonly #open = new Map<string, number>();

	constructor(readonly maxPerUser: number) {}

	/** Counts `socket` against `userId` until it closes; false (nothing counted) at the limit. */
	admit(userId: string, socket: Duplex): boolean {
		// A socket that is already gone would never emit 'close' again: never count it.
		if (socket.destroyed) return false;
		const open = this.#open.get(userId) ?? 0;
		if (open >= this.maxPerUser) return false;
		this.#open.set(userId, open + 1);
		socket.once('close', () => {
			const left = (this.#open.get(userId) ?? 1) - 1;
			if (left > 0) this.#open.set(userId, left);
			else this.#open.delete(userId);
		});
		return true;
	}

	openFor(userId: string): number {
		return this.#open.get(userId) ?? 0;
	}
}

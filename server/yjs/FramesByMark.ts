import { binaryFrame } from '../sync/wsFrame';

export interface PreparedFrame {
	frame: Buffer;
	message: Uint8Array;
}

/**
 * The relay's framed messages, one per socket mark ("everything above it"), kept while the log
 * they were built from stays at the same sequence number: the sockets of a round mostly share a
 * mark, so each message is built and framed once for all of them (see `UpdateRelay`).
 */
export class FramesByMark {
	#frames = new Map<number, PreparedFrame>();
	#at = 0;

	/** The frame for `mark` at log sequence `seq`, built by `build` (null: nothing owed) once. */
	get(mark: number, seq: number, build: () => Uint8Array | null): PreparedFrame | null {
		if (this.#at !== seq) {
			this.#frames.clear();
			this.#at = seq;
		}
		let prepared = this.#frames.get(mark);
		if (!prepared) {
			const message = build();
			if (!message) return null;
			prepared = { frame: binaryFrame(message), message };
			this.#frames.set(mark, prepared);
		}
		return prepared;
	}
}

import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { encodeAck, MESSAGE_ACK, MESSAGE_SYNC, SYNC_STEP1 } from '$lib/domain/yjsProtocol';
import type { DirtyFlag } from './DirtyFlag';

/**
 * Decides when local Yjs changes are safely on the server. After local changes (debounced) and
 * after each (re)sync it sends `[MESSAGE_ACK, seq]`; the server answers it once everything sent
 * before it is stored. Only the answer to the latest seq clears the dirty flag, so a change made
 * while an ack was in flight keeps the mark up.
 *
 * The probe after a (re)sync must follow our sync step 2 (which carries offline edits): the
 * provider writes that answer synchronously after the server's step 1, so the probe waits until
 * both the server's step 1 and its step 2 have arrived on this connection.
 */
export class YjsAckTracker {
	#seq = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#gotServerStep1 = false;
	#onChange: () => void;
	#offs: (() => void)[] = [];

	constructor(
		private readonly provider: WebsocketProvider,
		doc: Y.Doc,
		private readonly dirty: DirtyFlag,
		/** Which transaction origins are this user's own edits (not the network, not IndexedDB). */
		isLocal: (origin: unknown) => boolean,
		onChange: () => void,
		private readonly debounceMs = 250
	) {
		this.#onChange = onChange;
		provider.messageHandlers[MESSAGE_ACK] = (_encoder, decoder) => {
			const seq = decoding.readVarUint(decoder);
			if (seq === this.#seq && this.dirty.value) {
				this.dirty.set(false);
				this.#onChange();
			}
		};
		const syncHandler = provider.messageHandlers[MESSAGE_SYNC];
		if (syncHandler) {
			provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
				const step = decoding.peekVarUint(decoder);
				syncHandler(encoder, decoder, p, emitSynced, type);
				if (step === SYNC_STEP1) this.#gotServerStep1 = true;
				// Our reply (step 2) is sent right after this handler returns; probe after it.
				if (this.#gotServerStep1 && p.synced && this.dirty.value) this.#schedule(0);
			};
		}
		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			if (!isLocal(origin)) return;
			if (!this.dirty.value) {
				this.dirty.set(true);
				this.#onChange();
			}
			this.#schedule(this.debounceMs);
		};
		doc.on('update', onUpdate);
		this.#offs.push(() => doc.off('update', onUpdate));
		const onStatus = () => {
			this.#gotServerStep1 = false;
		};
		provider.on('status', onStatus);
		this.#offs.push(() => provider.off('status', onStatus));
	}

	/** Sends a probe now if anything is pending (used by logout's last sync attempt). */
	flush() {
		if (this.dirty.value) this.#schedule(0);
	}

	destroy() {
		clearTimeout(this.#timer);
		for (const off of this.#offs) off();
		this.#offs = [];
	}

	#schedule(ms: number) {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#send(), ms);
	}

	#send() {
		const ws = this.provider.ws;
		if (!this.provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
		this.#seq += 1;
		ws.send(encodeAck(this.#seq) as Uint8Array<ArrayBuffer>);
	}
}

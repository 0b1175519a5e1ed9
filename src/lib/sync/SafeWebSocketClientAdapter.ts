import type { Message } from '@automerge/automerge-repo';
import { WebSocketClientAdapter } from '@automerge/automerge-repo-network-websocket';
import { SYNC_CLOSE } from '../domain/syncClose';

const OPEN = 1;

/**
 * The stock websocket adapter, except that a message sent while its socket is closing or closed
 * is dropped instead of thrown. The stock adapter throws "Websocket not ready", and automerge-repo
 * sends its reply to a sync message from inside the document handle's update: the throw unwinds
 * that update after Automerge has already advanced the document, so the handle keeps a stale
 * copy for good ("Attempting to change an outdated document") and every later edit on that page
 * throws until a reload. A phone losing signal mid-sync is exactly when this happens. Dropping
 * is safe: the sync protocol starts over from both sides' heads when the socket reconnects.
 * (Upstream: automerge-repo should not send from inside `handle.update`, or the adapter should
 * not throw.)
 */
export class SafeWebSocketClientAdapter extends WebSocketClientAdapter {
	/** Messages dropped because the socket was not open (for tests and diagnostics). */
	dropped = 0;
	/**
	 * The server closed the socket as forbidden (4403): this user may no longer change the
	 * document (its project was closed, or their access changed) and it holds changes of theirs.
	 * The stock adapter would reconnect every `retryInterval` and push the same changes into the
	 * same refusal for as long as the page stays open; this one stops and says so.
	 */
	refused = false;

	constructor(url: string, retryInterval: number, onRefused?: () => void) {
		super(url, retryInterval);
		const stockOnClose = this.onClose;
		this.onClose = (event?: { code?: number }) => {
			if (event?.code === SYNC_CLOSE.forbidden) {
				this.refused = true;
				onRefused?.();
			}
			stockOnClose();
		};
	}

	/** The stock reconnect timer lands here too: once refused, it connects no more. */
	override connect(...args: Parameters<WebSocketClientAdapter['connect']>) {
		if (this.refused) return;
		super.connect(...args);
	}

	override send(message: Message) {
		if (this.socket && this.socket.readyState !== OPEN) {
			this.dropped++;
			return;
		}
		super.send(message);
	}
}

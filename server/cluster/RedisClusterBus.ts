import { Redis } from 'ioredis';
import type { ClusterBus, Unsubscribe } from './ClusterBus';

type Listener = (message: Uint8Array, from: string) => void;

interface Topic {
	listeners: Set<Listener>;
	/** Resolves once Redis confirmed the subscription. */
	ready: Promise<void>;
	confirmed(): void;
}

/** Channels carry this prefix, so Gongzhi shares a Redis with other software without clashes. */
const CHANNEL_PREFIX = 'gongzhi:';

/**
 * The cluster bus over Redis pub/sub: one connection publishes, one subscribes (a subscribed
 * Redis connection can do nothing else). Every message is framed as
 * `[id length][instance id][payload]`, so an instance drops its own echo. A Redis channel is
 * subscribed only while this instance has a listener on it, i.e. only for documents it has open.
 *
 * ioredis reconnects by itself and re-subscribes afterwards. Messages published while the link
 * was down are lost, which the bus allows (see ClusterBus): `onResume` listeners (the open rooms)
 * then re-read the database.
 */
export class RedisClusterBus implements ClusterBus {
	readonly #pub: Redis;
	readonly #sub: Redis;
	readonly #topics = new Map<string, Topic>();
	readonly #resumeListeners = new Set<() => void>();
	/** Set after the subscriber's first 'ready': any later one is a reconnect. */
	#connectedBefore = false;
	readonly #idBytes: Buffer;
	#closed = false;
	#lastError = '';

	constructor(
		url: string,
		readonly instanceId: string,
		private readonly log: (line: string) => void
	) {
		this.#idBytes = Buffer.from(instanceId, 'utf8');
		if (this.#idBytes.byteLength === 0 || this.#idBytes.byteLength > 255)
			throw new Error('an instance id is 1 to 255 bytes');
		// Commands issued while disconnected wait in ioredis's offline queue and go out on
		// reconnect; publishing never throws at the caller.
		this.#pub = new Redis(url, { maxRetriesPerRequest: 2 });
		// Subscriptions are sent only while the connection is ready, and all again after every
		// reconnect (autoResubscribe off): ioredis 6 writes a SUBSCRIBE issued during its
		// connect phase straight away, ahead of its ready check, and then loses track of the
		// connection's subscriber mode; messages were silently dropped.
		this.#sub = new Redis(url, { maxRetriesPerRequest: null, autoResubscribe: false });
		// Without these, an unreachable Redis would crash the process with an unhandled 'error'.
		this.#pub.on('error', (e: Error) => this.#logError('publisher error', e));
		this.#sub.on('error', (e: Error) => this.#logError('subscriber error', e));
		this.#sub.on('ready', () => {
			this.#lastError = '';
			for (const [topic, entry] of this.#topics) this.#sendSubscribe(topic, entry);
			if (this.#connectedBefore) {
				this.log('cluster bus: Redis is back; open documents catch up from the database');
				for (const listener of [...this.#resumeListeners]) listener();
			}
			this.#connectedBefore = true;
		});
		this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
			this.#deliver(channel.toString('utf8'), message)
		);
	}

	/** Resolves once both connections are up (tests and start-up use it to fail early). */
	async ready(): Promise<void> {
		await Promise.all([this.#pub.ping(), this.#sub.ping()]);
	}

	publish(topic: string, message: Uint8Array) {
		if (this.#closed) return;
		const frame = Buffer.allocUnsafe(1 + this.#idBytes.byteLength + message.byteLength);
		frame[0] = this.#idBytes.byteLength;
		this.#idBytes.copy(frame, 1);
		frame.set(message, 1 + this.#idBytes.byteLength);
		// While Redis is down every edit would fail here: logged once per kind of error.
		this.#pub
			.publish(CHANNEL_PREFIX + topic, frame)
			.catch((e: unknown) =>
				this.#logError('publish', e instanceof Error ? e : new Error(String(e)))
			);
	}

	subscribe(topic: string, listener: Listener): Unsubscribe {
		let entry = this.#topics.get(topic);
		if (!entry) {
			let confirmed = () => {};
			const ready = new Promise<void>((resolve) => (confirmed = resolve));
			entry = { listeners: new Set(), ready, confirmed };
			this.#topics.set(topic, entry);
			// Otherwise the 'ready' handler subscribes it.
			if (this.#sub.status === 'ready') this.#sendSubscribe(topic, entry);
		}
		entry.listeners.add(listener);
		const subscribed = entry;
		const off = () => {
			if (!subscribed.listeners.delete(listener) || subscribed.listeners.size > 0) return;
			if (this.#topics.get(topic) !== subscribed) return;
			this.#topics.delete(topic);
			if (this.#closed || this.#sub.status !== 'ready') return;
			this.#sub.unsubscribe(CHANNEL_PREFIX + topic).catch((e: unknown) => {
				this.log(`cluster bus: unsubscribe from ${topic} failed: ${String(e)}`);
			});
		};
		return Object.assign(off, { ready: subscribed.ready });
	}

	#sendSubscribe(topic: string, entry: Topic) {
		this.#sub.subscribe(CHANNEL_PREFIX + topic).then(
			() => entry.confirmed(),
			(e: unknown) => this.log(`cluster bus: subscribe to ${topic} failed: ${String(e)}`)
		);
	}

	onResume(listener: () => void): () => void {
		this.#resumeListeners.add(listener);
		return () => this.#resumeListeners.delete(listener);
	}

	#deliver(channel: string, frame: Buffer) {
		if (!channel.startsWith(CHANNEL_PREFIX) || frame.byteLength < 1) return;
		const listeners = this.#topics.get(channel.slice(CHANNEL_PREFIX.length))?.listeners;
		if (!listeners) return;
		const idLength = frame[0] as number;
		if (frame.byteLength < 1 + idLength) return;
		const from = frame.toString('utf8', 1, 1 + idLength);
		if (from === this.instanceId) return;
		const message = new Uint8Array(
			frame.buffer,
			frame.byteOffset + 1 + idLength,
			frame.byteLength - 1 - idLength
		);
		// A copy: a listener that unsubscribes while being told must not skip the others.
		for (const listener of [...listeners]) {
			try {
				listener(message, from);
			} catch (e) {
				this.log(`cluster bus: a listener on ${channel} threw: ${String(e)}`);
			}
		}
	}

	#logError(which: string, e: Error) {
		// ioredis retries every few hundred ms while Redis is down: log each new error once.
		const line = `cluster bus: Redis ${which}: ${e.message}`;
		if (line === this.#lastError) return;
		this.#lastError = line;
		this.log(line);
	}

	async close() {
		if (this.#closed) return;
		this.#closed = true;
		this.#topics.clear();
		this.#resumeListeners.clear();
		await Promise.all(
			[this.#pub, this.#sub].map((r) =>
				r.quit().then(
					() => undefined,
					() => r.disconnect()
				)
			)
		);
	}
}

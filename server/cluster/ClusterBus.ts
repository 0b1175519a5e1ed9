/**
 * How Gongzhi instances that share one database tell each other what they just accepted, so a
 * document open on two instances stays one document (issue 8). Messages are bytes on named
 * topics; an instance subscribes only to the documents it has open. Delivery is best effort and
 * may repeat or arrive late: everything sent is a CRDT update or a notice whose truth is in the
 * shared database, so a lost message costs latency (the next sync repairs it), never data.
 *
 * With one instance (the embedded default) the bus is `createLocalClusterBus()`: nobody else to
 * tell, so publishing goes nowhere and subscribers only hear this process.
 */
export interface ClusterBus {
	/** This instance's id, carried by everything it publishes so it can ignore its own echo. */
	readonly instanceId: string;
	publish(topic: string, message: Uint8Array): void;
	/** `listener` gets messages other instances publish on `topic`. Returns the unsubscribe. */
	subscribe(topic: string, listener: (message: Uint8Array, from: string) => void): Unsubscribe;
	/**
	 * `listener` is called when the link to the other instances came back after a break:
	 * whatever was published meanwhile is lost, so holders of documents re-read the database.
	 */
	onResume(listener: () => void): () => void;
	close(): Promise<void>;
}

/**
 * Stops a subscription. `ready` resolves once messages on the topic are being received (a
 * document is read from the database only after that, so no update falls between the two).
 */
export interface Unsubscribe {
	(): void;
	readonly ready: Promise<void>;
}

/** One process alone: nothing to relay. */
export function createLocalClusterBus(instanceId = 'local'): ClusterBus {
	return {
		instanceId,
		publish() {},
		subscribe: () => Object.assign(() => undefined, { ready: Promise.resolve() }),
		onResume: () => () => undefined,
		close: async () => undefined
	};
}

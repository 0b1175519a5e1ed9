import type { ClusterBus } from './ClusterBus';

type Listener = (message: Uint8Array, from: string) => void;

/**
 * Several instances in one process, as tests start them: a hub that hands out buses which
 * really deliver to each other. Delivery is asynchronous (a later event-loop turn, in publish
 * order), never back to the sender, and can be cut to show what a lost message costs.
 */
export interface MemoryClusterHub {
	/** A bus for one instance, connected to every other bus of this hub. */
	connect(instanceId: string): ClusterBus;
	/** Loses every message published from now on (on `topic` only, if given) until undone. */
	drop(topic?: string): () => void;
	/** Tells every bus its link came back after a break (what `onResume` listeners hear). */
	resume(): void;
	/** Subscriptions currently held on `topic`, across instances. */
	subscribers(topic: string): number;
	/** Messages delivered so far. */
	readonly counts: { delivered: number };
	/** Messages `drop` lost, oldest first. */
	readonly lost: readonly LostMessage[];
}

export interface LostMessage {
	topic: string;
	from: string;
	message: Uint8Array;
}

interface Subscription {
	instanceId: string;
	topic: string;
	listener: Listener;
}

export function createMemoryClusterBus(): MemoryClusterHub {
	const subscriptions = new Set<Subscription>();
	const cuts = new Set<{ topic?: string }>();
	const resumeListeners = new Set<() => void>();
	const counts = { delivered: 0 };
	const lost: LostMessage[] = [];

	const isCut = (topic: string) =>
		[...cuts].some((cut) => cut.topic === undefined || cut.topic === topic);

	return {
		counts,
		lost,
		subscribers: (topic) => [...subscriptions].filter((s) => s.topic === topic).length,
		resume() {
			for (const listener of [...resumeListeners]) listener();
		},
		drop(topic) {
			const cut = { topic };
			cuts.add(cut);
			return () => void cuts.delete(cut);
		},
		connect(instanceId) {
			const mine = new Set<Subscription>();
			const myResumes = new Set<() => void>();
			let closed = false;
			return {
				instanceId,
				publish(topic, message) {
					if (closed) return;
					if (isCut(topic)) {
						lost.push({ topic, from: instanceId, message: message.slice() });
						return;
					}
					// A copy, as a network would hand over: nobody shares the sender's buffer.
					const bytes = message.slice();
					const targets = [...subscriptions].filter(
						(s) => s.topic === topic && s.instanceId !== instanceId
					);
					setImmediate(() => {
						for (const s of targets) {
							// Unsubscribed meanwhile: a real bus would not deliver either.
							if (!subscriptions.has(s)) continue;
							counts.delivered++;
							s.listener(bytes, instanceId);
						}
					});
				},
				subscribe(topic, listener) {
					const s = { instanceId, topic, listener };
					subscriptions.add(s);
					mine.add(s);
					const unsubscribe = () => {
						subscriptions.delete(s);
						mine.delete(s);
					};
					// Live at once; said a turn later, as a bus that talks to a server would.
					return Object.assign(unsubscribe, {
						ready: new Promise<void>((resolve) => setImmediate(resolve))
					});
				},
				onResume(listener) {
					const once = () => listener();
					resumeListeners.add(once);
					myResumes.add(once);
					return () => {
						resumeListeners.delete(once);
						myResumes.delete(once);
					};
				},
				async close() {
					closed = true;
					for (const r of myResumes) resumeListeners.delete(r);
					myResumes.clear();
					for (const s of mine) subscriptions.delete(s);
					mine.clear();
				}
			};
		}
	};
}

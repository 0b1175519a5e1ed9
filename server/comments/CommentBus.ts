import type { ClusterBus } from '../cluster/ClusterBus';
import type { CommentRecord } from '../storage/CommentStore';

/**
 * Tells every open comment stream of a meeting that one of its comments changed. Messages are
 * plain JSON records, so a later implementation can carry them between processes (Redis
 * pub/sub) behind the same two calls; each stream shapes the record for its own reader.
 */
export interface CommentBus {
	publish(meetingId: string, comment: CommentRecord): void;
	/**
	 * Returns the unsubscribe; its `ready`, when there is one, resolves once changes published
	 * by other instances are being received (a stream reads its snapshot after that).
	 */
	subscribe(
		meetingId: string,
		listener: (comment: CommentRecord) => void
	): (() => void) & { ready?: Promise<void> };
}

/** The in-process bus: one set of listeners per meeting, dropped when the last one leaves. */
export function createLocalCommentBus(): CommentBus {
	const topics = new Map<string, Set<(comment: CommentRecord) => void>>();
	return {
		publish(meetingId, comment) {
			// A copy of the set: a listener that unsubscribes while being told must not skip others.
			for (const listener of [...(topics.get(meetingId) ?? [])]) {
				try {
					listener(comment);
				} catch {
					// One broken stream must not keep the comment from the others.
				}
			}
		},
		subscribe(meetingId, listener) {
			let set = topics.get(meetingId);
			if (!set) topics.set(meetingId, (set = new Set()));
			set.add(listener);
			return () => {
				set.delete(listener);
				if (set.size === 0 && topics.get(meetingId) === set) topics.delete(meetingId);
			};
		}
	};
}

/**
 * The bus across instances (cluster mode): every change is told here as before and published
 * on `comments:<meetingId>` for the other instances' streams. An instance subscribes to a
 * meeting's topic only while one of its streams reads that meeting.
 */
const SUBSCRIBE_WAIT_MS = 2_000;

export function createClusterCommentBus(cluster: ClusterBus): CommentBus {
	const local = createLocalCommentBus();
	const encoder = new TextEncoder();
	const decoder = new TextDecoder();
	return {
		publish(meetingId, comment) {
			local.publish(meetingId, comment);
			cluster.publish(`comments:${meetingId}`, encoder.encode(JSON.stringify(comment)));
		},
		subscribe(meetingId, listener) {
			const offLocal = local.subscribe(meetingId, listener);
			const offPeers = cluster.subscribe(`comments:${meetingId}`, (message) => {
				const comment = JSON.parse(decoder.decode(message)) as CommentRecord;
				// Only records of this meeting: a stream shapes whatever it is given.
				if (comment.meetingId === meetingId) listener(comment);
			});
			const off = () => {
				offLocal();
				offPeers();
			};
			// Bounded: with Redis down a stream still opens, on this instance's changes only.
			const ready = Promise.race([
				offPeers.ready,
				new Promise<void>((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref())
			]);
			return Object.assign(off, { ready });
		}
	};
}

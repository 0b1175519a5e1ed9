import type { CommentRecord } from '../storage/CommentStore';

/**
 * Tells every open comment stream of a meeting that one of its comments changed. Messages are
 * plain JSON records, so a later implementation can carry them between processes (Redis
 * pub/sub) behind the same two calls; each stream shapes the record for its own reader.
 */
export interface CommentBus {
	publish(meetingId: string, comment: CommentRecord): void;
	/** Returns the unsubscribe. */
	subscribe(meetingId: string, listener: (comment: CommentRecord) => void): () => void;
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

/** Tuning for the Yjs endpoint, in one place so a reader can see every bound at once. */
export const YJS_LIMITS = {
	/** Token bucket per socket: sustained messages per second, and the burst it may save up. */
	messagesPerSecond: 200,
	messageBurst: 1000,
	/** Ping interval; a socket that has not answered the previous ping is terminated. */
	heartbeatMs: 30_000,
	/** Stored rows of one document above which it is compacted into one snapshot row. */
	compactAfterRows: 200,
	/** Client ids one update may introduce; each costs a database write to bind. */
	maxNewClientsPerUpdate: 16,
	/** Awareness client ids one socket may speak for (a tab has one). */
	maxAwarenessClientsPerConnection: 4
} as const;

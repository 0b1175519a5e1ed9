/** Tuning for the Yjs endpoint, in one place so a reader can see every bound at once. */
export const YJS_LIMITS = {
	/** Token bucket per socket: sustained messages per second, and the burst it may save up. */
	messagesPerSecond: 200,
	messageBurst: 1000,
	/**
	 * Presence (awareness and awareness queries) has its own bucket, and a message over it is
	 * dropped, not a reason to close: the stock y-websocket client re-sends every awareness change
	 * it receives, so another socket's presence flood, relayed, would otherwise get honest clients
	 * closed for flooding. Presence is ephemeral; the next update carries the latest state.
	 */
	presencePerSecond: 60,
	presenceBurst: 300,
	/** The server's presence entry (viewer and editor counts) changes at most this often. */
	presenceDelayMs: 100,
	/**
	 * Sockets the relay writes to before yielding to the event loop (UpdateRelay): about 1 ms of
	 * writes, after which incoming edits are read and join the round under way.
	 */
	relaySlice: 64,
	/**
	 * The least time between the starts of two relay rounds, per socket in the room: 10 ms for a
	 * thousand sockets, so each gets at most 100 frames a second however fast edits come (under
	 * load a frame carries more edits instead: fewer writes for the server, less work for a
	 * phone), and a fraction of a ms for a small room. A round after a quiet spell starts at once.
	 * Fan-out bench, 1,000 readers, medians of five runs at 200 edits/s: 20 ms gave a p99 of
	 * 31.6 ms at 60–74 % of the server's core; 10 ms 26 ms at 78–83 %; 5 ms 25.8 ms at 79–86 %
	 * (a round's writes take about that long, so rounds were back to back). Hocuspocus, alongside,
	 * used 83–94 %. In an older harness 40 ms made the tail worse.
	 */
	relayRoundMsPerSocket: 0.01,
	/** Ping interval; a socket that has not answered the previous ping is terminated. */
	heartbeatMs: 30_000,
	/** Sockets pinged per turn of the event loop during a heartbeat sweep. */
	heartbeatSlice: 250,
	/**
	 * Compaction (encoding the whole document into one snapshot row) is due once a document has
	 * more than `compactAfterRows` stored rows AND the rows weigh twice what the stored state
	 * weighed after the last compaction — or, whatever they weigh, past `compactMaxRows`. Its
	 * cost grows with the document, so it is paid once per doubling, not every 200 edits: at
	 * 200 edits/s on a 20,000-character agenda, compacting every 200 rows encoded the whole
	 * document every second (15% of the server's CPU in the fan-out benchmark's profile).
	 */
	compactAfterRows: 200,
	compactMaxRows: 5000,
	/**
	 * A due compaction waits until the room has stored no edit for this long: the encoding holds
	 * the event loop for a time that grows with the document (23, 37, 44, then 56 ms as the
	 * fan-out bench's agenda grew), and taken mid-typing that stall lands on every reader's
	 * latency. Meetings pause; Hocuspocus's database extension debounces its stores the same way.
	 */
	compactQuietMs: 1000,
	/**
	 * A room that never goes quiet compacts anyway once its rows pass `compactForceRows` or weigh
	 * `compactForceFactor` times the last stored state: what is stored stays within a bounded
	 * multiple of the document, and a cold load never applies more than this many rows.
	 */
	compactForceRows: 20_000,
	compactForceFactor: 8,
	/** Updates a room stores in one write (group commit; see YjsRoom). */
	maxUpdatesPerWrite: 256,
	/** Client ids one update may introduce; each costs a database write to bind. */
	maxNewClientsPerUpdate: 16,
	/** Awareness client ids one socket may speak for (a tab has one). */
	maxAwarenessClientsPerConnection: 4
} as const;

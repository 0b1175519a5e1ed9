/** Messages between the board scenario (parent) and its client worker processes. */

/** Where the clients connect: Gongzhi (cookies per user, its sync path) or the plain server. */
export interface WorkerTarget {
	port: number;
	path: string;
	/** Session cookie per username for Gongzhi; null for the plain server, which has no auth. */
	cookies: Record<string, string> | null;
}

export interface SyncClientSpec {
	/** Index across all workers: markers and results name clients by it. */
	index: number;
	username: string;
	writer: boolean;
	/** A thin receiver (raw socket, no Repo) instead of a stock client; never a writer. */
	thin: boolean;
}

export type WorkerConfig =
	| {
			mode: 'sync';
			target: WorkerTarget;
			boardId: string;
			clients: SyncClientSpec[];
			/** Mean time between one writer's changes (jittered ±50%). */
			editMs: number;
			/** Task ids the writers pick from. */
			taskIds: string[];
			/** The board's saved bytes (base64), where thin receivers start from. */
			savedB64: string;
			seed: number;
	  }
	| {
			mode: 'open';
			target: WorkerTarget;
			username: string;
			/** Each inner list is one client's boards, opened one after another. */
			boards: string[][];
	  };

/** One writer's change: when it was made, when its bytes left the client, its hash. */
export interface WriteRecord {
	client: number;
	marker: string;
	hash: string;
	/** Shared clock (ms): handle.change returned. */
	changedAt: number;
	/** Shared clock (ms): the first sync message carrying the change was handed to the socket. */
	sentAt: number | null;
}

export interface SyncResult {
	writes: WriteRecord[];
	/** client index → change hash → when the frame carrying it arrived at that client's socket. */
	arrivals: [client: number, hash: string, at: number][];
	/** client index → marker → when that client's document first showed it. */
	seen: [client: number, marker: string, at: number][];
}

export interface OpenResult {
	/** Milliseconds from `find` to a board with its tasks, per board. */
	firstSyncMs: number[];
	failures: string[];
}

export type WorkerMessage =
	/** The open worker's code is loaded; it connects its clients when told `connect`. */
	| { type: 'loaded' }
	| { type: 'ready' }
	| { type: 'opened'; result: OpenResult }
	| { type: 'result'; result: SyncResult }
	| { type: 'failed'; error: string };

export type ParentMessage =
	{ type: 'connect' } | { type: 'start' } | { type: 'stop' } | { type: 'finish' };

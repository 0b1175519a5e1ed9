/** What the soak's parent and its worker processes say to each other over IPC. */

/** A soak document: its id and its number in the run (even numbers are agendas, odd boards). */
export interface SoakDoc {
	id: string;
	n: number;
}

/** Handed to each worker in the SOAK_WORKER environment variable, as JSON. */
export interface WorkerConfig {
	wsUrl: string;
	port: number;
	cookies: Record<string, string>;
	agendas: SoakDoc[];
	boards: SoakDoc[];
	clients: number;
	editMs: number;
	seed: number;
}

export type ParentMessage =
	{ type: 'start' } | { type: 'stop' } | { type: 'check' } | { type: 'finish' };

export interface Identical {
	agendas: number;
	boards: number;
}

export type WorkerMessage =
	| { type: 'ready' }
	| { type: 'progress'; edits: number }
	| ({ type: 'checked' } & Identical)
	| {
			type: 'result';
			edits: number;
			/** Propagation in ms (edit on one client → seen by the document's observer), by kind. */
			latencies: { yjs: number[]; automerge: number[] };
			unseen: number;
			/** Socket errors a stock client left unhandled (a reconnect refused or reset). */
			clientErrors: number;
	  };

import type { LatencySummary } from './latency';
import type { ThinTarget } from './thinReceiver';

/** Which server an editing client talks to: the stock y-websocket client or Hocuspocus's own. */
export type ClientKind = 'y-websocket' | 'hocuspocus';

/** One real editing client: a Y.Doc behind the stock provider of its server. */
export interface EditorSpec {
	kind: ClientKind;
	/** y-websocket: the server URL the room name is appended to; Hocuspocus: its socket URL. */
	url: string;
	docName: string;
	headers?: Record<string, string>;
	/** Apply the seed agenda (`seedChars` characters in 20 paragraphs) before connecting. */
	seed?: boolean;
}

/**
 * Commands to one of a generator's two processes: the editors' (`editors`, `editorsOnline`,
 * `edit`) or the receivers' (`receivers`, `listen`, `collect`, `reconnectReceivers`); both take
 * the last two.
 */
export type GeneratorCommand =
	| { type: 'editors'; editors: EditorSpec[]; seedChars: number }
	| { type: 'receivers'; receivers: ThinTarget[] }
	/** Takes the editors offline, or back online and synced (the receivers stay connected). */
	| { type: 'editorsOnline'; online: boolean }
	/** Edits at a steady rate for `seconds`. */
	| { type: 'edit'; ratePerSecond: number; seconds: number }
	/** Starts counting markers afresh. */
	| { type: 'listen' }
	/**
	 * Waits (at most `drainMs`) until every edit sent reached every receiver of its document;
	 * latencies run from each edit's send (`sentAfterMs`: [stamp µs, ms from stamp to send]).
	 */
	| {
			type: 'collect';
			sentTo: Record<string, number>;
			sentAfterMs: [number, number][];
			drainMs: number;
	  }
	| { type: 'reconnectReceivers' }
	| { type: 'closeAll' }
	| { type: 'exit' };

export interface PhaseResult {
	/** From the first edit until every edit had reached every receiver (or the drain gave up). */
	spanMs: number;
	sent: number;
	/** Edits × the receivers of each edit's document: what full delivery would be. */
	expected: number;
	delivered: number;
	/** Edits per second the generator actually managed (it shares a core with the receivers). */
	achievedRate: number;
	latency: LatencySummary;
	/** CPU the generator's two processes used during the phase, % of one core. */
	generatorCpuPercent: number;
	/** The editors' process's part of it. */
	editorsCpuPercent: number;
	/** % of the phase the receivers' process sat runnable waiting for core 1. */
	generatorWaitingPercent: number;
	/** From an edit's stamp to its send returning, in the editors' process (not counted). */
	editorSendGapMs: { p50: number; p99: number; max: number };
}

export type GeneratorReply =
	| { type: 'ready' }
	| { type: 'done'; count: number }
	/** Edits sent, per document. */
	| {
			type: 'edited';
			sentTo: Record<string, number>;
			sentAfterMs: [number, number][];
			achievedRate: number;
	  }
	| { type: 'collected'; expected: number; delivered: number; latency: LatencySummary }
	| { type: 'error'; message: string };

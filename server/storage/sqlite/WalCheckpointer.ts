import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/** How often the thread checkpoints: the WAL holds about this long of writes. */
const INTERVAL_MS = 1000;
/** The WAL file is cut back to this size when it restarts after a burst. */
const WAL_SIZE_LIMIT_BYTES = 64 * 2 ** 20;
/** SQLite's own default: every 1,000 pages, in the committing connection. */
const AUTO_CHECKPOINT_PAGES = 1000;

/**
 * Checkpoints a WAL database from its own thread and connection, so the server's thread never
 * waits for a disk flush. In WAL mode with `synchronous = NORMAL` a commit only appends to the
 * WAL; the flushes happen at checkpoints, which SQLite by default runs inside whichever commit
 * crosses 1,000 pages. On a busy disk that commit held the event loop for seconds: in the
 * persistence benchmark under a background `dd`, fan-out p50 went from 39 ms (updates kept in
 * memory) to 7 s (updates in SQLite), and back to 49 ms with no checkpoints on the server's
 * connection. A PASSIVE checkpoint on another connection does not block that connection's reads
 * or writes, and the next commit after a complete one restarts the WAL from its beginning.
 *
 * If the thread fails, the connection checkpoints itself again (SQLite's default), so the WAL
 * never grows without bound.
 */
export class WalCheckpointer {
	readonly #worker: Worker;
	#stopped = false;

	constructor(
		private readonly db: Database.Database,
		file: string,
		private readonly log: (line: string) => void = (line) => console.error(line)
	) {
		db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
		db.pragma('wal_autocheckpoint = 0');
		this.#worker = new Worker(new URL('./walCheckpointWorker.mjs', import.meta.url), {
			workerData: { file, intervalMs: INTERVAL_MS }
		});
		// The process may exit with the thread running; `close` stops it cleanly when it can.
		this.#worker.unref();
		this.#worker.on('message', (message: { error?: string }) => {
			if (message.error) this.log(`sqlite: checkpoint failed: ${message.error}`);
		});
		this.#worker.on('error', (error) => this.#fallBack(`failed: ${error.message}`));
		this.#worker.on('exit', (code) => {
			if (!this.#stopped) this.#fallBack(`exited with code ${code}`);
		});
	}

	/** Ends the thread after one last checkpoint. */
	async close() {
		if (this.#stopped) return;
		this.#stopped = true;
		const exited = new Promise((resolve) => this.#worker.once('exit', resolve));
		// Held open until the thread is done, or a process with nothing else to do would exit
		// while waiting for it.
		this.#worker.ref();
		this.#worker.postMessage('stop');
		await exited;
	}

	#fallBack(why: string) {
		if (this.#stopped) return;
		this.#stopped = true;
		this.log(`sqlite: checkpoint thread ${why}; checkpointing on the server's thread again`);
		if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
	}
}

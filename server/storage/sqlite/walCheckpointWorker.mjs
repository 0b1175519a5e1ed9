// The WAL checkpointer's thread (see WalCheckpointer.ts). Plain JavaScript: worker threads do not
// inherit tsx's loader, and this is too small to be worth registering it.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true });

function checkpoint() {
	try {
		// PASSIVE copies what it can without waiting for, or blocking, the server's reads and
		// writes. With nothing new in the WAL it returns without writing or flushing anything.
		db.pragma('wal_checkpoint(PASSIVE)');
	} catch (error) {
		parentPort.postMessage({ error: String(error) });
	}
}

const timer = setInterval(checkpoint, intervalMs);
parentPort.on('message', (message) => {
	if (message !== 'stop') return;
	clearInterval(timer);
	checkpoint();
	db.close();
	parentPort.close();
});

import { parentPort } from 'node:worker_threads';
import { runSheetJob, type SheetFailure, type SheetJob } from './sheetJobs';

/**
 * The sheet worker's thread: runs one job per message and answers `{ ok, value }` or
 * `{ ok: false, error }`. exceljs holds a whole workbook in memory and parses it synchronously;
 * here that blocks only this thread, and a runaway file can only exhaust this thread's heap.
 */
if (!parentPort) throw new Error('sheetWorkerMain runs only as a worker thread');
const port = parentPort;

port.on('message', (job: SheetJob) => void answer(job));

async function answer(job: SheetJob) {
	try {
		const value = await runSheetJob(job);
		// A written workbook's bytes move to the parent instead of being copied.
		const transfer = value instanceof Uint8Array ? [value.buffer as ArrayBuffer] : [];
		port.postMessage({ ok: true, value }, transfer);
	} catch (e) {
		const err = e instanceof Error ? e : new Error(String(e));
		const failure: SheetFailure = { name: err.name, message: err.message };
		if ('line' in err && typeof err.line === 'number') failure.line = err.line;
		port.postMessage({ ok: false, error: failure });
	}
}

import { Worker } from 'node:worker_threads';
import { CsvError, type Cell } from '../csv';
import { XlsxError, type Sheet } from '../xlsx';
import type { PdfFont } from '../../projects/pdfFont';
import type { PublicProject } from '../../projects/PublicProjects';
import type { MinutesData } from '../../meetings/minutes/minutesData';
import type { SheetFailure, SheetJob, SheetResult } from './sheetJobs';

/** The queue is full: the caller should answer "busy, try again" rather than wait minutes. */
export class SheetBusyError extends Error {
	override name = 'SheetBusyError';
}

export interface SheetWorkerOptions {
	/** A job still running after this long is killed with its thread (default 60 s). */
	timeoutMs?: number;
	/** Jobs waiting behind the running one; more are refused with SheetBusyError (default 16). */
	maxQueued?: number;
	/** The worker's V8 heap: a 20,000-row workbook needs ~400 MB in exceljs (default 1024). */
	maxHeapMb?: number;
}

interface Pending {
	job: SheetJob;
	resolve: (value: SheetResult) => void;
	reject: (err: Error) => void;
}

/**
 * Spreadsheet reading and writing in one worker thread, one job at a time, so a 20,000-row
 * workbook (seconds of synchronous exceljs work, hundreds of MB) never stalls the server's event
 * loop. A job that times out or runs the worker out of memory kills the thread; the next job
 * starts a new one. The thread is started on first use and ended by `close`.
 */
export class SheetWorker {
	#worker: Worker | null = null;
	#running: (Pending & { timer: NodeJS.Timeout }) | null = null;
	#queue: Pending[] = [];
	#closed = false;
	readonly #timeoutMs: number;
	readonly #maxQueued: number;
	readonly #maxHeapMb: number;

	constructor(opts: SheetWorkerOptions = {}) {
		this.#timeoutMs = opts.timeoutMs ?? 60_000;
		this.#maxQueued = opts.maxQueued ?? 16;
		this.#maxHeapMb = opts.maxHeapMb ?? 1024;
	}

	/** An upload's rows (.xlsx or CSV); throws CsvError or XlsxError for a file it cannot use. */
	readTable(bytes: Uint8Array, maxRows: number): Promise<string[][]> {
		return this.#run({ kind: 'readTable', bytes, maxRows }) as Promise<string[][]>;
	}

	writeXlsx(sheets: readonly Sheet[]): Promise<Uint8Array> {
		return this.#run({ kind: 'writeXlsx', sheets }) as Promise<Uint8Array>;
	}

	toCsv(rows: readonly (readonly Cell[])[]): Promise<string> {
		return this.#run({ kind: 'toCsv', rows }) as Promise<string>;
	}

	/** A published project's pledge sheet (PDF); throws PdfFontError's name for an unusable font. */
	pledgeSheet(
		project: PublicProject,
		pageUrl: string,
		font: PdfFont
	): Promise<Uint8Array<ArrayBuffer>> {
		const job = { kind: 'pledgeSheet', project, pageUrl, font } as const;
		return this.#run(job) as Promise<Uint8Array<ArrayBuffer>>;
	}

	/** A meeting's minutes as a PDF; throws PdfFontError's name for an unusable font. */
	minutesPdf(minutes: MinutesData, font: PdfFont): Promise<Uint8Array> {
		return this.#run({ kind: 'minutesPdf', minutes, font }) as Promise<Uint8Array>;
	}

	/** A meeting's minutes as a Word document. */
	minutesDocx(minutes: MinutesData): Promise<Uint8Array> {
		return this.#run({ kind: 'minutesDocx', minutes }) as Promise<Uint8Array>;
	}

	async close() {
		this.#closed = true;
		for (const p of this.#queue.splice(0)) p.reject(new Error('The sheet worker was closed'));
		this.#finish(new Error('The sheet worker was closed'));
		await this.#worker?.terminate();
		this.#worker = null;
	}

	#run(job: SheetJob): Promise<SheetResult> {
		if (this.#closed) return Promise.reject(new Error('The sheet worker was closed'));
		if (this.#queue.length >= this.#maxQueued)
			return Promise.reject(new SheetBusyError('Too many spreadsheets are being processed'));
		return new Promise((resolve, reject) => {
			this.#queue.push({ job, resolve, reject });
			this.#next();
		});
	}

	#next() {
		if (this.#running || this.#closed) return;
		const pending = this.#queue.shift();
		if (!pending) return;
		const worker = this.#thread();
		const timer = setTimeout(() => {
			this.#kill(failureFor(pending.job, 'took too long to process'));
		}, this.#timeoutMs);
		this.#running = { ...pending, timer };
		worker.postMessage(pending.job);
	}

	#thread(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./sheetWorkerBoot.mjs', import.meta.url), {
			resourceLimits: { maxOldGenerationSizeMb: this.#maxHeapMb },
			stdout: false,
			stderr: false
		});
		// A killed thread's late events must not touch the job now running on its successor.
		const current = () => this.#worker === worker;
		worker.on(
			'message',
			(msg: { ok: true; value: SheetResult } | { ok: false; error: SheetFailure }) => {
				if (!current()) return;
				if (msg.ok) this.#finish(null, msg.value);
				else this.#finish(revive(msg.error));
			}
		);
		worker.on('error', (err) => {
			if (!current()) return;
			// Out of memory (ERR_WORKER_OUT_OF_MEMORY) or a crash: the thread is gone.
			this.#worker = null;
			const job = this.#running?.job;
			const oom = (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
			this.#finish(job ? failureFor(job, oom ? 'needed too much memory' : 'failed', err) : err);
		});
		worker.on('exit', () => {
			if (!current()) return;
			this.#worker = null;
			if (this.#running) this.#finish(new Error('The sheet worker stopped'));
		});
		// The thread must not keep an otherwise finished process (a test, a script) alive.
		worker.unref();
		this.#worker = worker;
		return worker;
	}

	#kill(err: Error) {
		const worker = this.#worker;
		this.#worker = null;
		this.#finish(err);
		void worker?.terminate();
	}

	#finish(err: Error | null, value?: SheetResult) {
		const running = this.#running;
		if (!running) return;
		this.#running = null;
		clearTimeout(running.timer);
		if (err) running.reject(err);
		else running.resolve(value!);
		this.#next();
	}
}

/** A read that fails for resources is the file's fault (an XlsxError the page explains). */
function failureFor(job: SheetJob, what: string, cause?: unknown): Error {
	if (job.kind === 'readTable') return new XlsxError(`The file ${what}`);
	return new Error(`Writing the spreadsheet ${what}`, { cause });
}

function revive(f: SheetFailure): Error {
	if (f.name === 'CsvError') {
		const err = new CsvError(f.line ?? 0, '');
		err.message = f.message;
		return err;
	}
	if (f.name === 'XlsxError') return new XlsxError(f.message);
	const err = new Error(f.message);
	err.name = f.name;
	return err;
}

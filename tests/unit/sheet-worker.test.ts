import { afterAll, describe, expect, it } from 'vitest';
import { CsvError } from '../../server/files/csv';
import { SheetBusyError, SheetWorker } from '../../server/files/sheets/SheetWorker';
import { XlsxError } from '../../server/files/xlsx';

/**
 * Spreadsheets are read and written in a worker thread, one job at a time, so a 20,000-row
 * workbook never stalls the server. The callers see the same results and the same error classes
 * as from the functions themselves.
 */
const worker = new SheetWorker({ timeoutMs: 20_000 });
afterAll(() => worker.close());

describe('the sheet worker', () => {
	it('round-trips a workbook and reads CSV, in another thread', async () => {
		const bytes = await worker.writeXlsx([
			{
				name: '居民',
				rows: [
					['姓名', '手机号'],
					['张三', '13800000000'],
					['李四', 42]
				]
			}
		]);
		expect(bytes[0]).toBe(0x50);
		expect(await worker.readTable(bytes, 10)).toEqual([
			['姓名', '手机号'],
			['张三', '13800000000'],
			['李四', '42']
		]);
		const csv = await worker.toCsv([['a', '=1+1']]);
		expect(csv).toBe("\uFEFFa,'=1+1\r\n");
		expect(await worker.readTable(new TextEncoder().encode('a,b\r\n1,2\r\n'), 10)).toEqual([
			['a', 'b'],
			['1', '2']
		]);
	});

	it('rethrows CsvError and XlsxError as the classes callers catch', async () => {
		const badCsv = worker.readTable(new TextEncoder().encode('a\n"never closed'), 10);
		await expect(badCsv).rejects.toBeInstanceOf(CsvError);
		await expect(badCsv).rejects.toMatchObject({ line: 2 });
		const notXlsx = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]);
		await expect(worker.readTable(notXlsx, 10)).rejects.toBeInstanceOf(XlsxError);
		// The worker is still there for the next job.
		expect(await worker.readTable(new TextEncoder().encode('x'), 10)).toEqual([['x']]);
	});

	it('kills a job that runs past its time and starts afresh for the next one', async () => {
		const quick = new SheetWorker({ timeoutMs: 1 });
		try {
			const rows = Array.from({ length: 3000 }, (_, i) => [`行${i}`, i]);
			await expect(quick.writeXlsx([{ name: 's', rows }])).rejects.toThrow(/too long/);
			await expect(quick.readTable(new Uint8Array([0x50, 0x4b]), 1)).rejects.toThrow(XlsxError);
		} finally {
			await quick.close();
		}
	});

	it('refuses jobs beyond its queue instead of queueing without bound', async () => {
		const small = new SheetWorker({ maxQueued: 1 });
		try {
			const rows = [['a']];
			const jobs = [0, 1, 2].map(() => small.toCsv(rows));
			const settled = await Promise.allSettled(jobs);
			expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
			expect((settled[2] as PromiseRejectedResult).reason).toBeInstanceOf(SheetBusyError);
		} finally {
			await small.close();
		}
	});
});

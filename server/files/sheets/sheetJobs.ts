import { decodeTextFile, parseCsv, toCsv, type Cell } from '../csv';
import { readXlsxRows, writeXlsx, type Sheet } from '../xlsx';
import type { PdfFont } from '../../projects/pdfFont';
import { pledgeSheet } from '../../projects/pledgeSheet';
import type { PublicProject } from '../../projects/PublicProjects';
import type { MinutesData } from '../../meetings/minutes/minutesData';
import { minutesDocx } from '../../meetings/minutes/minutesDocx';
import { minutesPdf } from '../../meetings/minutes/minutesPdf';

/**
 * What the sheet worker does, as plain functions of plain data (so a job is the same whether it
 * runs in the worker or, in a unit test, in the caller's thread).
 */
export type SheetJob =
	| { kind: 'readTable'; bytes: Uint8Array; maxRows: number }
	| { kind: 'writeXlsx'; sheets: readonly Sheet[] }
	| { kind: 'toCsv'; rows: readonly (readonly Cell[])[] }
	// The public pledge sheet: fontkit parses a whole CJK font per PDF (see pledgeSheet.ts).
	| { kind: 'pledgeSheet'; project: PublicProject; pageUrl: string; font: PdfFont }
	// A meeting's minutes (issue 6): the PDF sets a CJK font like the pledge sheet; the .docx
	// zips its parts, also seconds for a long agenda on a loaded machine.
	| { kind: 'minutesPdf'; minutes: MinutesData; font: PdfFont }
	| { kind: 'minutesDocx'; minutes: MinutesData };

export type SheetResult = string[][] | Uint8Array | string;

/** The thrown error's class travels by name so the caller can rethrow CsvError and XlsxError. */
export interface SheetFailure {
	name: string;
	message: string;
	line?: number;
}

/** A spreadsheet's rows: .xlsx recognised by its zip signature, anything else read as CSV. */
export async function readTableNow(bytes: Uint8Array, maxRows: number): Promise<string[][]> {
	if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readXlsxRows(bytes, { maxRows });
	return parseCsv(decodeTextFile(bytes), { maxRows });
}

export async function runSheetJob(job: SheetJob): Promise<SheetResult> {
	switch (job.kind) {
		case 'readTable':
			return readTableNow(job.bytes, job.maxRows);
		case 'writeXlsx':
			return writeXlsx(job.sheets);
		case 'toCsv':
			return toCsv(job.rows);
		case 'pledgeSheet':
			return pledgeSheet(job.project, job.pageUrl, job.font);
		case 'minutesPdf':
			return minutesPdf(job.minutes, job.font);
		case 'minutesDocx':
			return minutesDocx(job.minutes);
	}
}

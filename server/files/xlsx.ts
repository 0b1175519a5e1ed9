import ExcelJS from 'exceljs';
import type { Cell } from './csv';
import { checkZipBounds, ZipBoundsError } from './zipGuard';

/**
 * Excel files for the dashboards' exports and the chain and resident imports, through exceljs.
 * Imports are untrusted: size, unpacked size and row count are checked before and after exceljs
 * reads them, and every failure is an XlsxError with a message a secretary can act on.
 */
export interface Sheet {
	name: string;
	rows: readonly (readonly Cell[])[];
	columnWidths?: number[];
}

export class XlsxError extends Error {
	override name = 'XlsxError';
}

export const XLSX_DEFAULT_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000 } as const;
/** What the archive may unpack to: a 5 MiB xlsx of plain cells unpacks to ~30–40 MiB at most. */
export const XLSX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024;

/** Excel refuses sheet names over 31 characters or with any of []:*?/\ (and a leading or trailing '). */
export function safeSheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
	const cleaned =
		name
			.replace(/[[\]:*?/\\]/g, '_')
			.replace(/^'+|'+$/g, '')
			.trim() || 'Sheet';
	const fit = (s: string, room: number): string => [...s].slice(0, room).join('');
	let candidate = fit(cleaned, 31);
	for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
		const suffix = ` (${n})`;
		candidate = fit(cleaned, 31 - suffix.length) + suffix;
	}
	return candidate;
}

/** One workbook, a sheet per entry, the first row bold (the header). */
export async function writeXlsx(sheets: readonly Sheet[]): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const taken = new Set<string>();
	for (const sheet of sheets) {
		const name = safeSheetName(sheet.name, taken);
		taken.add(name.toLowerCase());
		const worksheet = workbook.addWorksheet(name);
		for (const row of sheet.rows) {
			// Strings stay strings (never formulas), so no formula guard is needed here.
			worksheet.addRow(row.map((c) => (typeof c === 'number' && !Number.isFinite(c) ? null : c)));
		}
		if (sheet.rows.length > 0) worksheet.getRow(1).font = { bold: true };
		sheet.columnWidths?.forEach((width, i) => {
			worksheet.getColumn(i + 1).width = width;
		});
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The first worksheet's rows, every cell as text: numbers as written, dates as YYYY-MM-DD, rich
 * text flattened, formulas as their cached result, a merged range's value in each of its cells.
 * Rows with no text are skipped and trailing empty cells dropped, as parseCsv does.
 */
export async function readXlsxRows(
	bytes: Uint8Array,
	limits: { maxBytes?: number; maxRows?: number } = {}
): Promise<string[][]> {
	const maxBytes = limits.maxBytes ?? XLSX_DEFAULT_LIMITS.maxBytes;
	const maxRows = limits.maxRows ?? XLSX_DEFAULT_LIMITS.maxRows;
	if (bytes.length > maxBytes) {
		throw new XlsxError(`The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`);
	}
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
		throw new XlsxError('This is an old Excel file (.xls): save it as .xlsx and try again');
	}
	try {
		checkZipBounds(bytes, XLSX_MAX_UNPACKED_BYTES);
	} catch (e) {
		if (!(e instanceof ZipBoundsError)) throw e;
		throw new XlsxError(`The file is not a usable Excel workbook (.xlsx): ${e.message}`);
	}
	const workbook = new ExcelJS.Workbook();
	try {
		// exceljs types its input as an ArrayBuffer; at run time JSZip takes a Node Buffer as is.
		const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
	} catch {
		throw new XlsxError('The file is not a usable Excel workbook (.xlsx)');
	}
	const worksheet = workbook.worksheets[0];
	if (!worksheet) throw new XlsxError('The workbook has no worksheet');
	if (worksheet.actualRowCount > maxRows) {
		throw new XlsxError(`The first worksheet has more than ${maxRows} rows`);
	}
	const rows: string[][] = [];
	worksheet.eachRow((row) => {
		const cells: string[] = [];
		row.eachCell({ includeEmpty: true }, (cell, column) => {
			cells[column - 1] = cellText(cell.value);
		});
		const out = Array.from(cells, (c) => c ?? '');
		while (out.length > 0 && out[out.length - 1] === '') out.pop();
		if (out.length > 0) rows.push(out);
	});
	return rows;
}

function cellText(value: ExcelJS.CellValue): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) {
		// exceljs reads Excel's serial dates as UTC midnight.
		return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
	}
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('formula' in value || 'sharedFormula' in value) {
		return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
	}
	if ('hyperlink' in value) return cellText(value.text);
	if ('error' in value) return value.error;
	return '';
}

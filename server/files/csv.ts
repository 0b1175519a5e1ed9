/**
 * CSV for the dashboards' exports and the chain and resident imports. Exports are what Excel on a
 * Chinese Windows opens correctly; imports take what it saves.
 */
export type Cell = string | number | null | undefined;

const BOM = '\uFEFF';
/** Excel and LibreOffice run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function csvCell(cell: Cell): string {
	if (cell === null || cell === undefined) return '';
	// A number cannot be a formula, and prefixing -5 with ' would turn it into text.
	if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
	const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
	return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180, CRLF, with a UTF-8 byte-order mark so Excel shows Chinese. String cells starting with
 * = + - @ or tab/CR are prefixed with ' (formula injection); numbers are written as they are.
 */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
	return BOM + rows.map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

export class CsvError extends Error {
	override name = 'CsvError';
	constructor(
		readonly line: number,
		message: string
	) {
		super(`Line ${line}: ${message}`);
	}
}

/**
 * Bytes from an upload as text: UTF-8 (BOM or not), UTF-16 with a BOM (Excel's "Unicode text"),
 * falling back to GB18030 (what Chinese Excel saves CSV as) when the bytes are not valid UTF-8.
 * GB18030 decodes every byte sequence, so this never throws; mojibake shows up in validation.
 */
export function decodeTextFile(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a BOM
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

export const CSV_DEFAULT_LIMITS = { maxRows: 20_000, maxCells: 1_000_000 } as const;

/**
 * RFC 4180 with what spreadsheets actually write: quoted fields with "" escapes and line breaks
 * inside, CRLF, LF or CR line ends, a BOM stripped. Rows whose cells are all empty (blank lines,
 * Excel's ",,,") are skipped. A quote inside an unquoted field is kept as text, as Excel does.
 * Errors carry the line number (1-based, counting physical lines) where the problem is.
 */
export function parseCsv(
	text: string,
	limits: { maxRows?: number; maxCells?: number } = {}
): string[][] {
	const maxRows = limits.maxRows ?? CSV_DEFAULT_LIMITS.maxRows;
	const maxCells = limits.maxCells ?? CSV_DEFAULT_LIMITS.maxCells;
	const s = text.startsWith(BOM) ? text.slice(1) : text;
	const rows: string[][] = [];
	let cells = 0;
	let row: string[] = [];
	let field = '';
	let line = 1;
	let rowLine = 1;
	let i = 0;

	const endRow = (): void => {
		row.push(field);
		field = '';
		if (row.some((c) => c !== '')) {
			if (rows.length >= maxRows) throw new CsvError(rowLine, `more than ${maxRows} rows`);
			cells += row.length;
			if (cells > maxCells) throw new CsvError(rowLine, `more than ${maxCells} cells`);
			rows.push(row);
		}
		row = [];
	};
	/** Consumes a line end at i (CRLF, LF or CR); false when there is none. */
	const lineEnd = (): boolean => {
		if (s[i] === '\r') i += s[i + 1] === '\n' ? 2 : 1;
		else if (s[i] === '\n') i += 1;
		else return false;
		line++;
		return true;
	};

	while (i < s.length) {
		if (s[i] === '"' && field === '') {
			const openedOn = line;
			i++;
			for (;;) {
				if (i >= s.length) throw new CsvError(openedOn, 'a quoted cell is never closed');
				if (s[i] === '"') {
					if (s[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (lineEnd()) field += '\n';
				else field += s[i++];
			}
			if (i < s.length && s[i] !== ',' && s[i] !== '\r' && s[i] !== '\n') {
				throw new CsvError(line, 'text after a closing quote (write "" for a quote inside)');
			}
			continue; // the next character is a comma, a line end or the end
		}
		if (s[i] === ',') {
			row.push(field);
			field = '';
			i++;
		} else if (lineEnd()) {
			endRow();
			rowLine = line;
		} else {
			field += s[i++];
		}
	}
	if (row.length > 0 || field !== '') endRow();
	return rows;
}

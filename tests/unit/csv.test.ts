import { describe, expect, it } from 'vitest';
import { CsvError, decodeTextFile, parseCsv, toCsv } from '../../server/files/csv';

describe('toCsv writes what Excel opens', () => {
	it('starts with a UTF-8 BOM and ends every row with CRLF', () => {
		const csv = toCsv([
			['网格', '诉求数'],
			['一网格', 12]
		]);
		expect(csv).toBe('\uFEFF网格,诉求数\r\n一网格,12\r\n');
		expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
	});

	it('quotes commas, quotes and line breaks; empty for null, undefined and NaN', () => {
		expect(toCsv([['a,b', 'say "hi"', 'two\nlines', null, undefined, Number.NaN, 0]])).toBe(
			'\uFEFF"a,b","say ""hi""","two\nlines",,,,0\r\n'
		);
	});

	it('defuses formulas in text cells but leaves numbers alone', () => {
		const csv = toCsv([
			['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', -5, 3.5]
		]);
		expect(csv).toBe(
			'\uFEFF"\'=HYPERLINK(""http://x"")",\'+1,\'-2+3,\'@SUM(A1),\'\tx,"\'\rx",-5,3.5\r\n'
		);
	});

	it('round-trips through parseCsv (formula guard aside)', () => {
		const rows = [
			['姓名', '电话', '住址'],
			['张三', '13812345678', '3号楼, 2单元\n"东"门'],
			['', 'x', '']
		];
		expect(parseCsv(toCsv(rows))).toEqual(rows);
	});
});

describe('decodeTextFile', () => {
	// "姓名,电话\r\n张三,13812345678" as GBK bytes, the way Chinese Excel saves a CSV.
	const gbk = Uint8Array.from([
		0xd0,
		0xd5,
		0xc3,
		0xfb,
		0x2c,
		0xb5,
		0xe7,
		0xbb,
		0xb0,
		0x0d,
		0x0a,
		0xd5,
		0xc5,
		0xc8,
		0xfd,
		0x2c,
		...Buffer.from('13812345678')
	]);

	it('reads GBK/GB18030 when the bytes are not UTF-8', () => {
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
		expect(decodeTextFile(gbk)).toBe('姓名,电话\r\n张三,13812345678');
	});

	it('reads UTF-8 with or without a BOM, and UTF-16 with one', () => {
		const text = '姓名,电话\r\n张三,13812345678';
		expect(decodeTextFile(Buffer.from(text))).toBe(text);
		expect(decodeTextFile(Buffer.from('\uFEFF' + text))).toBe(text);
		expect(
			decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))
		).toBe(text);
	});
});

describe('parseCsv', () => {
	it('handles quotes, "" escapes, line breaks inside quotes, CRLF, LF and CR', () => {
		expect(parseCsv('\uFEFFa,"b,c","say ""hi"""\r\n"multi\r\nline",2,3\nx,y,z\rlast,,')).toEqual([
			['a', 'b,c', 'say "hi"'],
			['multi\nline', '2', '3'],
			['x', 'y', 'z'],
			['last', '', '']
		]);
	});

	it('skips blank lines and rows of empty cells', () => {
		expect(parseCsv('a,b\r\n\r\n,,\r\n\nc,d\r\n\r\n')).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
	});

	it('keeps a stray quote inside an unquoted cell as text', () => {
		expect(parseCsv('5"寸,b')).toEqual([['5"寸', 'b']]);
	});

	it('names the line where a quoted cell opened and never closed', () => {
		const err = catchCsv(() => parseCsv('a,b\r\nc,"open\r\nmore\r\n'));
		expect(err.line).toBe(2);
		expect(err.message).toMatch(/Line 2: .*never closed/);
	});

	it('names the line with text after a closing quote', () => {
		expect(catchCsv(() => parseCsv('a\n"x\ny"z,1')).line).toBe(3);
	});

	it('stops at the row and cell limits, naming the line', () => {
		expect(parseCsv('a\nb\nc', { maxRows: 3 })).toHaveLength(3);
		const rows = catchCsv(() => parseCsv('a\n\nb\nc\nd', { maxRows: 2 }));
		expect(rows.line).toBe(4);
		expect(rows.message).toMatch(/more than 2 rows/);
		expect(catchCsv(() => parseCsv('a,b\nc,d\ne,f', { maxCells: 5 })).line).toBe(3);
	});
});

function catchCsv(run: () => unknown): CsvError {
	try {
		run();
	} catch (e) {
		if (e instanceof CsvError) return e;
		throw e;
	}
	throw new Error('expected a CsvError');
}

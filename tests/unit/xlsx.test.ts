import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readXlsxRows, safeSheetName, writeXlsx, XlsxError } from '../../server/files/xlsx';

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
	return workbook;
}

async function refusal(bytes: Uint8Array, limits?: Parameters<typeof readXlsxRows>[1]) {
	try {
		await readXlsxRows(bytes, limits);
	} catch (e) {
		expect(e).toBeInstanceOf(XlsxError);
		return (e as Error).message;
	}
	throw new Error('expected an XlsxError');
}

/** A ZIP written by hand, so a test can make it lie about sizes. */
function zip(entries: { name: string; data: Uint8Array; declaredSize?: number }[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const name = Buffer.from(e.name);
		const packed = deflateRawSync(e.data);
		const size = e.declaredSize ?? e.data.length;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(crc32(e.data), 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(crc32(e.data), 16);
		central.writeUInt32LE(packed.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, packed);
		centrals.push(central, name);
		offset += 30 + name.length + packed.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Uint8Array.from(Buffer.concat([...locals, cd, end]));
}

describe('writeXlsx', () => {
	it('round-trips Chinese text, numbers and empty cells through readXlsxRows', async () => {
		const bytes = await writeXlsx([
			{
				name: '诉求统计',
				rows: [
					['网格', '诉求数', '解决率', '联系电话'],
					['一网格', 12, 0.75, '13812345678'],
					['二网格（老旧小区）', 0, null, '=1+1'],
					[]
				],
				columnWidths: [20, 10]
			},
			{ name: '第二页', rows: [['x']] }
		]);
		expect(await readXlsxRows(bytes)).toEqual([
			['网格', '诉求数', '解决率', '联系电话'],
			['一网格', '12', '0.75', '13812345678'],
			['二网格（老旧小区）', '0', '', '=1+1']
		]);
		const workbook = await loadWorkbook(bytes);
		const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
		expect(sheet.name).toBe('诉求统计');
		expect(sheet.getCell('A1').font?.bold).toBe(true);
		expect(sheet.getCell('A2').font?.bold).toBeFalsy();
		expect(sheet.getColumn(1).width).toBe(20);
		expect(sheet.getCell('D3').type).toBe(ExcelJS.ValueType.String); // text, never a formula
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['诉求统计', '第二页']);
	});

	it('makes sheet names Excel accepts: no []:*?/\\, at most 31 characters, distinct', async () => {
		const long = '第一街道第二社区第三网格第四楼栋党员中心户诉求统计表二〇二六年十一月';
		expect(safeSheetName('网格/楼栋[2026]:统计*?\\')).toBe('网格_楼栋_2026__统计___');
		expect([...safeSheetName(long)]).toHaveLength(31);
		const bytes = await writeXlsx([
			{ name: long, rows: [['a']] },
			{ name: long, rows: [['b']] },
			{ name: "'", rows: [] }
		]);
		const names = (await loadWorkbook(bytes)).worksheets.map((w) => w.name);
		expect(names).toEqual([
			[...long].slice(0, 31).join(''),
			[...long].slice(0, 27).join('') + ' (2)',
			'Sheet'
		]);
	});
});

describe('readXlsxRows turns every cell into text', () => {
	it('dates as YYYY-MM-DD, rich text flattened, formulas as their result, links as their text', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('导入');
		sheet.addRow(['日期', '说明', '合计', '链接', '是否', '错误']);
		sheet.addRow([
			new Date(Date.UTC(2026, 1, 14)),
			{ richText: [{ text: '三号楼' }, { font: { bold: true }, text: '漏水' }] },
			{ formula: 'SUM(1,2)', result: 3 },
			{ text: '通知', hyperlink: 'https://example.org' },
			true,
			{ error: '#N/A' }
		]);
		sheet.addRow([null, null, { formula: 'A1&"x"', result: '日期x' }]);
		sheet.getCell('F5').value = '远处的格';
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		expect(await readXlsxRows(bytes)).toEqual([
			['日期', '说明', '合计', '链接', '是否', '错误'],
			['2026-02-14', '三号楼漏水', '3', '通知', 'TRUE', '#N/A'],
			['', '', '日期x'],
			['', '', '', '', '', '远处的格']
		]);
	});
});

describe('readXlsxRows refuses what it cannot safely read, with a clear message', () => {
	it('random bytes', async () => {
		const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251);
		expect(await refusal(random)).toMatch(/not a usable Excel workbook/);
	});

	it('a workbook cut in half, and one with a corrupted byte in the middle', async () => {
		const good = await writeXlsx([{ name: 'a', rows: [['一', '二']] }]);
		expect(await refusal(good.subarray(0, good.length >> 1))).toMatch(/not a usable Excel/);
		const corrupt = Uint8Array.from(good);
		corrupt[200] = (corrupt[200] as number) ^ 0xff;
		expect(await refusal(corrupt)).toMatch(/not a usable Excel/);
	});

	it('a ZIP that is not a workbook', async () => {
		const other = zip([{ name: 'readme.txt', data: Buffer.from('你好') }]);
		expect(await refusal(other)).toMatch(/not a usable Excel|no worksheet/);
	});

	it('an old .xls file, by name of the fix', async () => {
		const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
		expect(await refusal(xls)).toMatch(/\.xls.*save it as \.xlsx/);
	});

	it('a file over the size limit, before reading it', async () => {
		const good = await writeXlsx([{ name: 'a', rows: [['x']] }]);
		expect(await refusal(good, { maxBytes: 100 })).toMatch(/larger than/);
		expect(await refusal(new Uint8Array(5 * 1024 * 1024 + 1))).toMatch(/larger than 5 MiB/);
	});

	it('more rows than the limit', async () => {
		const rows = Array.from({ length: 30 }, (_, i) => [`第${i}行`]);
		const bytes = await writeXlsx([{ name: 'a', rows }]);
		expect(await readXlsxRows(bytes, { maxRows: 30 })).toHaveLength(30);
		expect(await refusal(bytes, { maxRows: 29 })).toMatch(/more than 29 rows/);
	});

	it('a zip bomb that declares its size honestly (over 50 MiB unpacked)', async () => {
		const bomb = zip([
			{ name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(51 * 1024 * 1024) }
		]);
		expect(bomb.length).toBeLessThan(100_000);
		expect(await refusal(bomb)).toMatch(/unpacks to more than/);
	});

	it('a zip bomb that lies about its size', async () => {
		const bomb = zip([
			{
				name: 'xl/worksheets/sheet1.xml',
				data: new Uint8Array(20 * 1024 * 1024),
				declaredSize: 100
			}
		]);
		expect(await refusal(bomb)).toMatch(/inflates to more than it declares/);
	});
});

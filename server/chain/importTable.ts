import { normalizeMobile } from '../../src/lib/domain/phone';
import type { Role } from '../../src/lib/domain/roles';

/** The columns of a resident import, by their Chinese headers (the template's first row). */
export const IMPORT_COLUMNS = {
	grid: '网格',
	building: '楼栋',
	room: '房号',
	name: '姓名',
	phone: '手机号',
	role: '身份'
} as const;
type Column = keyof typeof IMPORT_COLUMNS;
const REQUIRED: Column[] = ['grid', 'building', 'room', 'name', 'phone'];

/** 身份 words and the role each adds besides `resident` (null: a resident only). */
export const IMPORT_ROLES: Record<string, Role | null> = {
	居民: null,
	党员: 'party_member',
	志愿者: 'volunteer',
	网格长: 'grid_leader',
	楼栋长: 'building_leader',
	党员中心户: 'household_contact'
};

export const MAX_IMPORT_ROWS = 20_000;
const MAX_CELL = 40;

export interface ImportRow {
	/** The row's number in the sheet, the header being row 1. */
	line: number;
	grid: string;
	building: string;
	room: string;
	name: string;
	phone: string;
	role: Role | null;
}

export type RowProblem = 'badPhone' | 'duplicatePhone' | 'missingField' | 'badRole';

export interface ParsedImport {
	rows: ImportRow[];
	problems: { line: number; problem: RowProblem }[];
	/** Header problems: nothing is imported while there are any. */
	missingColumns: string[];
	unknownColumns: string[];
}

/**
 * Checks every row on its own: a bad row is reported with its line and left out, the rest can
 * still be imported. Headers are matched after trimming, so "手机号 " is still 手机号.
 */
export function parseImport(table: string[][]): ParsedImport {
	const [header = [], ...body] = table;
	const names = header.map((h) => h.trim());
	const known = new Map(Object.entries(IMPORT_COLUMNS).map(([k, v]) => [v as string, k as Column]));
	const index = new Map<Column, number>();
	const unknownColumns: string[] = [];
	names.forEach((h, i) => {
		const col = known.get(h);
		if (col) index.set(col, i);
		else if (h) unknownColumns.push(h.slice(0, MAX_CELL));
	});
	const missingColumns = REQUIRED.filter((c) => !index.has(c)).map((c) => IMPORT_COLUMNS[c]);
	const out: ParsedImport = { rows: [], problems: [], missingColumns, unknownColumns };
	if (missingColumns.length > 0) return out;

	const seen = new Set<string>();
	body.forEach((cells, i) => {
		const line = i + 2;
		const cell = (c: Column) => {
			const at = index.get(c);
			// A leading ' is how spreadsheets (and our own CSV export) mark "text, not a formula".
			const raw = at === undefined ? '' : (cells[at] ?? '').trim().replace(/^'/, '');
			return raw.slice(0, MAX_CELL);
		};
		const phone = normalizeMobile(cell('phone'));
		const roleWord = cell('role') || '居民';
		const problem: RowProblem | null =
			!cell('grid') || !cell('building') || !cell('name')
				? 'missingField'
				: !phone
					? 'badPhone'
					: seen.has(phone)
						? 'duplicatePhone'
						: !(roleWord in IMPORT_ROLES)
							? 'badRole'
							: null;
		if (problem) {
			out.problems.push({ line, problem });
			return;
		}
		seen.add(phone!);
		out.rows.push({
			line,
			grid: cell('grid'),
			building: cell('building'),
			room: cell('room'),
			name: cell('name'),
			phone: phone!,
			role: IMPORT_ROLES[roleWord] ?? null
		});
	});
	return out;
}

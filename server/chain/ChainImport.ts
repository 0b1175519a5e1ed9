import { ROLE_UNIT_KIND } from '../../src/lib/domain/roles';
import type { AccessService } from '../access/AccessService';
import { generateToken } from '../auth/tokens';
import type { Stores } from '../storage/Stores';
import type { Unit } from '../storage/types';
import { CsvError, toCsv } from '../files/csv';
import { XlsxError } from '../files/xlsx';
import type { SheetWorker } from '../files/sheets/SheetWorker';
import { SheetBusyError } from '../files/sheets/SheetWorker';
import {
	IMPORT_COLUMNS,
	MAX_IMPORT_ROWS,
	parseImport,
	type ImportRow,
	type ParsedImport,
	type RowProblem
} from './importTable';

export interface ImportPlan {
	rows: number;
	newGrids: number;
	newBuildings: number;
	newPeople: number;
	unchanged: number;
	problems: { line: number; problem: RowProblem | 'phoneElsewhere' }[];
	missingColumns: string[];
	unknownColumns: string[];
	/** False while the header has problems: nothing would be imported. */
	importable: boolean;
}

const HELD_MS = 15 * 60 * 1000;
const MAX_HELD = 20;
/**
 * Rows held over all previews: a parsed 20,000-row file is ~2 MB of heap (bench/scale.ts), so
 * previews never hold more than ~20 MB; the oldest are dropped first.
 */
const MAX_HELD_ROWS = 200_000;
/** Rows checked or written between two turns of the event loop. */
const ROWS_PER_TURN = 250;

/**
 * A secretary's spreadsheet of residents, previewed and then applied. Grids and buildings are
 * matched by name within the community and people by mobile number, so importing the same file
 * again creates nothing. Imported people are active residents with no password: they choose one
 * with a code sent to their phone (registration), which does not create a second account.
 *
 * Between the preview and the confirmation the parsed file is held here (in memory, one process,
 * a quarter of an hour), under a random key the preview page carries: at most 20 previews and
 * 200,000 rows in all, one per secretary and community.
 */
export class ChainImport {
	#held = new Map<
		string,
		{ communityId: string; userId: string; parsed: ParsedImport; at: number }
	>();

	constructor(
		private readonly stores: Stores,
		private readonly access: AccessService,
		private readonly now: () => number,
		private readonly sheets: SheetWorker
	) {}

	/** The template a secretary fills in: the header and one example row. */
	template(): string {
		const header = Object.values(IMPORT_COLUMNS);
		return toCsv([header, ['一网格', '1号楼', '1单元101', '张三', '13800000000', '居民']]);
	}

	/**
	 * Reads an uploaded CSV or .xlsx (in the sheet worker) and previews it; 'badFile' if it is
	 * neither, 'busy' when the worker already has a queue of spreadsheets.
	 */
	async previewFile(communityId: string, userId: string, bytes: Uint8Array) {
		let table: string[][];
		try {
			table = await this.sheets.readTable(bytes, MAX_IMPORT_ROWS + 1);
		} catch (err) {
			if (err instanceof CsvError || err instanceof XlsxError) return 'badFile' as const;
			if (err instanceof SheetBusyError) return 'busy' as const;
			throw err;
		}
		return this.preview(communityId, userId, table);
	}

	/** Checks a table, keeps it for `apply`, and says what applying it would do. */
	async preview(communityId: string, userId: string, table: string[][]) {
		const parsed = parseImport(table);
		const plan = await this.#plan(communityId, parsed, false);
		const now = this.now();
		for (const [k, v] of this.#held) {
			// Expired, or this secretary's earlier preview of the same community (now replaced).
			const replaced = v.userId === userId && v.communityId === communityId;
			if (now - v.at > HELD_MS || replaced) this.#held.delete(k);
		}
		let rows = parsed.rows.length;
		for (const v of this.#held.values()) rows += v.parsed.rows.length;
		// Oldest first (a Map keeps insertion order) until both bounds hold.
		for (const [k, v] of this.#held) {
			if (this.#held.size < MAX_HELD && rows <= MAX_HELD_ROWS) break;
			rows -= v.parsed.rows.length;
			this.#held.delete(k);
		}
		const key = generateToken();
		this.#held.set(key, { communityId, userId, parsed, at: now });
		return { key, plan };
	}

	/** Applies a previewed table in one transaction; null if the key is unknown or not theirs. */
	async apply(communityId: string, userId: string, key: string): Promise<ImportPlan | null> {
		const held = this.#held.get(key);
		if (!held || held.communityId !== communityId || held.userId !== userId) return null;
		if (this.now() - held.at > HELD_MS) return null;
		this.#held.delete(key);
		return this.stores.transaction(() => this.#plan(communityId, held.parsed, true));
	}

	/** What the rows would create (`write` false) or creates them (`write` true). */
	async #plan(communityId: string, parsed: ParsedImport, write: boolean): Promise<ImportPlan> {
		const s = this.stores;
		const importable = parsed.missingColumns.length === 0 && parsed.unknownColumns.length === 0;
		const plan: ImportPlan = {
			rows: parsed.rows.length + parsed.problems.length,
			newGrids: 0,
			newBuildings: 0,
			newPeople: 0,
			unchanged: 0,
			problems: [...parsed.problems],
			missingColumns: parsed.missingColumns,
			unknownColumns: parsed.unknownColumns,
			importable
		};
		if (!importable) return plan;
		const grids = new Map<string, Unit | 'new'>();
		for (const g of await s.org.children(communityId)) if (g.kind === 'grid') grids.set(g.name, g);
		const buildings = new Map<string, Unit | 'new'>();
		const changed = new Set<string>();

		let done = 0;
		for (const row of parsed.rows) {
			// A 5,000-row file takes seconds here: let other requests run in between. (During
			// `apply` other writes queue behind the transaction; reads on the shared connection can
			// see its rows before the commit.)
			if (++done % ROWS_PER_TURN === 0) await new Promise((r) => setImmediate(r));
			const resident = await s.residents.byPhone(row.phone);
			const account = resident ? null : await s.users.byUsername(row.phone);
			if ((resident && resident.communityId !== communityId) || account) {
				plan.problems.push({ line: row.line, problem: 'phoneElsewhere' });
				continue;
			}
			let grid = grids.get(row.grid);
			if (!grid) {
				plan.newGrids++;
				grid = write ? await this.#addUnit(communityId, 'grid', row.grid) : 'new';
				grids.set(row.grid, grid);
			}
			const bKey = `${row.grid}\u0000${row.building}`;
			if (!buildings.has(bKey) && grid !== 'new') {
				for (const b of await s.org.children(grid.id))
					if (b.kind === 'building') buildings.set(`${row.grid}\u0000${b.name}`, b);
			}
			let building = buildings.get(bKey);
			if (!building) {
				plan.newBuildings++;
				building =
					write && grid !== 'new' ? await this.#addUnit(grid.id, 'building', row.building) : 'new';
				buildings.set(bKey, building);
			}
			if (resident) plan.unchanged++;
			else plan.newPeople++;
			if (!write || grid === 'new' || building === 'new') continue;
			const userId = resident?.userId ?? (await this.#addPerson(communityId, grid, building, row));
			if (row.role) {
				const unit = ROLE_UNIT_KIND[row.role].includes('community')
					? communityId
					: ROLE_UNIT_KIND[row.role].includes('grid')
						? grid.id
						: building.id;
				const had = await s.org.membershipsOf(userId);
				if (!had.some((m) => m.unitId === unit && m.role === row.role)) {
					await s.org.addMembership({ userId, unitId: unit, role: row.role });
					changed.add(userId);
				}
			}
		}
		for (const userId of changed) this.access.changed(userId);
		plan.problems.sort((a, b) => a.line - b.line);
		return plan;
	}

	async #addUnit(parentId: string, kind: 'grid' | 'building', name: string): Promise<Unit> {
		const unit: Unit = {
			id: `${parentId}-${kind === 'grid' ? 'g' : 'b'}-${generateToken(5)}`,
			parentId,
			kind,
			name,
			nameEn: ''
		};
		await this.stores.org.addUnit(unit);
		return unit;
	}

	async #addPerson(communityId: string, grid: Unit, building: Unit, row: ImportRow) {
		const userId = `u-${generateToken(10)}`;
		// No password: nobody can log in until the person proves the number with a code.
		await this.stores.users.create({
			id: userId,
			username: row.phone,
			displayName: row.name,
			passwordHash: ''
		});
		await this.stores.residents.insert({
			userId,
			communityId,
			gridId: grid.id,
			buildingId: building.id,
			room: row.room,
			phone: row.phone,
			status: 'active',
			confirmedBy: 'import',
			createdAt: this.now()
		});
		await this.stores.org.addMembership({ userId, unitId: communityId, role: 'resident' });
		return userId;
	}
}

import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import {
	BOARD_SCHEMA_VERSION,
	type ProjectCategory,
	type ProjectLevel
} from '../../src/lib/domain/board';
import { parseOverrides, WorkCalendar } from '../../src/lib/domain/workdays';
import { newBoard } from '../automerge/newBoard';
import holidays from '../calendar/cn-holidays.json';
import { toCsv, type Cell } from '../files/csv';
import { writeXlsx, type Sheet } from '../files/xlsx';
import type { Stores } from '../storage/Stores';

/**
 * What the dashboards, their exports and the problem list need from server code (src/ may only
 * import types from server/, so these come through `services().metrics`).
 */
export interface MetricsHelpers {
	/** The working-day calendar: the operator's data, or the bundled official one if none. */
	calendar(): Promise<WorkCalendar>;
	toCsv(rows: readonly (readonly Cell[])[]): string;
	writeXlsx(sheets: readonly Sheet[]): Promise<Uint8Array>;
	/**
	 * A new secretary-project board for a problem-list entry, registered in the community like the
	 * demo's: the pledge starts empty (the secretary writes it), the title is the entry's.
	 */
	createBoard(opts: {
		communityId: string;
		title: string;
		createdBy: string;
		/** The problem-list entry it answers, linked from the board. */
		problemId?: string;
		category?: ProjectCategory;
		/** Defaults: a community project owned by the community. */
		level?: ProjectLevel;
		unitId?: string;
	}): Promise<string>;
}

export function createMetricsHelpers(stores: Stores): MetricsHelpers {
	return {
		async calendar() {
			const days = await stores.calendar.all();
			return new WorkCalendar(days.length > 0 ? days : parseOverrides(holidays));
		},
		toCsv,
		writeXlsx,
		async createBoard({ communityId, title, createdBy, problemId, category, level, unitId }) {
			const boardId = parseAutomergeUrl(generateAutomergeUrl()).documentId;
			const { changes } = newBoard({
				title,
				level: level ?? 'community',
				unitId: unitId ?? communityId,
				category: category ?? 'livelihood',
				problemIds: problemId ? [problemId] : []
			});
			await stores.transaction(async () => {
				await stores.documents.register({
					id: boardId,
					kind: 'board',
					communityId,
					title,
					schemaVersion: BOARD_SCHEMA_VERSION,
					createdBy
				});
				// Authored by the secretary who made it: the server's record starts complete.
				await stores.automerge.appendChanges(boardId, changes, createdBy);
			});
			return boardId;
		}
	};
}

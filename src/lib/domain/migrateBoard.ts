import { BOARD_SCHEMA_VERSION, COMMITTEES, type Board, type Committee } from './board';

/** What a v1 board did not say and the server knows: where it belongs. */
export interface BoardDefaults {
	level: Board['level'];
	unitId: string;
	category: Board['category'];
	problemIds: string[];
}

/** The committee names v1 boards wrote as free text in a task's owner. */
const COMMITTEE_NAMES: Record<string, Committee> = {
	居委会: 'residents_committee',
	业委会: 'owners_committee',
	物业: 'property_company',
	物业公司: 'property_company'
};

/**
 * Lifts a board to the current schema in place (inside one Automerge change, made once by the
 * server). Returns false, touching nothing, when the board needs no migration — including a
 * board newer than this code, which is never rewritten. Every container v2 adds is made here,
 * once, so no client ever creates one lazily.
 */
export function migrateBoard(doc: Record<string, unknown>, defaults: BoardDefaults): boolean {
	const version = doc.schemaVersion;
	if (typeof version !== 'number' || version >= BOARD_SCHEMA_VERSION) return false;
	if (version < 2) toV2(doc, defaults);
	doc.schemaVersion = BOARD_SCHEMA_VERSION;
	return true;
}

function toV2(doc: Record<string, unknown>, defaults: BoardDefaults) {
	doc.level = defaults.level;
	doc.unitId = defaults.unitId;
	doc.category = defaults.category;
	doc.problemIds = [...defaults.problemIds];
	const pledge = asRecord(doc.pledge) ?? (doc.pledge = {} as Record<string, unknown>);
	const owner = typeof pledge.owner === 'string' ? pledge.owner.trim() : '';
	pledge.responsible = owner ? [owner] : [];
	delete pledge.owner;
	for (const key of ['goal', 'measures', 'deadline', 'budget'] as const) {
		if (typeof pledge[key] !== 'string') pledge[key] = '';
	}
	pledge.fundingSources = [];
	const tasks = asRecord(doc.tasks) ?? (doc.tasks = {} as Record<string, unknown>);
	for (const value of Object.values(tasks)) {
		const task = asRecord(value);
		if (!task) continue;
		const name = typeof task.owner === 'string' ? task.owner.trim() : '';
		const committee = COMMITTEE_NAMES[name];
		// A free-text name that is no committee stays as written (shown as text, not a link).
		if (committee && (COMMITTEES as readonly string[]).includes(committee)) {
			task.owner = `committee:${committee}`;
		}
		task.checklist = {};
		task.waivedReason = '';
	}
	doc.progress = {};
}

function asRecord(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

/**
 * The shape of a secretary-project board's Automerge document. Every container (the pledge and
 * its lists, the tasks, each task's checklist, the progress log) is made when the document is
 * made, on the server: two offline clients that each created `tasks` lazily would produce a
 * conflict and one side's tasks would vanish. Keyed maps ordered by `rank` (tasks, checklist
 * items, progress entries) so moving or adding never races a list edit.
 *
 * Residents read the board, and a reader sees a CRDT's whole history: nothing internal goes in.
 * The stage and the published pledge are server records (see projects.ts), never fields here.
 *
 * v2 (issue 5) added level, unit, category, problem links, the full pledge, task owners as
 * references, checklists, waived tasks, and the progress log; migrateBoard.ts lifts a v1 board.
 */
export const BOARD_SCHEMA_VERSION = 2;

export const PROJECT_LEVELS = ['district', 'street', 'community', 'department'] as const;
export type ProjectLevel = (typeof PROJECT_LEVELS)[number];

export const PROJECT_CATEGORIES = [
	'livelihood',
	'safety',
	'environment',
	'elderly_care',
	'culture',
	'governance',
	'other'
] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

/** The three committees of 多委合一: a task may be owned by one of them as a body. */
export const COMMITTEES = ['residents_committee', 'owners_committee', 'property_company'] as const;
export type Committee = (typeof COMMITTEES)[number];

export const TASK_STATUSES = ['todo', 'doing', 'done', 'waived'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

// Type aliases, not interfaces: Automerge wants documents assignable to Record<string, unknown>.
export type ChecklistItem = {
	id: string;
	rank: number;
	text: string;
	done: boolean;
};

export type BoardTask = {
	id: string;
	title: string;
	status: TaskStatus;
	/**
	 * One string, so two concurrent assignments resolve to one owner rather than a mix of two:
	 * `user:<id>`, `committee:<key>`, or '' (see ownerOf). Anything else is shown as written.
	 */
	owner: string;
	due: string;
	/** Collaborative text: concurrent notes from two people both survive. */
	notes: string;
	checklist: Record<string, ChecklistItem>;
	/** Why a waived task will not be done; the evaluation gate wants one. */
	waivedReason: string;
	rank: number;
	createdAt: number;
};

export type BoardPledge = {
	goal: string;
	measures: string;
	/** Names as the pledge prints them, e.g. 王建华（社区党委书记）. */
	responsible: string[];
	/** YYYY-MM-DD. */
	deadline: string;
	budget: string;
	fundingSources: string[];
};

/** A dated entry of the progress log; photos are server files referenced by id. */
export type ProgressEntry = {
	id: string;
	/** YYYY-MM-DD: the day it is about, which may be before the day it was written. */
	date: string;
	text: string;
	photoIds: string[];
	createdAt: number;
};

export type Board = {
	schemaVersion: number;
	title: string;
	level: ProjectLevel;
	/** The org unit that owns the project (a community, street, district, or department). */
	unitId: string;
	category: ProjectCategory;
	/** Problem-list entries (问题清单) this project answers. */
	problemIds: string[];
	pledge: BoardPledge;
	tasks: Record<string, BoardTask>;
	progress: Record<string, ProgressEntry>;
};

export type TaskOwner =
	{ kind: 'person'; userId: string } | { kind: 'committee'; committee: Committee };

export function ownerRef(owner: TaskOwner): string {
	return owner.kind === 'person' ? `user:${owner.userId}` : `committee:${owner.committee}`;
}

/** The owner a task's `owner` string names, or null when it names none we know. */
export function ownerOf(ref: string): TaskOwner | null {
	if (ref.startsWith('user:') && ref.length > 5) return { kind: 'person', userId: ref.slice(5) };
	const key = ref.startsWith('committee:') ? ref.slice(10) : '';
	return isCommittee(key) ? { kind: 'committee', committee: key } : null;
}

export function isCommittee(value: unknown): value is Committee {
	return typeof value === 'string' && (COMMITTEES as readonly string[]).includes(value);
}

export function isTaskStatus(value: unknown): value is TaskStatus {
	return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function isProjectLevel(value: unknown): value is ProjectLevel {
	return typeof value === 'string' && (PROJECT_LEVELS as readonly string[]).includes(value);
}

export function isProjectCategory(value: unknown): value is ProjectCategory {
	return typeof value === 'string' && (PROJECT_CATEGORIES as readonly string[]).includes(value);
}

/** An empty pledge, every list made. */
export function emptyPledge(): BoardPledge {
	return { goal: '', measures: '', responsible: [], deadline: '', budget: '', fundingSources: [] };
}

/** Tasks of one column in display order. */
export function tasksIn(board: Board, status: TaskStatus): BoardTask[] {
	return Object.values(board.tasks)
		.filter((t) => t.status === status)
		.sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
}

/** A rank that sorts after every task in the column. */
export function nextRank(board: Board, status: TaskStatus): number {
	const ranks = tasksIn(board, status).map((t) => t.rank);
	return ranks.length ? Math.max(...ranks) + 1 : 1;
}

/** A task's checklist in display order. */
export function checklistOf(task: BoardTask): ChecklistItem[] {
	return Object.values(task.checklist ?? {}).sort(
		(a, b) => a.rank - b.rank || a.id.localeCompare(b.id)
	);
}

/** The progress log, newest day first. */
export function progressLog(board: Board): ProgressEntry[] {
	return Object.values(board.progress ?? {}).sort(
		(a, b) => b.date.localeCompare(a.date) || b.createdAt - a.createdAt || a.id.localeCompare(b.id)
	);
}

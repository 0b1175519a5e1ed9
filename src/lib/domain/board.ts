/**
 * The shape of a secretary-project board's Automerge document. Every container (the pledge
 * map, the tasks map) is made when the document is made, on the server: two offline clients that
 * each created `tasks` lazily would produce a conflict and one side's tasks would vanish.
 * Tasks live in a map keyed by id, ordered by `rank`, so moving a task never races a list edit.
 */
export const BOARD_SCHEMA_VERSION = 1;

export const TASK_STATUSES = ['todo', 'doing', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

// Type aliases, not interfaces: Automerge wants documents assignable to Record<string, unknown>.
export type BoardTask = {
	id: string;
	title: string;
	status: TaskStatus;
	owner: string;
	due: string;
	/** Collaborative text: concurrent notes from two people both survive. */
	notes: string;
	rank: number;
	createdAt: number;
};

export type BoardPledge = {
	goal: string;
	measures: string;
	owner: string;
	deadline: string;
};

export type Board = {
	schemaVersion: number;
	title: string;
	pledge: BoardPledge;
	tasks: Record<string, BoardTask>;
};

export function isTaskStatus(value: unknown): value is TaskStatus {
	return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
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

import { randomUUID } from 'node:crypto';
import { nextRank, ownerRef, type Board, type TaskStatus } from '../../src/lib/domain/board';
import {
	applyServerChange,
	readServerBoard,
	type ServerChangeDeps
} from '../automerge/serverChange';

/** The state of a rectification item's task on the board, or null if the task is gone. */
export type TaskState = TaskStatus | null;

/**
 * Rectification items become ordinary board tasks, made by the server as the secretary's change
 * (so the board's history names who entered them). Returns the new task ids in item order.
 */
export async function addRectificationTasks(
	deps: ServerChangeDeps,
	boardId: string,
	items: readonly string[],
	userId: string,
	now: number
): Promise<string[]> {
	const ids = items.map(() => `rect-${randomUUID()}`);
	await applyServerChange<Board>(
		deps,
		boardId,
		(doc) => {
			let rank = nextRank(doc, 'todo');
			items.forEach((title, i) => {
				doc.tasks[ids[i]!] = {
					id: ids[i]!,
					title,
					status: 'todo',
					// The secretary who entered it owns it until someone reassigns it on the board.
					owner: ownerRef({ kind: 'person', userId }),
					due: '',
					notes: '',
					rank: rank++,
					createdAt: now,
					checklist: {},
					waivedReason: ''
				};
			});
		},
		userId
	);
	return ids;
}

/** A task's status and, when waived, why: what decides whether a rectification item is settled. */
export interface TaskStateWithReason {
	status: TaskState;
	waivedReason: string;
}

/** The state of each task id on the server's copy of the board (never the client's). */
export async function taskStates(
	deps: ServerChangeDeps,
	boardId: string,
	taskIds: readonly string[]
): Promise<Map<string, TaskStateWithReason>> {
	const board = await readServerBoard<Board>(deps, boardId);
	const out = new Map<string, TaskStateWithReason>();
	for (const id of taskIds) {
		const task = board.tasks?.[id];
		const reason = typeof task?.waivedReason === 'string' ? task.waivedReason.trim() : '';
		out.set(id, { status: task?.status ?? null, waivedReason: reason });
	}
	return out;
}

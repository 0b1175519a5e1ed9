import * as A from '@automerge/automerge';
import {
	BOARD_SCHEMA_VERSION,
	emptyPledge,
	type Board,
	type BoardPledge,
	type BoardTask,
	type ChecklistItem,
	type ProgressEntry
} from '../../src/lib/domain/board';

export interface NewBoardTask {
	id: string;
	title: string;
	status: BoardTask['status'];
	owner: string;
	due: string;
	notes?: string;
	waivedReason?: string;
	/** Item texts with whether each is done, in order. */
	checklist?: readonly { text: string; done: boolean }[];
}

export interface NewBoardInit {
	title: string;
	level: Board['level'];
	unitId: string;
	category: Board['category'];
	problemIds?: readonly string[];
	pledge?: Partial<Omit<BoardPledge, 'responsible' | 'fundingSources'>> & {
		responsible?: readonly string[];
		fundingSources?: readonly string[];
	};
	tasks?: readonly NewBoardTask[];
	progress?: readonly (Omit<ProgressEntry, 'createdAt' | 'photoIds'> & {
		photoIds: readonly string[];
	})[];
}

/**
 * A new board with every container made on the server (pledge lists, tasks, each task's
 * checklist, the progress log). Returns the changes to store, each with its hash, so the
 * server's authorship record starts complete.
 */
export function newBoard(init: NewBoardInit): {
	doc: A.Doc<Board>;
	changes: { hash: string; bytes: Uint8Array }[];
} {
	const now = Date.now();
	const tasks: Record<string, BoardTask> = {};
	(init.tasks ?? []).forEach((t, i) => {
		const checklist: Record<string, ChecklistItem> = {};
		(t.checklist ?? []).forEach((item, j) => {
			const id = `${t.id}-c${j + 1}`;
			checklist[id] = { id, rank: j + 1, text: item.text, done: item.done };
		});
		tasks[t.id] = {
			id: t.id,
			title: t.title,
			status: t.status,
			owner: t.owner,
			due: t.due,
			notes: t.notes ?? '',
			checklist,
			waivedReason: t.waivedReason ?? '',
			rank: i + 1,
			createdAt: now
		};
	});
	const progress: Record<string, ProgressEntry> = {};
	for (const p of init.progress ?? [])
		progress[p.id] = { ...p, photoIds: [...p.photoIds], createdAt: now };
	const pledge = { ...emptyPledge(), ...init.pledge };
	// Copies, never the caller's arrays: Automerge must not adopt a shared (or frozen) one.
	const doc = A.from<Board>({
		schemaVersion: BOARD_SCHEMA_VERSION,
		title: init.title,
		level: init.level,
		unitId: init.unitId,
		category: init.category,
		problemIds: [...(init.problemIds ?? [])],
		pledge: {
			...pledge,
			responsible: [...pledge.responsible],
			fundingSources: [...pledge.fundingSources]
		},
		tasks,
		progress
	});
	const changes = A.getAllChanges(doc).map((bytes) => ({
		hash: A.decodeChange(bytes).hash,
		bytes
	}));
	return { doc, changes };
}

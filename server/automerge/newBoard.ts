import * as A from '@automerge/automerge';
import { BOARD_SCHEMA_VERSION, type Board, type BoardTask } from '../../src/lib/domain/board';

/**
 * A new board with every container made on the server. Returns the changes to store, each with
 * its hash, so the server's authorship record starts complete.
 */
export function newBoard(
	init: Omit<Board, 'schemaVersion' | 'tasks'> & { tasks?: Omit<BoardTask, 'rank' | 'createdAt'>[] }
): { doc: A.Doc<Board>; changes: { hash: string; bytes: Uint8Array }[] } {
	const now = Date.now();
	const tasks: Record<string, BoardTask> = {};
	(init.tasks ?? []).forEach((t, i) => {
		tasks[t.id] = { ...t, rank: i + 1, createdAt: now };
	});
	const doc = A.from<Board>({
		schemaVersion: BOARD_SCHEMA_VERSION,
		title: init.title,
		pledge: { ...init.pledge },
		tasks
	});
	const changes = A.getAllChanges(doc).map((bytes) => ({
		hash: A.decodeChange(bytes).hash,
		bytes
	}));
	return { doc, changes };
}

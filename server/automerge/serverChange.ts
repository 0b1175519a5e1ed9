import type * as A from '@automerge/automerge';
import type { Stores } from '../storage/Stores';
import type { AutomergeSync } from './createAutomergeSync';

/** What the helpers need: `Services` has both. */
export interface ServerChangeDeps {
	stores: Pick<Stores, 'documents'>;
	automerge: Pick<AutomergeSync, 'read' | 'changeAsServer'>;
}

/** Authors recorded for changes nobody asked for (a schema migration). */
export const SYSTEM_AUTHOR = {
	migration: 'system:migration'
} as const;

export class NotABoard extends Error {}

/**
 * The one way server code changes a board: `change` runs on the server's copy as the server's
 * actor; the change is stored with `userId` as its author (the user whose request caused it, or a
 * `system:…` author), then applied, and sent to every client that has the board open. A change
 * that makes no operation stores nothing (assigning a
 * value equal to the current one IS an operation in Automerge: compare before assigning). Returns the hashes stored.
 *
 * Never change a board by appending bytes to its store directly: an open room would not see
 * them, and its next compaction would drop them.
 */
export async function applyServerChange<T>(
	deps: ServerChangeDeps,
	boardId: string,
	change: (doc: T) => void,
	userId: string
): Promise<string[]> {
	await requireBoard(deps, boardId);
	return deps.automerge.changeAsServer<T>(boardId, change, userId);
}

/**
 * The board as the server holds it: what gates and published snapshots are read from, never
 * what a client sends.
 */
export async function readServerBoard<T>(
	deps: ServerChangeDeps,
	boardId: string
): Promise<A.Doc<T>> {
	await requireBoard(deps, boardId);
	return deps.automerge.read<T>(boardId);
}

async function requireBoard(deps: ServerChangeDeps, boardId: string) {
	const doc = await deps.stores.documents.get(boardId);
	if (!doc || doc.kind !== 'board') throw new NotABoard(`no board ${boardId}`);
}

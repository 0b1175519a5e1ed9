import { ownerOf, type Board } from '../../src/lib/domain/board';
import type { OwnerCandidate } from '../../src/lib/domain/ownerLabel';
import { allows } from '../../src/lib/domain/policy';
import type { AccessService } from '../access/AccessService';
import { readServerBoard, type ServerChangeDeps } from '../automerge/serverChange';
import type { Stores } from '../storage/Stores';

export interface BoardEditContextDeps {
	stores: Stores;
	access: AccessService;
	automerge: ServerChangeDeps['automerge'];
}

/** What the board page needs beside the document to show and edit it; all from server rows. */
export interface BoardEditContext {
	/** The owning unit's name (read-only on the page). */
	unit: { id: string; name: string; nameEn: string } | null;
	/**
	 * Problem-list entries: for a writer the community's list to link from; for a reader only the
	 * entries the server's copy of the board links (the rest of the list is the secretary's).
	 */
	problems: { id: string; title: string }[];
	/** For a writer: the people a task may be given to (members who may write the board). */
	candidates: OwnerCandidate[];
	/** Display names of every person a task names as owner, and of the candidates. */
	people: Record<string, string>;
}

/** Enough for any real community's picker; older entries are rarely a new project's topic. */
const MAX_PROBLEMS = 200;

/** Null when the user may not read the board (the page answers 404 before this anyway). */
export async function boardEditContext(
	deps: BoardEditContextDeps,
	userId: string,
	boardId: string
): Promise<BoardEditContext | null> {
	const { stores, access } = deps;
	const found = await access.document(userId, boardId);
	if (!found || found.doc.kind !== 'board') return null;
	const communityId = found.doc.communityId;
	const writer = found.level === 'write';
	const board = await readServerBoard<Board>(deps, boardId);
	const project = await stores.projects.get(boardId);
	const unit = await stores.org.unit(project?.unitId ?? communityId);

	const linked = new Set(Array.isArray(board.problemIds) ? board.problemIds : []);
	const problems = (await stores.demands.problems(communityId))
		.filter((p) => writer || linked.has(p.id))
		.sort((a, b) => b.createdAt - a.createdAt)
		.slice(0, MAX_PROBLEMS)
		.map((p) => ({ id: p.id, title: p.title }));

	const candidates: OwnerCandidate[] = [];
	const people: Record<string, string> = {};
	if (writer) {
		const members = await stores.org.membersOf(communityId);
		const ids = new Set(
			members.filter((m) => allows('board', m.role, 'write')).map((m) => m.userId)
		);
		for (const id of ids) {
			const u = await stores.users.byId(id);
			if (!u || u.disabled) continue;
			candidates.push({ id, name: u.displayName });
			people[id] = u.displayName;
		}
	}
	for (const task of Object.values(board.tasks ?? {})) {
		const owner = ownerOf(typeof task?.owner === 'string' ? task.owner : '');
		if (owner?.kind !== 'person' || people[owner.userId]) continue;
		const u = await stores.users.byId(owner.userId);
		if (u) people[owner.userId] = u.displayName;
	}
	return {
		unit: unit ? { id: unit.id, name: unit.name, nameEn: unit.nameEn } : null,
		problems,
		candidates,
		people
	};
}

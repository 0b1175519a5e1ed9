import type { AgendaItem } from '../../src/lib/domain/agendaItems';
import { ownerOf } from '../../src/lib/domain/board';
import { committeesOf } from '../../src/lib/domain/meetings';
import { ROLES, type Role } from '../../src/lib/domain/roles';
import type { AccessService } from '../access/AccessService';
import type { MeetingRecord } from '../storage/MeetingStore';
import type { Stores } from '../storage/Stores';
import { agendaChoices } from './agendaChoices';
import type { DecisionTasks, DecisionTaskState } from './DecisionTasks';
import { readServerAgenda } from './readServerAgenda';

/** One item of the current revision as the meeting page shows it; all from server records. */
export interface MeetingItemView {
	id: string;
	topic: string;
	raisedBy: AgendaItem['raisedBy'];
	minutes: number | null;
	decision: AgendaItem['decision'];
	/** `user:<id>` / `committee:<key>` as written; the name is in `names`. */
	owner: string;
	due: string;
	/** What it links to, with a label only where this viewer could open the record. */
	link: { kind: 'demand' | 'project'; id: string; label: string | null } | null;
	/**
	 * Who wrote it: the user the server bound the element's creating Yjs client id to, with the
	 * role they hold in the community (a committee first). Null for the seed or an unknown id.
	 */
	author: { userId: string; role: Role | null } | null;
	/** The task its decision became, and that task's state on the board's server copy. */
	task: (DecisionTaskState & { readable: boolean }) | null;
}

export interface MeetingItemsDeps {
	stores: Stores;
	access: AccessService;
	decisions: Pick<DecisionTasks, 'states'>;
}

/** The author's role as the page labels it: their committee, else their first role. */
function authorRole(roles: Set<Role>): Role | null {
	return committeesOf(roles)[0] ?? ROLES.find((r) => roles.has(r)) ?? null;
}

/**
 * The items of a meeting's current agenda revision for one viewer, and the display names they
 * need (authors, owners). Nothing here comes from a client's claim: the items from the server's
 * copy of the agenda, authors from the client-id record, task states from the boards.
 */
export async function meetingItems(
	deps: MeetingItemsDeps,
	userId: string,
	meeting: MeetingRecord
): Promise<{ items: MeetingItemView[]; names: Record<string, string> }> {
	const { stores, access } = deps;
	const [items, owners, tasks, choices] = await Promise.all([
		readServerAgenda(stores.yjs, meeting.agendaId),
		stores.yjs.clientOwners(meeting.agendaId),
		deps.decisions.states(meeting.id),
		agendaChoices({ stores, access }, userId, meeting.agendaId)
	]);
	const names: Record<string, string> = { ...choices?.names };
	const labels = new Map((choices?.links ?? []).map((l) => [l.value, l.label]));
	const roles = new Map<string, Promise<Role | null>>();
	const readable = new Map<string, Promise<boolean>>();
	const out: MeetingItemView[] = [];
	for (const item of items) {
		const authorId = item.createdByClient === null ? undefined : owners.get(item.createdByClient);
		let author: MeetingItemView['author'] = null;
		if (authorId && !authorId.startsWith('system:')) {
			if (!roles.has(authorId))
				roles.set(
					authorId,
					access.rolesIn(authorId, meeting.communityId).then((r) => authorRole(r))
				);
			author = { userId: authorId, role: (await roles.get(authorId)) ?? null };
			await nameOf(stores, names, authorId);
		}
		const owner = ownerOf(item.owner);
		if (owner?.kind === 'person') await nameOf(stores, names, owner.userId);
		const task = tasks.find((t) => t.itemId === item.id) ?? null;
		if (task && !readable.has(task.boardId))
			readable.set(
				task.boardId,
				access.document(userId, task.boardId).then((d) => d !== null)
			);
		out.push({
			id: item.id,
			topic: item.topic,
			raisedBy: item.raisedBy,
			minutes: item.minutes,
			decision: item.decision,
			owner: item.owner,
			due: item.due,
			link: item.link && {
				...item.link,
				label: labels.get(`${item.link.kind}:${item.link.id}`) ?? null
			},
			author,
			task: task && { ...task, readable: (await readable.get(task.boardId)) ?? false }
		});
	}
	return { items: out, names };
}

async function nameOf(stores: Stores, names: Record<string, string>, userId: string) {
	if (names[userId]) return;
	const u = await stores.users.byId(userId);
	if (u) names[userId] = u.displayName;
}

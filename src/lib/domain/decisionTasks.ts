import type { AgendaItem } from './agendaItems';
import { ownerOf } from './board';
import { BOARD_LIMITS } from './boardLimits';

/** A task an agreed decision becomes: where it goes and what it says. */
export interface DecisionTask {
	itemId: string;
	/** The board task's id: one per item, so making it twice changes nothing. */
	taskId: string;
	/** The linked project's board, or null for the community's action list. */
	projectBoardId: string | null;
	title: string;
	owner: string;
	due: string;
	notes: string;
}

export interface DecisionTaskContext {
	meetingId: string;
	/** Board ids of this community's secretary projects: only these can take a task. */
	projects: ReadonlySet<string>;
	/** Items whose decision already became a task (a minuted correction). */
	done: ReadonlySet<string>;
	/** Title when an item has no topic. */
	untitled: string;
	/** The back-link line at the end of the task's notes. */
	backLink: (path: string) => string;
}

/** The meeting page's anchor of one item: the task's notes link back to it. */
export function itemPath(meetingId: string, itemId: string): string {
	return `/m/${meetingId}#item-${itemId}`;
}

/** The task id an item's decision gets on a board. */
export function decisionTaskId(itemId: string): string {
	return `agenda-${itemId}`;
}

/**
 * Which items' decisions become tasks, in agenda order: agreed, with an owner a board names
 * (`user:<id>` or `committee:<key>`) and a due date, and not made before. An item linking a
 * project of this community goes on that board; anything else (a demand, a project elsewhere,
 * no link) goes on the action list.
 */
export function decisionTasks(
	items: readonly AgendaItem[],
	ctx: DecisionTaskContext
): DecisionTask[] {
	const out: DecisionTask[] = [];
	for (const item of items) {
		if (item.decision !== 'agreed' || !ownerOf(item.owner) || !item.due) continue;
		if (ctx.done.has(item.id)) continue;
		const project = item.link?.kind === 'project' && ctx.projects.has(item.link.id);
		const title = [...(item.topic || ctx.untitled)].slice(0, BOARD_LIMITS.title).join('');
		const back = ctx.backLink(itemPath(ctx.meetingId, item.id));
		out.push({
			itemId: item.id,
			taskId: decisionTaskId(item.id),
			projectBoardId: project ? item.link!.id : null,
			title,
			owner: item.owner,
			due: item.due,
			notes: item.notes ? `${item.notes}\n\n${back}` : back
		});
	}
	return out;
}

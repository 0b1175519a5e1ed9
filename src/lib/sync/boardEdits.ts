import { Automerge } from '@automerge/automerge-repo/slim';
import { checklistOf, isProjectCategory, isProjectLevel, type Board } from '../domain/board';
import { BOARD_LIMITS } from '../domain/boardLimits';

/**
 * The edits the board page makes, each a function run inside one `handle.change`, so that every
 * click or keystroke is one Automerge change that merges with what others did offline:
 *
 * - Free text (title, goal, measures, budget, names, checklist items, progress text) is diffed
 *   into the existing text with `updateText`, so two people typing into the same field both keep
 *   their words.
 * - Single choices (level, category, deadline, a task's owner and due date, a checkbox) are
 *   replaced whole: two concurrent choices resolve to one of them, never to a mix.
 * - Lists add at the end and remove by value, not by a position read earlier: an entry another
 *   phone inserted meanwhile is never the one removed.
 * - New tasks, checklist items and progress entries are new keys with fresh random ids (newId.ts),
 *   so no two replicas ever create the same key (board.ts says why containers are never lazy).
 *
 * Components reach these through `BoardSession.edit((d, E) => E.setTitle(d, …))`, never by
 * importing this module: it pulls in Automerge, which the page loads only with the session.
 */

export type PledgeText = 'goal' | 'measures' | 'budget';
export type PledgeList = 'responsible' | 'fundingSources';

const LIMITS = BOARD_LIMITS;

const clip = (value: string, max: number) => [...value].slice(0, max).join('');

function text(d: Board, path: (string | number)[], value: string) {
	Automerge.updateText(d, path, value);
}

export function setTitle(d: Board, value: string) {
	text(d, ['title'], clip(value, LIMITS.title));
}

export function setLevel(d: Board, value: string) {
	if (isProjectLevel(value) && d.level !== value) d.level = value;
}

export function setCategory(d: Board, value: string) {
	if (isProjectCategory(value) && d.category !== value) d.category = value;
}

export function setPledgeText(d: Board, field: PledgeText, value: string) {
	text(d, ['pledge', field], clip(value, field === 'budget' ? LIMITS.budget : LIMITS.pledgeText));
}

/** A date input gives "YYYY-MM-DD" or '' (cleared). */
export function setDeadline(d: Board, value: string) {
	if (/^(\d{4}-\d{2}-\d{2})?$/.test(value) && d.pledge.deadline !== value) {
		d.pledge.deadline = value;
	}
}

export function addListItem(d: Board, list: PledgeList, value: string) {
	const item = clip(value.trim(), LIMITS.listItem);
	if (item) d.pledge[list].push(item);
}

/** Edits the entry at `index` if it still reads `was` (else the entry with that text). */
export function setListItem(d: Board, list: PledgeList, index: number, was: string, value: string) {
	const at = locate(d.pledge[list], index, was);
	if (at >= 0) text(d, ['pledge', list, at], clip(value, LIMITS.listItem));
}

export function removeListItem(d: Board, list: PledgeList, index: number, was: string) {
	const at = locate(d.pledge[list], index, was);
	if (at >= 0) d.pledge[list].splice(at, 1);
}

function locate(items: readonly string[], index: number, was: string): number {
	if (items[index] === was) return index;
	return items.indexOf(was);
}

export function setProblem(d: Board, problemId: string, linked: boolean) {
	const ids = d.problemIds;
	if (linked) {
		if (!ids.includes(problemId)) ids.push(problemId);
		return;
	}
	// Every copy: two phones linking the same problem offline each pushed one.
	for (let i = ids.length - 1; i >= 0; i--) if (ids[i] === problemId) ids.splice(i, 1);
}

export function setTaskTitle(d: Board, taskId: string, value: string) {
	if (d.tasks[taskId]) text(d, ['tasks', taskId, 'title'], clip(value, LIMITS.title));
}

/** `committee:<key>`, `user:<id>` or '' (see ownerOf in board.ts). */
export function setOwner(d: Board, taskId: string, ref: string) {
	const task = d.tasks[taskId];
	if (task && task.owner !== ref) task.owner = ref;
}

export function setDue(d: Board, taskId: string, value: string) {
	const task = d.tasks[taskId];
	if (task && /^(\d{4}-\d{2}-\d{2})?$/.test(value) && task.due !== value) task.due = value;
}

export function addChecklistItem(d: Board, taskId: string, id: string, value: string) {
	const task = d.tasks[taskId];
	const item = clip(value.trim(), LIMITS.checklistItem);
	if (!task || !item) return;
	const ranks = checklistOf(task).map((c) => c.rank);
	const rank = ranks.length ? Math.max(...ranks) + 1 : 1;
	task.checklist[id] = { id, rank, text: item, done: false };
}

export function checkItem(d: Board, taskId: string, itemId: string, done: boolean) {
	const item = d.tasks[taskId]?.checklist[itemId];
	if (item && item.done !== done) item.done = done;
}

export function renameItem(d: Board, taskId: string, itemId: string, value: string) {
	if (d.tasks[taskId]?.checklist[itemId])
		text(d, ['tasks', taskId, 'checklist', itemId, 'text'], clip(value, LIMITS.checklistItem));
}

export function removeItem(d: Board, taskId: string, itemId: string) {
	const task = d.tasks[taskId];
	if (task?.checklist[itemId]) delete task.checklist[itemId];
}

export interface NewProgress {
	id: string;
	date: string;
	text: string;
	/** Ids of server files already attached to this board (POST /api/boards/<id>/files). */
	photoIds: readonly string[];
	createdAt: number;
}

export function addProgress(d: Board, entry: NewProgress) {
	const body = clip(entry.text.trim(), LIMITS.progressText);
	if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date) || (!body && entry.photoIds.length === 0)) return;
	d.progress[entry.id] = {
		id: entry.id,
		date: entry.date,
		text: body,
		// A copy: Automerge must not adopt the caller's array.
		photoIds: [...entry.photoIds],
		createdAt: entry.createdAt
	};
}

export function setProgressText(d: Board, entryId: string, value: string) {
	if (d.progress[entryId]) text(d, ['progress', entryId, 'text'], clip(value, LIMITS.progressText));
}

export function removeProgress(d: Board, entryId: string) {
	if (d.progress[entryId]) delete d.progress[entryId];
}

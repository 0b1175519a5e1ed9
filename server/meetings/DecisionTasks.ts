import { nextRank, type Board, type TaskStatus } from '../../src/lib/domain/board';
import { decisionTasks } from '../../src/lib/domain/decisionTasks';
import { agendaItemsZh } from '../../src/lib/i18n/zh-CN/agendaItems';
import {
	applyServerChange,
	readServerBoard,
	type ServerChangeDeps
} from '../automerge/serverChange';
import type { MeetingRecord } from '../storage/MeetingStore';
import type { MeetingTask } from '../storage/MeetingTaskStore';
import type { Stores } from '../storage/Stores';
import type { ActionLists } from './ActionLists';
import { readServerAgenda } from './readServerAgenda';

/** The author the boards' history names for tasks a minuted decision made: no person typed them. */
export const DECISION_TASK_AUTHOR = 'system:meeting-decisions';

/** A decision's task and its state on the server's copy of the board (null: deleted there). */
export interface DecisionTaskState extends MeetingTask {
	status: TaskStatus | null;
}

/**
 * Minuted decisions become board tasks: each agreed item with an owner and a due date, once per
 * item and meeting, on the linked project's board or the community's action list. The task id is
 * derived from the item id and the change skips a task that exists, so a crash between the board
 * change and the row, or a second minuting (a correction), never makes a second task.
 */
export class DecisionTasks {
	constructor(
		private readonly deps: {
			stores: Stores;
			automerge: ServerChangeDeps['automerge'];
			actionLists: Pick<ActionLists, 'ensureFor'>;
			now(): number;
		}
	) {}

	/** Run after a meeting (or a correction) was minuted; returns the tasks it made. */
	async fromMinutes(meeting: MeetingRecord): Promise<MeetingTask[]> {
		const { stores } = this.deps;
		const [revisions, recorded, projects, items] = await Promise.all([
			stores.meetings.revisions(meeting.id),
			stores.meetingTasks.ofMeeting(meeting.id),
			stores.projects.inCommunities([meeting.communityId]),
			readServerAgenda(stores.yjs, meeting.agendaId)
		]);
		const revision =
			revisions.find((r) => r.agendaId === meeting.agendaId)?.revision ??
			revisions.at(-1)?.revision ??
			1;
		const planned = decisionTasks(items, {
			meetingId: meeting.id,
			projects: new Set(projects.map((p) => p.boardId)),
			done: new Set(recorded.map((t) => t.itemId)),
			untitled: agendaItemsZh.agendaItems.badge,
			backLink: agendaItemsZh.agendaItems.taskNote
		});
		const made: MeetingTask[] = [];
		let actionList: string | null = null;
		for (const task of planned) {
			const boardId =
				task.projectBoardId ??
				(actionList ??= await this.deps.actionLists.ensureFor(meeting.communityId));
			const createdAt = this.deps.now();
			await applyServerChange<Board>(
				this.deps,
				boardId,
				(doc) => {
					if (doc.tasks[task.taskId]) return;
					doc.tasks[task.taskId] = {
						id: task.taskId,
						title: task.title,
						status: 'todo',
						owner: task.owner,
						due: task.due,
						notes: task.notes,
						checklist: {},
						waivedReason: '',
						rank: nextRank(doc, 'todo'),
						createdAt
					};
				},
				DECISION_TASK_AUTHOR
			);
			const row: MeetingTask = {
				meetingId: meeting.id,
				itemId: task.itemId,
				revision,
				boardId,
				taskId: task.taskId,
				target: task.projectBoardId ? 'project' : 'action_list',
				createdAt
			};
			if (await stores.meetingTasks.record(row)) made.push(row);
		}
		return made;
	}

	/** Each decision task of a meeting with its state, read from the server's copy of its board. */
	async states(meetingId: string): Promise<DecisionTaskState[]> {
		const tasks = await this.deps.stores.meetingTasks.ofMeeting(meetingId);
		const boards = new Map<string, Promise<Board | null>>();
		const out: DecisionTaskState[] = [];
		for (const t of tasks) {
			let board = boards.get(t.boardId);
			if (!board) {
				board = readServerBoard<Board>(this.deps, t.boardId).catch(() => null);
				boards.set(t.boardId, board);
			}
			const status = (await board)?.tasks?.[t.taskId]?.status;
			out.push({ ...t, status: status ?? null });
		}
		return out;
	}
}

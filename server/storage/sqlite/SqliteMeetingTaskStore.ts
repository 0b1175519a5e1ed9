import type { MeetingTask, MeetingTaskStore } from '../MeetingTaskStore';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	meeting_id: string;
	item_id: string;
	revision: number;
	board_id: string;
	task_id: string;
	target: string;
	created_at: number;
}

const toTask = (r: Row): MeetingTask => ({
	meetingId: r.meeting_id,
	itemId: r.item_id,
	revision: r.revision,
	boardId: r.board_id,
	taskId: r.task_id,
	target: r.target as MeetingTask['target'],
	createdAt: r.created_at
});

export class SqliteMeetingTaskStore implements MeetingTaskStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async record(t: MeetingTask) {
		const r = await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT OR IGNORE INTO meeting_item_tasks
					 (meeting_id, item_id, revision, board_id, task_id, target, created_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(t.meetingId, t.itemId, t.revision, t.boardId, t.taskId, t.target, t.createdAt)
		);
		return r.changes === 1;
	}

	async ofMeeting(meetingId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM meeting_item_tasks WHERE meeting_id = ? ORDER BY created_at, item_id')
			.all(meetingId) as Row[];
		return rows.map(toTask);
	}
}

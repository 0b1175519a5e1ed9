import type { MeetingTask, MeetingTaskStore } from '../MeetingTaskStore';
import type { PgDatabase } from './PgDatabase';

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

export class PgMeetingTaskStore implements MeetingTaskStore {
	constructor(private readonly db: PgDatabase) {}

	async record(t: MeetingTask) {
		// One row per meeting and item whoever races: the primary key decides, DO NOTHING answers.
		const inserted = await this.db.run(
			`INSERT INTO meeting_item_tasks
			 (meeting_id, item_id, revision, board_id, task_id, target, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
			[t.meetingId, t.itemId, t.revision, t.boardId, t.taskId, t.target, t.createdAt]
		);
		return inserted === 1;
	}

	async ofMeeting(meetingId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM meeting_item_tasks WHERE meeting_id = $1 ORDER BY created_at, item_id',
			[meetingId]
		);
		return rows.map(toTask);
	}
}

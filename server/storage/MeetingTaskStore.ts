/**
 * Which board task an agenda item's decision became (one per item and meeting, whatever
 * revision minuted it): what makes minuting a correction again never make a second task.
 */
export interface MeetingTask {
	meetingId: string;
	itemId: string;
	/** The revision whose minuting made the task. */
	revision: number;
	boardId: string;
	taskId: string;
	/** On the linked project's board, or on the community's action list. */
	target: 'project' | 'action_list';
	createdAt: number;
}

export interface MeetingTaskStore {
	/** False (nothing written) when the item already has its task. */
	record(task: MeetingTask): Promise<boolean>;
	ofMeeting(meetingId: string): Promise<MeetingTask[]>;
}

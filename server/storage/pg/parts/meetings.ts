import type { Stores } from '../../Stores';
import type { PgDatabase } from '../PgDatabase';
import { notPorted } from './notPorted';

export type MeetingStores = Pick<
	Stores,
	'meetings' | 'actionLists' | 'meetingTasks' | 'agendaVersions' | 'comments'
>;

export function meetingStores(db: PgDatabase): MeetingStores {
	void db;
	return {
		meetings: notPorted('meetings'),
		actionLists: notPorted('actionLists'),
		meetingTasks: notPorted('meetingTasks'),
		agendaVersions: notPorted('agendaVersions'),
		comments: notPorted('comments')
	};
}

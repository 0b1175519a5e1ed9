import type { Stores } from '../../Stores';
import { PgActionListStore } from '../PgActionListStore';
import { PgAgendaVersionStore } from '../PgAgendaVersionStore';
import { PgCommentStore } from '../PgCommentStore';
import type { PgDatabase } from '../PgDatabase';
import { PgMeetingStore } from '../PgMeetingStore';
import { PgMeetingTaskStore } from '../PgMeetingTaskStore';

export type MeetingStores = Pick<
	Stores,
	'meetings' | 'actionLists' | 'meetingTasks' | 'agendaVersions' | 'comments'
>;

export function meetingStores(db: PgDatabase): MeetingStores {
	return {
		meetings: new PgMeetingStore(db),
		actionLists: new PgActionListStore(db),
		meetingTasks: new PgMeetingTaskStore(db),
		agendaVersions: new PgAgendaVersionStore(db),
		comments: new PgCommentStore(db)
	};
}

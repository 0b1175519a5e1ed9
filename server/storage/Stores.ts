import type { ActionListStore } from './ActionListStore';
import type { AgendaVersionStore } from './AgendaVersionStore';
import type { AuditLog } from './AuditLog';
import type { AutomergeChangeStore } from './AutomergeChangeStore';
import type { BoardFileStore } from './BoardFileStore';
import type { CalendarStore } from './CalendarStore';
import type { CommentStore } from './CommentStore';
import type { DemandStore } from './DemandStore';
import type { DocumentRegistry } from './DocumentRegistry';
import type { EvaluationStore } from './EvaluationStore';
import type { FileStore } from './FileStore';
import type { InviteStore } from './InviteStore';
import type { MeetingStore } from './MeetingStore';
import type { MeetingTaskStore } from './MeetingTaskStore';
import type { NotificationStore } from './NotificationStore';
import type { OrgStore } from './OrgStore';
import type { PhoneCodeStore } from './PhoneCodeStore';
import type { ProjectOverviewStore } from './ProjectOverviewStore';
import type { ProjectStore } from './ProjectStore';
import type { ResidentStore } from './ResidentStore';
import type { ResourceStore } from './ResourceStore';
import type { SessionStore } from './SessionStore';
import type { Transactional } from './Transactional';
import type { UserStore } from './UserStore';
import type { YjsUpdateStore } from './YjsUpdateStore';

/** Everything the server persists, one store per concept, all from one database. */
export interface Stores extends Transactional {
	users: UserStore;
	sessions: SessionStore;
	org: OrgStore;
	documents: DocumentRegistry;
	yjs: YjsUpdateStore;
	automerge: AutomergeChangeStore;
	invites: InviteStore;
	audit: AuditLog;
	residents: ResidentStore;
	phoneCodes: PhoneCodeStore;
	demands: DemandStore;
	calendar: CalendarStore;
	files: FileStore;
	notifications: NotificationStore;
	/** Evaluation of project boards: reports, acceptance, surveys, rectification (issue 5). */
	evaluation: EvaluationStore;
	projects: ProjectStore;
	/** The helper group's resource list and projects' requests for its items (issue 5). */
	resources: ResourceStore;
	/** The project overviews' read model (issue 5): projects with their pledge and survey result. */
	projectOverview: ProjectOverviewStore;
	/** Progress photos attached to boards (issue 5). */
	boardFiles: BoardFileStore;
	/** Joint meetings: state, moves, agenda revisions, committee signatures (issue 6). */
	meetings: MeetingStore;
	/** Each community's action list: the board of tasks that belong to no project (issue 6). */
	actionLists: ActionListStore;
	/** Which board task each agreed agenda item became (issue 6). */
	meetingTasks: MeetingTaskStore;
	/** Named versions (snapshots) of agenda documents (issue 6, history). */
	agendaVersions: AgendaVersionStore;
	/** Comments on meeting agendas, each owned by its author (issue 6). */
	comments: CommentStore;
	close(): Promise<void>;
}

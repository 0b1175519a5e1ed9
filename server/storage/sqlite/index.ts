import { join } from 'node:path';
import type { Stores } from '../Stores';
import { SqliteActionListStore } from './SqliteActionListStore';
import { SqliteAgendaVersionStore } from './SqliteAgendaVersionStore';
import { SqliteAuditLog } from './SqliteAuditLog';
import { SqliteAutomergeChangeStore } from './SqliteAutomergeChangeStore';
import { SqliteBoardFileStore } from './SqliteBoardFileStore';
import { SqliteCalendarStore } from './SqliteCalendarStore';
import { SqliteCommentStore } from './SqliteCommentStore';
import { SqliteDatabase } from './SqliteDatabase';
import { SqliteDemandStore } from './SqliteDemandStore';
import { SqliteDocumentRegistry } from './SqliteDocumentRegistry';
import { SqliteEvaluationStore } from './SqliteEvaluationStore';
import { SqliteFileStore } from './SqliteFileStore';
import { SqliteInviteStore } from './SqliteInviteStore';
import { SqliteMeetingStore } from './SqliteMeetingStore';
import { SqliteMeetingTaskStore } from './SqliteMeetingTaskStore';
import { SqliteNotificationStore } from './SqliteNotificationStore';
import { SqliteOrgStore } from './SqliteOrgStore';
import { SqlitePhoneCodeStore } from './SqlitePhoneCodeStore';
import { SqliteProjectOverviewStore } from './SqliteProjectOverviewStore';
import { SqliteProjectStore } from './SqliteProjectStore';
import { SqliteResidentStore } from './SqliteResidentStore';
import { SqliteResourceStore } from './SqliteResourceStore';
import { SqliteSessionStore } from './SqliteSessionStore';
import { SqliteUserStore } from './SqliteUserStore';
import { SqliteYjsUpdateStore } from './SqliteYjsUpdateStore';

/** Opens (creating and migrating if needed) `gongzhi.sqlite` under dataDir. */
/** `dataDir` may be ':memory:' for a database that lives only as long as the process. */
export function openSqliteStores(dataDir: string): Stores {
	const sql = new SqliteDatabase(
		dataDir === ':memory:' ? ':memory:' : join(dataDir, 'gongzhi.sqlite')
	);
	return {
		transaction: (work) => sql.transaction(work),
		users: new SqliteUserStore(sql),
		sessions: new SqliteSessionStore(sql),
		org: new SqliteOrgStore(sql),
		documents: new SqliteDocumentRegistry(sql),
		yjs: new SqliteYjsUpdateStore(sql),
		automerge: new SqliteAutomergeChangeStore(sql),
		invites: new SqliteInviteStore(sql),
		audit: new SqliteAuditLog(sql),
		residents: new SqliteResidentStore(sql),
		phoneCodes: new SqlitePhoneCodeStore(sql),
		demands: new SqliteDemandStore(sql),
		calendar: new SqliteCalendarStore(sql),
		files: new SqliteFileStore(sql, dataDir),
		notifications: new SqliteNotificationStore(sql),
		evaluation: new SqliteEvaluationStore(sql),
		projects: new SqliteProjectStore(sql),
		resources: new SqliteResourceStore(sql),
		projectOverview: new SqliteProjectOverviewStore(sql),
		boardFiles: new SqliteBoardFileStore(sql),
		meetings: new SqliteMeetingStore(sql),
		actionLists: new SqliteActionListStore(sql),
		meetingTasks: new SqliteMeetingTaskStore(sql),
		agendaVersions: new SqliteAgendaVersionStore(sql),
		comments: new SqliteCommentStore(sql),
		close: () => sql.close()
	};
}

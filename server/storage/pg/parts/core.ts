import type { Stores } from '../../Stores';
import type { PgDatabase } from '../PgDatabase';
import { PgAuditLog } from '../PgAuditLog';
import { PgAutomergeChangeStore } from '../PgAutomergeChangeStore';
import { PgDocumentRegistry } from '../PgDocumentRegistry';
import { PgInviteStore } from '../PgInviteStore';
import { PgOrgStore } from '../PgOrgStore';
import { PgSessionStore } from '../PgSessionStore';
import { PgUserStore } from '../PgUserStore';
import { PgYjsUpdateStore } from '../PgYjsUpdateStore';

export type CoreStores = Pick<
	Stores,
	'users' | 'sessions' | 'org' | 'documents' | 'yjs' | 'automerge' | 'invites' | 'audit'
>;

export function coreStores(db: PgDatabase): CoreStores {
	return {
		users: new PgUserStore(db),
		sessions: new PgSessionStore(db),
		org: new PgOrgStore(db),
		documents: new PgDocumentRegistry(db),
		yjs: new PgYjsUpdateStore(db),
		automerge: new PgAutomergeChangeStore(db),
		invites: new PgInviteStore(db),
		audit: new PgAuditLog(db)
	};
}

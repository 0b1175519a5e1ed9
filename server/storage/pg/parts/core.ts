import type { Stores } from '../../Stores';
import type { PgDatabase } from '../PgDatabase';
import { PgDocumentRegistry } from '../PgDocumentRegistry';
import { PgOrgStore } from '../PgOrgStore';
import { PgUserStore } from '../PgUserStore';
import { notPorted } from './notPorted';

export type CoreStores = Pick<
	Stores,
	'users' | 'sessions' | 'org' | 'documents' | 'yjs' | 'automerge' | 'invites' | 'audit'
>;

export function coreStores(db: PgDatabase): CoreStores {
	return {
		users: new PgUserStore(db),
		sessions: notPorted('sessions'),
		org: new PgOrgStore(db),
		documents: new PgDocumentRegistry(db),
		yjs: notPorted('yjs'),
		automerge: notPorted('automerge'),
		invites: notPorted('invites'),
		audit: notPorted('audit')
	};
}

import type { Stores } from '../../Stores';
import type { PgDatabase } from '../PgDatabase';
import { notPorted } from './notPorted';

export type CoreStores = Pick<
	Stores,
	'users' | 'sessions' | 'org' | 'documents' | 'yjs' | 'automerge' | 'invites' | 'audit'
>;

export function coreStores(db: PgDatabase): CoreStores {
	void db;
	return {
		users: notPorted('users'),
		sessions: notPorted('sessions'),
		org: notPorted('org'),
		documents: notPorted('documents'),
		yjs: notPorted('yjs'),
		automerge: notPorted('automerge'),
		invites: notPorted('invites'),
		audit: notPorted('audit')
	};
}

import type { Stores } from '../Stores';
import { PgDatabase } from './PgDatabase';
import { chainStores } from './parts/chain';
import { coreStores } from './parts/core';
import { meetingStores } from './parts/meetings';
import { projectStores } from './parts/projects';

/**
 * Connects to PostgreSQL (`DATABASE_URL=postgres://…`), migrating the schema if needed, and
 * returns the same stores SQLite gives: every one passes the same contract suites
 * (tests/contract). Several Gongzhi instances may share one database.
 */
export async function openPgStores(url: string, options: { max?: number } = {}): Promise<Stores> {
	const db = await PgDatabase.open(url, options);
	return {
		transaction: (work) => db.transaction(work),
		...coreStores(db),
		...chainStores(db),
		...projectStores(db),
		...meetingStores(db),
		close: () => db.close()
	};
}

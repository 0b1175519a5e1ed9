import type { Stores } from '../../server/storage/Stores';
import { openPgStores } from '../../server/storage/pg';
import type { TempPostgres } from './tempPostgres';

/**
 * One fresh database on a throwaway server, opened by `count` separate store sets (separate
 * pools), as that many Gongzhi instances sharing one PostgreSQL would: for races that must hold
 * across instances, not only inside one process's transaction chain. `url` is for a plain
 * second client checking the database itself.
 */
export async function pgInstances(
	server: TempPostgres,
	count = 2
): Promise<{ url: string; instances: Stores[]; close: () => Promise<void> }> {
	const url = await server.createDatabase();
	const instances: Stores[] = [];
	for (let i = 0; i < count; i++) instances.push(await openPgStores(url, { max: 4 }));
	return {
		url,
		instances,
		close: async () => {
			for (const s of instances) await s.close();
		}
	};
}

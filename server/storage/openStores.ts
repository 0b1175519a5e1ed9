import type { GongzhiConfig } from '../config';
import type { Stores } from './Stores';
import { openPgStores } from './pg';
import { openSqliteStores } from './sqlite';

/** PostgreSQL when `DATABASE_URL` is set (cluster mode), else SQLite under `DATA_DIR`. */
export async function openStores(config: GongzhiConfig): Promise<Stores> {
	if (config.databaseUrl) return openPgStores(config.databaseUrl);
	return openSqliteStores(config.dataDir);
}

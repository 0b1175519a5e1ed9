import { afterAll } from 'vitest';
import type { Stores } from '../../server/storage/Stores';
import { openPgStores } from '../../server/storage/pg';
import { startTempPostgres, type TempPostgres } from './tempPostgres';

/**
 * For a test file that runs a storage contract on PostgreSQL: one throwaway server for the file
 * (started on first use, stopped after the file), a fresh database for every `open()`.
 */
export function pgStoresForFile(): {
	open: () => Promise<Stores>;
	server: () => Promise<TempPostgres>;
} {
	let server: Promise<TempPostgres> | null = null;
	const opened: Stores[] = [];
	const getServer = () => (server ??= startTempPostgres());
	afterAll(async () => {
		for (const s of opened) await s.close().catch(() => undefined);
		if (server) await (await server).stop();
	});
	return {
		server: getServer,
		async open() {
			const url = await (await getServer()).createDatabase();
			const stores = await openPgStores(url, { max: 4 });
			opened.push(stores);
			return stores;
		}
	};
}

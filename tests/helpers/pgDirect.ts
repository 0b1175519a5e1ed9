import pg from 'pg';
import { afterAll } from 'vitest';
import type { Stores } from '../../server/storage/Stores';
import { openPgStores } from '../../server/storage/pg';
import type { pgStoresForFile } from './pgStores';

/**
 * For database-level checks on PostgreSQL, next to a contract run by `pgStoresForFile`: a fresh
 * database's URL, any number of store sets on it (as several Gongzhi instances would open), and
 * plain `pg` clients on it (as an operator with psql would have). All closed after the file,
 * before the server stops.
 */
export function pgDirect(file: ReturnType<typeof pgStoresForFile>) {
	const opened: { close(): Promise<void> }[] = [];
	afterAll(async () => {
		for (const o of opened.reverse()) await o.close().catch(() => undefined);
	});
	return {
		async database(): Promise<string> {
			return (await file.server()).createDatabase();
		},
		async stores(url: string): Promise<Stores> {
			const stores = await openPgStores(url, { max: 4 });
			opened.push(stores);
			return stores;
		},
		async client(url: string): Promise<pg.Client> {
			const client = new pg.Client({ connectionString: url });
			// The server may stop before a client notices: an error event must not crash the run.
			client.on('error', () => undefined);
			await client.connect();
			opened.push({ close: () => client.end() });
			return client;
		}
	};
}

/**
 * Units, users and board documents written straight into the core tables, so a database-level
 * check needs no store but the one it checks.
 */
export async function seedCoreRows(
	client: pg.Client,
	rows: {
		units?: { id: string; parentId?: string | null; kind: string }[];
		users?: string[];
		boards?: { id: string; communityId: string }[];
	}
) {
	for (const u of rows.units ?? []) {
		await client.query(
			'INSERT INTO units (id, parent_id, kind, name, name_en) VALUES ($1, $2, $3, $1, $1)',
			[u.id, u.parentId ?? null, u.kind]
		);
	}
	for (const id of rows.users ?? []) {
		await client.query(
			`INSERT INTO users (id, username, display_name, password_hash, created_at)
			 VALUES ($1, $1, $1, 'x', 0)`,
			[id]
		);
	}
	for (const b of rows.boards ?? []) {
		await client.query(
			`INSERT INTO documents (id, kind, community_id, title, schema_version, created_by, created_at)
			 VALUES ($1, 'board', $2, $1, 2, 'seed', 0)`,
			[b.id, b.communityId]
		);
	}
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { projectOverviewStoreContract } from '../contract/projectOverviewStoreContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

projectOverviewStoreContract('SQLite (file, WAL)', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-overview-store-'));
	dirs.push(dir);
	return openSqliteStores(dir);
});

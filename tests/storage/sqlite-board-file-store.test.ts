import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { boardFileStoreContract } from '../contract/boardFileStoreContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

boardFileStoreContract('SQLite (file, WAL)', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-board-file-store-'));
	dirs.push(dir);
	return openSqliteStores(dir);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStores } from '../../server/storage/sqlite';
import { evaluationStoreContract } from '../contract/evaluationStoreContract';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

evaluationStoreContract('SQLite (file, WAL)', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-evaluation-store-'));
	dirs.push(dir);
	return openSqliteStores(dir);
});

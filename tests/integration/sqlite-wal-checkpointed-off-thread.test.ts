import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { SqliteDatabase } from '../../server/storage/sqlite/SqliteDatabase';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openDatabase() {
	const dir = mkdtempSync(join(tmpdir(), 'gongzhi-wal-'));
	dirs.push(dir);
	const file = join(dir, 'gongzhi.sqlite');
	return { file, sql: new SqliteDatabase(file) };
}

const walBytes = (file: string) => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
const checkpointsOnCommit = (sql: SqliteDatabase) =>
	sql.db.pragma('wal_autocheckpoint', { simple: true }) as number;

// The server's connection never checkpoints (a checkpoint flushes the disk, and on a busy disk
// that held the event loop for seconds); a thread does it on its own connection, once a second.
// Unchecked, every round of writes below would make the WAL 2 MB longer. Checkpointed between
// rounds, a round's commits restart the WAL from its beginning and the file stops growing.
test('the WAL is checkpointed by another thread and restarts, while the server connection never checkpoints', async () => {
	const { file, sql } = openDatabase();
	try {
		expect(checkpointsOnCommit(sql)).toBe(0);
		sql.db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB)');
		const insert = sql.db.prepare('INSERT INTO blobs (data) VALUES (?)');
		const chunk = Buffer.alloc(64 * 1024, 7);
		const sizes: number[] = [];
		let rounds = 0;
		// The thread takes a moment to start, so rounds go on until one leaves the WAL as it was.
		while (rounds < 15 && !(sizes.length >= 2 && sizes.at(-1) === sizes.at(-2))) {
			// 32 separate commits, as a busy room's group commits would be.
			for (let i = 0; i < 32; i++) insert.run(chunk);
			sizes.push(walBytes(file));
			rounds++;
			await new Promise((r) => setTimeout(r, 1_200));
		}
		expect(sizes.at(-1)).toBe(sizes.at(-2));
		expect(sizes.at(-1)).toBeGreaterThan(2 ** 20);
		expect(sql.db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: rounds * 32 });
	} finally {
		await sql.close();
	}
	// Closed cleanly: the last connection folded the WAL into the database.
	expect(walBytes(file)).toBe(0);
});

test('an in-memory database has no checkpoint thread and closes at once', async () => {
	const sql = new SqliteDatabase(':memory:');
	await sql.close();
	expect(sql.db.open).toBe(false);
});

import { randomUUID } from 'node:crypto';
import {
	closeSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readFileSync,
	renameSync,
	writeSync
} from 'node:fs';
import { join } from 'node:path';

const FILE = 'automerge-storage-id';

/**
 * The storage id the server announces in its `peer` message. Clients key the server's heads by
 * it (`handle.getSyncInfo(storageId)`), so it must survive restarts: a new id would make every
 * client forget what the server was known to hold. Kept in a file beside the database; a
 * ':memory:' database gets a fresh id, as its contents do not outlive the process either.
 */
export function serverStorageId(dataDir: string): string {
	if (dataDir === ':memory:') return randomUUID();
	const path = join(dataDir, FILE);
	try {
		const id = readFileSync(path, 'utf8').trim();
		if (id) return id;
	} catch {
		// Not written yet.
	}
	const id = randomUUID();
	mkdirSync(dataDir, { recursive: true });
	const tmp = `${path}.${process.pid}.tmp`;
	const fd = openSync(tmp, 'w');
	try {
		writeSync(fd, id);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(tmp, path);
	return id;
}

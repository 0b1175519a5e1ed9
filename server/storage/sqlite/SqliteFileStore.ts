import { createHash, randomUUID } from 'node:crypto';
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
import type { FileStore, StoredFile } from '../FileStore';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	id: string;
	community_id: string;
	owner_id: string;
	type: string;
	size: number;
	sha256: string;
	created_at: number;
}

const toFile = (r: Row): StoredFile => ({
	id: r.id,
	communityId: r.community_id,
	ownerId: r.owner_id,
	type: r.type,
	size: r.size,
	sha256: r.sha256,
	createdAt: r.created_at
});

/** Ids become file names: nothing but what randomUUID makes may reach the file system. */
const SAFE_ID = /^[A-Za-z0-9-]{8,64}$/;

function fsyncDir(dir: string) {
	const fd = openSync(dir, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/**
 * Bytes on disk under `<dataDir>/files/<id>`, the record in SQLite. The bytes are written to a
 * temporary name, fsync'd and renamed before the row exists, so a row never points at a partial
 * file; a crash in between leaves at most an orphan temp file. With ':memory:' the bytes are
 * kept in memory (tests of the store alone).
 */
export class SqliteFileStore implements FileStore {
	readonly #dir: string | null;
	readonly #memory = new Map<string, Uint8Array>();

	constructor(
		private readonly sql: SqliteDatabase,
		dataDir: string
	) {
		this.#dir = dataDir === ':memory:' ? null : join(dataDir, 'files');
		if (this.#dir) mkdirSync(this.#dir, { recursive: true });
	}

	async put(meta: Omit<StoredFile, 'size' | 'sha256'>, bytes: Uint8Array) {
		if (!SAFE_ID.test(meta.id)) throw new Error(`Unsafe file id: ${meta.id}`);
		const file: StoredFile = {
			...meta,
			size: bytes.byteLength,
			sha256: createHash('sha256').update(bytes).digest('hex')
		};
		if (this.#dir) {
			const temp = join(this.#dir, `.${meta.id}.${randomUUID()}.tmp`);
			const fd = openSync(temp, 'wx', 0o600);
			try {
				writeSync(fd, bytes);
				fsyncSync(fd);
			} finally {
				closeSync(fd);
			}
			renameSync(temp, join(this.#dir, meta.id));
			fsyncDir(this.#dir);
		} else {
			this.#memory.set(meta.id, bytes.slice());
		}
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO files (id, community_id, owner_id, type, size, sha256, created_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					file.id,
					file.communityId,
					file.ownerId,
					file.type,
					file.size,
					file.sha256,
					file.createdAt
				)
		);
		return file;
	}

	async meta(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM files WHERE id = ?').get(id) as Row | undefined;
		return r ? toFile(r) : null;
	}

	async read(id: string) {
		if (!SAFE_ID.test(id) || !(await this.meta(id))) return null;
		if (!this.#dir) return this.#memory.get(id)?.slice() ?? null;
		try {
			return new Uint8Array(readFileSync(join(this.#dir, id)));
		} catch {
			return null;
		}
	}
}

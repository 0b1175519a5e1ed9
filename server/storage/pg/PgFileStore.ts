import { createHash } from 'node:crypto';
import type { FileStore, StoredFile } from '../FileStore';
import type { PgDatabase } from './PgDatabase';

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

/** Every column but the bytes: reading a record must not fetch the photo. */
const META = 'id, community_id, owner_id, type, size, sha256, created_at';

/**
 * The same ids SQLite accepts (what randomUUID makes). Nothing reaches a file system here, but an
 * id one implementation refuses must not be a valid id on the other.
 */
const SAFE_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Files as rows with their bytes in a BYTEA column: the instances of a cluster share the
 * database, not a disk, so a photo uploaded through one must read back through any other. The
 * record and the bytes are one INSERT, so neither exists without the other, and the table's
 * CHECKs make the database itself refuse bytes whose size or SHA-256 is not the recorded one.
 */
export class PgFileStore implements FileStore {
	constructor(private readonly db: PgDatabase) {}

	async put(meta: Omit<StoredFile, 'size' | 'sha256'>, bytes: Uint8Array) {
		if (!SAFE_ID.test(meta.id)) throw new Error(`Unsafe file id: ${meta.id}`);
		const file: StoredFile = {
			...meta,
			size: bytes.byteLength,
			sha256: createHash('sha256').update(bytes).digest('hex')
		};
		await this.db.run(
			`INSERT INTO files (id, community_id, owner_id, type, size, sha256, created_at, data)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[
				file.id,
				file.communityId,
				file.ownerId,
				file.type,
				file.size,
				file.sha256,
				file.createdAt,
				bytes
			]
		);
		return file;
	}

	async meta(id: string) {
		const r = await this.db.one<Row>(`SELECT ${META} FROM files WHERE id = $1`, [id]);
		return r ? toFile(r) : null;
	}

	async read(id: string) {
		if (!SAFE_ID.test(id)) return null;
		const r = await this.db.one<{ data: Buffer }>('SELECT data FROM files WHERE id = $1', [id]);
		// A copy, not a view: node-postgres may cut small Buffers from a shared slab, and a caller
		// handing `.buffer` on must not hand out anything but this file.
		return r ? new Uint8Array(r.data) : null;
	}
}

import type { YjsUpdateStore } from '../YjsUpdateStore';
import type { SqliteDatabase } from './SqliteDatabase';

export class SqliteYjsUpdateStore implements YjsUpdateStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async append(docId: string, update: Uint8Array, userId: string) {
		return this.sql.write(
			() =>
				this.sql
					.prepare('INSERT INTO yjs_updates (doc_id, data, user_id, at) VALUES (?, ?, ?, ?)')
					.run(docId, update, userId, Date.now()).lastInsertRowid as number
		);
	}

	async appendMany(docId: string, rows: readonly { update: Uint8Array; userId: string }[]) {
		const insert = this.sql.prepare(
			'INSERT INTO yjs_updates (doc_id, data, user_id, at) VALUES (?, ?, ?, ?)'
		);
		const at = Date.now();
		return this.sql.write(() =>
			// A savepoint inside an open transaction, its own transaction otherwise: all or none.
			this.sql.db.transaction(() =>
				rows.map((r) => insert.run(docId, r.update, r.userId, at).lastInsertRowid as number)
			)()
		);
	}

	async load(docId: string) {
		const rows = this.sql
			.prepare('SELECT seq, data FROM yjs_updates WHERE doc_id = ? ORDER BY seq')
			.all(docId) as { seq: number; data: Buffer }[];
		return {
			updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
			lastSeq: rows.at(-1)?.seq ?? 0
		};
	}

	async remove(docId: string, seq: number) {
		await this.sql.write(() =>
			this.sql.prepare('DELETE FROM yjs_updates WHERE doc_id = ? AND seq = ?').run(docId, seq)
		);
	}

	async compact(docId: string, snapshot: Uint8Array, uptoSeq: number) {
		await this.sql.transaction(async () => {
			const first = this.sql
				.prepare('SELECT MIN(seq) AS s, user_id FROM yjs_updates WHERE doc_id = ? AND seq <= ?')
				.get(docId, uptoSeq) as { s: number | null; user_id: string | null };
			if (first.s === null) return;
			this.sql.prepare('DELETE FROM yjs_updates WHERE doc_id = ? AND seq <= ?').run(docId, uptoSeq);
			// The snapshot keeps the sequence number of the first row it replaces, so it still sorts
			// before every update appended after the compaction began.
			this.sql
				.prepare('INSERT INTO yjs_updates (seq, doc_id, data, user_id, at) VALUES (?, ?, ?, ?, ?)')
				.run(first.s, docId, snapshot, 'system:compaction', Date.now());
		});
	}

	async count(docId: string) {
		return (
			this.sql.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE doc_id = ?').get(docId) as {
				n: number;
			}
		).n;
	}

	async bindClient(docId: string, clientId: number, userId: string) {
		return this.sql.write(() => {
			this.sql
				.prepare(
					'INSERT OR IGNORE INTO yjs_clients (doc_id, client_id, user_id, first_seen) VALUES (?, ?, ?, ?)'
				)
				.run(docId, clientId, userId, Date.now());
			return (
				this.sql
					.prepare('SELECT user_id FROM yjs_clients WHERE doc_id = ? AND client_id = ?')
					.get(docId, clientId) as { user_id: string }
			).user_id;
		});
	}

	async clientOwners(docId: string) {
		const rows = this.sql
			.prepare('SELECT client_id, user_id FROM yjs_clients WHERE doc_id = ?')
			.all(docId) as { client_id: number; user_id: string }[];
		return new Map(rows.map((r) => [r.client_id, r.user_id]));
	}
}

import type { AutomergeChangeStore } from '../AutomergeChangeStore';
import type { SqliteDatabase } from './SqliteDatabase';

const bytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export class SqliteAutomergeChangeStore implements AutomergeChangeStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async appendChanges(
		docId: string,
		changes: readonly { hash: string; bytes: Uint8Array }[],
		userId: string
	) {
		await this.sql.transaction(async () => {
			const at = Date.now();
			const chunk = this.sql.db.prepare(
				`INSERT INTO automerge_chunks (doc_id, kind, hash, data) VALUES (?, 'change', ?, ?)`
			);
			const author = this.sql.db.prepare(
				'INSERT OR IGNORE INTO automerge_changes (doc_id, hash, user_id, at) VALUES (?, ?, ?, ?)'
			);
			for (const c of changes) {
				chunk.run(docId, c.hash, c.bytes);
				author.run(docId, c.hash, userId, at);
			}
		});
	}

	async removeChanges(docId: string, hashes: readonly string[]) {
		await this.sql.transaction(async () => {
			const chunk = this.sql.db.prepare(
				`DELETE FROM automerge_chunks WHERE doc_id = ? AND kind = 'change' AND hash = ?`
			);
			const author = this.sql.db.prepare(
				'DELETE FROM automerge_changes WHERE doc_id = ? AND hash = ?'
			);
			for (const h of hashes) {
				chunk.run(docId, h);
				author.run(docId, h);
			}
		});
	}

	async load(docId: string) {
		const rows = this.sql.db
			.prepare('SELECT data FROM automerge_chunks WHERE doc_id = ? ORDER BY seq')
			.all(docId) as { data: Buffer }[];
		return rows.map((r) => bytes(r.data));
	}

	async compact(docId: string, saved: Uint8Array, uptoSeq: number) {
		await this.sql.transaction(async () => {
			const first = this.sql.db
				.prepare('SELECT MIN(seq) AS s FROM automerge_chunks WHERE doc_id = ? AND seq <= ?')
				.get(docId, uptoSeq) as { s: number | null };
			if (first.s === null) return;
			this.sql.db
				.prepare('DELETE FROM automerge_chunks WHERE doc_id = ? AND seq <= ?')
				.run(docId, uptoSeq);
			this.sql.db
				.prepare(
					`INSERT INTO automerge_chunks (seq, doc_id, kind, hash, data) VALUES (?, ?, 'snapshot', NULL, ?)`
				)
				.run(first.s, docId, saved);
		});
	}

	async lastSeq(docId: string) {
		return (
			this.sql.db
				.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM automerge_chunks WHERE doc_id = ?')
				.get(docId) as { s: number }
		).s;
	}

	async chunkCount(docId: string) {
		return (
			this.sql.db
				.prepare('SELECT COUNT(*) AS n FROM automerge_chunks WHERE doc_id = ?')
				.get(docId) as { n: number }
		).n;
	}

	async recorded(docId: string) {
		const rows = this.sql.db
			.prepare(
				'SELECT hash, user_id, at FROM automerge_changes WHERE doc_id = ? ORDER BY at, rowid'
			)
			.all(docId) as { hash: string; user_id: string; at: number }[];
		return rows.map((r) => ({ hash: r.hash, userId: r.user_id, at: r.at }));
	}

	async authorOf(docId: string, hash: string) {
		const r = this.sql.db
			.prepare('SELECT user_id, at FROM automerge_changes WHERE doc_id = ? AND hash = ?')
			.get(docId, hash) as { user_id: string; at: number } | undefined;
		return r ? { userId: r.user_id, at: r.at } : null;
	}
}

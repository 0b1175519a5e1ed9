import * as A from '@automerge/automerge';
import type { AutomergeChangeStore } from '../AutomergeChangeStore';
import { bytes, type PgDatabase, type PgValue } from './PgDatabase';

interface ChunkRow {
	seq: number;
	kind: 'change' | 'snapshot';
	hash: string | null;
	data: Buffer;
}

/** Changes per INSERT: keeps far under PostgreSQL's 65535 bound parameters. */
const BATCH = 1000;

/**
 * Automerge chunks and authorship on PostgreSQL, shared by every instance of a cluster.
 * Appends and removals are single statements (chunk and authorship together, atomic without a
 * transaction). Compaction, like the Yjs log's, folds into the saved document any chunk it
 * replaces that the saving instance had not applied yet (see `withUnseenChunks`).
 */
export class PgAutomergeChangeStore implements AutomergeChangeStore {
	constructor(private readonly db: PgDatabase) {}

	async appendChanges(
		docId: string,
		changes: readonly { hash: string; bytes: Uint8Array }[],
		userId: string
	) {
		if (changes.length === 0) return;
		const at = Date.now();
		const insert = (batch: readonly { hash: string; bytes: Uint8Array }[]) => {
			const params: PgValue[] = [docId, userId, at];
			const chunks: string[] = [];
			const authors: string[] = [];
			for (const c of batch) {
				params.push(c.hash, c.bytes);
				const h = params.length - 1;
				chunks.push(`($1, 'change', $${h}, $${h + 1})`);
				authors.push(`($1, $${h}, $2, $3)`);
			}
			// Multi-row VALUES take their seq in list order; a hash seen before keeps its author.
			return this.db.run(
				`WITH chunk AS (
					INSERT INTO automerge_chunks (doc_id, kind, hash, data) VALUES ${chunks.join(', ')}
				)
				INSERT INTO automerge_changes (doc_id, hash, user_id, at) VALUES ${authors.join(', ')}
				ON CONFLICT DO NOTHING`,
				params
			);
		};
		if (changes.length <= BATCH) {
			await insert(changes);
			return;
		}
		await this.db.transaction(async () => {
			for (let i = 0; i < changes.length; i += BATCH) await insert(changes.slice(i, i + BATCH));
		});
	}

	async removeChanges(docId: string, hashes: readonly string[]) {
		if (hashes.length === 0) return;
		await this.db.run(
			`WITH gone AS (
				DELETE FROM automerge_chunks
				WHERE doc_id = $1 AND kind = 'change' AND hash IN (SELECT jsonb_array_elements_text($2::jsonb))
			)
			DELETE FROM automerge_changes
			WHERE doc_id = $1 AND hash IN (SELECT jsonb_array_elements_text($2::jsonb))`,
			[docId, JSON.stringify(hashes)]
		);
	}

	async load(docId: string) {
		// The snapshot first even if a change committed late with a lower seq (BIGSERIAL takes
		// numbers at insert, not at commit): loaders start from the snapshot.
		const rows = await this.db.query<{ data: Buffer }>(
			`SELECT data FROM automerge_chunks WHERE doc_id = $1 ORDER BY kind <> 'snapshot', seq`,
			[docId]
		);
		return rows.map((r) => bytes(r.data));
	}

	async compact(docId: string, saved: Uint8Array, uptoSeq: number) {
		await this.db.transaction(async () => {
			const rows = await this.db.query<ChunkRow>(
				`SELECT seq, kind, hash, data FROM automerge_chunks
				 WHERE doc_id = $1 AND seq <= $2 ORDER BY seq FOR UPDATE`,
				[docId, uptoSeq]
			);
			if (rows.length === 0) return;
			const { stored, carried } = withUnseenChunks(saved, rows);
			await this.db.run(
				`DELETE FROM automerge_chunks
				 WHERE doc_id = $1 AND seq IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)`,
				[docId, JSON.stringify(rows.map((r) => r.seq))]
			);
			await this.db.run(
				`INSERT INTO automerge_chunks (seq, doc_id, kind, hash, data) VALUES ($1, $2, 'snapshot', NULL, $3)`,
				[rows[0]!.seq, docId, stored]
			);
			// Changes still waiting for a dependency are not in any saved document: they move
			// behind the snapshot, unchanged.
			for (const c of carried) {
				await this.db.run(
					`INSERT INTO automerge_chunks (doc_id, kind, hash, data) VALUES ($1, 'change', $2, $3)`,
					[docId, c.hash, c.data]
				);
			}
		});
	}

	async lastSeq(docId: string) {
		const row = await this.db.one<{ s: number }>(
			'SELECT COALESCE(MAX(seq), 0) AS s FROM automerge_chunks WHERE doc_id = $1',
			[docId]
		);
		return row!.s;
	}

	async chunkCount(docId: string) {
		const row = await this.db.one<{ n: number }>(
			'SELECT COUNT(*)::integer AS n FROM automerge_chunks WHERE doc_id = $1',
			[docId]
		);
		return row!.n;
	}

	async recorded(docId: string) {
		const rows = await this.db.query<{ hash: string; user_id: string; at: number }>(
			'SELECT hash, user_id, at FROM automerge_changes WHERE doc_id = $1 ORDER BY at, ord',
			[docId]
		);
		return rows.map((r) => ({ hash: r.hash, userId: r.user_id, at: r.at }));
	}

	async authorOf(docId: string, hash: string) {
		const r = await this.db.one<{ user_id: string; at: number }>(
			'SELECT user_id, at FROM automerge_changes WHERE doc_id = $1 AND hash = $2',
			[docId, hash]
		);
		return r ? { userId: r.user_id, at: r.at } : null;
	}
}

/**
 * What compaction stores for `rows`: `saved` as given when it already holds every change in
 * them (byte for byte what the caller saved), otherwise `saved` with the rows loaded into it,
 * saved again. `carried` are change rows that loaded but wait for a dependency (not in any
 * save). A row that cannot be loaded at all is dropped, as SQLite drops it: it was never
 * acknowledged. Bytes that are not an Automerge document (as in the storage contract) are
 * stored as given.
 */
function withUnseenChunks(
	saved: Uint8Array,
	rows: readonly ChunkRow[]
): { stored: Uint8Array; carried: ChunkRow[] } {
	let doc: A.Doc<unknown>;
	try {
		doc = A.load(saved);
	} catch {
		return { stored: saved, carried: [] };
	}
	const before = A.getHeads(doc);
	const loaded: ChunkRow[] = [];
	for (const row of rows) {
		try {
			// A failed load leaves the document as it was (the chunk is parsed before it applies).
			doc = A.loadIncremental(doc, bytes(row.data));
			loaded.push(row);
		} catch {
			// Unappliable: dropped.
		}
	}
	const carried = loaded.filter(
		(r) => r.kind === 'change' && r.hash !== null && !A.hasHeads(doc, [r.hash])
	);
	const after = A.getHeads(doc);
	// Heads move exactly when a change was added (a document never lacks its heads' ancestors).
	const same = after.length === before.length && after.every((h) => before.includes(h));
	return { stored: same ? saved : A.save(doc), carried };
}

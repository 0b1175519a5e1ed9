import * as Y from 'yjs';
import type { YjsUpdateStore } from '../YjsUpdateStore';
import { bytes, type PgDatabase, type PgValue } from './PgDatabase';

/**
 * The Yjs update log on PostgreSQL, shared by every instance of a cluster.
 *
 * Unlike SQLite's, `compact` cannot assume the snapshot covers every row up to `uptoSeq`:
 * another instance may have appended rows this instance's document has not applied yet, and a
 * BIGSERIAL row with a lower seq may commit after one with a higher seq. So compaction locks
 * exactly the rows it will replace, folds any of them the snapshot lacks into it, and deletes
 * those rows by seq, never by range.
 */
export class PgYjsUpdateStore implements YjsUpdateStore {
	constructor(private readonly db: PgDatabase) {}

	async append(docId: string, update: Uint8Array, userId: string) {
		const row = await this.db.one<{ seq: number }>(
			'INSERT INTO yjs_updates (doc_id, data, user_id, at) VALUES ($1, $2, $3, $4) RETURNING seq',
			[docId, update, userId, Date.now()]
		);
		return row!.seq;
	}

	async appendMany(docId: string, rows: readonly { update: Uint8Array; userId: string }[]) {
		if (rows.length === 0) return [];
		const at = Date.now();
		const values: string[] = [];
		const params: PgValue[] = [docId, at];
		for (const r of rows) {
			params.push(r.update, r.userId);
			values.push(`($1, $${params.length - 1}, $${params.length}, $2)`);
		}
		// One statement: every row or none. A statement's BIGSERIAL values are drawn in the order
		// its rows are inserted, the VALUES order.
		const inserted = await this.db.query<{ seq: number }>(
			`INSERT INTO yjs_updates (doc_id, data, user_id, at) VALUES ${values.join(', ')} RETURNING seq`,
			params
		);
		return inserted.map((r) => r.seq).sort((a, b) => a - b);
	}

	async load(docId: string) {
		const rows = await this.db.query<{ seq: number; data: Buffer }>(
			'SELECT seq, data FROM yjs_updates WHERE doc_id = $1 ORDER BY seq',
			[docId]
		);
		return { updates: rows.map((r) => bytes(r.data)), lastSeq: rows.at(-1)?.seq ?? 0 };
	}

	async remove(docId: string, seq: number) {
		await this.db.run('DELETE FROM yjs_updates WHERE doc_id = $1 AND seq = $2', [docId, seq]);
	}

	async compact(docId: string, snapshot: Uint8Array, uptoSeq: number) {
		await this.db.transaction(async () => {
			const rows = await this.db.query<{ seq: number; data: Buffer }>(
				'SELECT seq, data FROM yjs_updates WHERE doc_id = $1 AND seq <= $2 ORDER BY seq FOR UPDATE',
				[docId, uptoSeq]
			);
			if (rows.length === 0) return;
			const stored = withUnseenRows(
				snapshot,
				rows.map((r) => bytes(r.data))
			);
			await this.db.run(
				`DELETE FROM yjs_updates
				 WHERE doc_id = $1 AND seq IN (SELECT jsonb_array_elements_text($2::jsonb)::bigint)`,
				[docId, JSON.stringify(rows.map((r) => r.seq))]
			);
			// The snapshot keeps the sequence number of the first row it replaces, so it still sorts
			// before every update appended after the compaction began.
			await this.db.run(
				'INSERT INTO yjs_updates (seq, doc_id, data, user_id, at) VALUES ($1, $2, $3, $4, $5)',
				[rows[0]!.seq, docId, stored, 'system:compaction', Date.now()]
			);
		});
	}

	async count(docId: string) {
		const row = await this.db.one<{ n: number }>(
			'SELECT COUNT(*)::integer AS n FROM yjs_updates WHERE doc_id = $1',
			[docId]
		);
		return row!.n;
	}

	async bindClient(docId: string, clientId: number, userId: string) {
		// First wins, also between instances: the insert does nothing if the id is bound (waiting
		// for a racing insert to commit first); the read after it, a new statement, sees the winner.
		const inserted = await this.db.one<{ user_id: string }>(
			`INSERT INTO yjs_clients (doc_id, client_id, user_id, first_seen) VALUES ($1, $2, $3, $4)
			 ON CONFLICT DO NOTHING RETURNING user_id`,
			[docId, clientId, userId, Date.now()]
		);
		if (inserted) return inserted.user_id;
		const owner = await this.db.one<{ user_id: string }>(
			'SELECT user_id FROM yjs_clients WHERE doc_id = $1 AND client_id = $2',
			[docId, clientId]
		);
		return owner!.user_id;
	}

	async clientOwners(docId: string) {
		const rows = await this.db.query<{ client_id: number; user_id: string }>(
			'SELECT client_id, user_id FROM yjs_clients WHERE doc_id = $1',
			[docId]
		);
		return new Map(rows.map((r) => [r.client_id, r.user_id]));
	}
}

/**
 * `snapshot` as given when it already contains every row it replaces (the usual case, and
 * byte for byte what the caller encoded); otherwise one update of the snapshot plus the rows.
 * The rows are applied to a fresh document, never merged as raw bytes (a crafted update can
 * hang `mergeUpdates`; `applyUpdate` fails cleanly). A row that cannot be applied is dropped
 * like SQLite drops it: it was never acknowledged, and its instance removes it anyway. Bytes
 * that are not a Yjs update at all (as in the storage contract) are stored as given.
 */
function withUnseenRows(snapshot: Uint8Array, rows: readonly Uint8Array[]): Uint8Array {
	const applied: Uint8Array[] = [];
	const build = () => {
		// No garbage collection: the merge keeps everything its inputs hold, deleted text included
		// (comment anchors may point into it); only the caller's own snapshot decides to drop any.
		const doc = new Y.Doc({ gc: false });
		Y.applyUpdate(doc, snapshot);
		for (const row of applied) Y.applyUpdate(doc, row);
		return doc;
	};
	let doc: Y.Doc;
	try {
		doc = build();
	} catch {
		return snapshot;
	}
	const before = Y.snapshot(doc);
	for (const row of rows) {
		try {
			Y.applyUpdate(doc, row);
			applied.push(row);
		} catch {
			// A failed apply may have integrated part of the row: start again without it.
			doc.destroy();
			doc = build();
		}
	}
	const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
	const stored =
		!pending && Y.equalSnapshots(before, Y.snapshot(doc)) ? snapshot : Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return stored;
}

import type { DocKind } from '../../../src/lib/domain/policy';
import type { DocumentRegistry } from '../DocumentRegistry';
import type { DocumentRecord } from '../types';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	id: string;
	kind: DocKind;
	community_id: string;
	title: string;
	schema_version: number;
	created_by: string;
	created_at: number;
}

const toDoc = (r: Row): DocumentRecord => ({
	id: r.id,
	kind: r.kind,
	communityId: r.community_id,
	title: r.title,
	schemaVersion: r.schema_version,
	createdBy: r.created_by,
	createdAt: r.created_at
});

export class SqliteDocumentRegistry implements DocumentRegistry {
	constructor(private readonly sql: SqliteDatabase) {}

	async register(doc: Omit<DocumentRecord, 'createdAt'>) {
		const createdAt = Date.now();
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO documents (id, kind, community_id, title, schema_version, created_by, created_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					doc.id,
					doc.kind,
					doc.communityId,
					doc.title,
					doc.schemaVersion,
					doc.createdBy,
					createdAt
				)
		);
		return { ...doc, createdAt };
	}

	async get(id: string) {
		const r = this.sql.prepare('SELECT * FROM documents WHERE id = ?').get(id) as Row | undefined;
		return r ? toDoc(r) : null;
	}

	async retitle(id: string, title: string) {
		const { changes } = await this.sql.write(() =>
			this.sql.db.prepare('UPDATE documents SET title = ? WHERE id = ?').run(title, id)
		);
		return changes > 0;
	}

	async inCommunities(communityIds: readonly string[]) {
		if (communityIds.length === 0) return [];
		const marks = communityIds.map(() => '?').join(',');
		const rows = this.sql.db
			.prepare(
				`SELECT * FROM documents WHERE community_id IN (${marks}) ORDER BY kind, created_at, id`
			)
			.all(...communityIds) as Row[];
		return rows.map(toDoc);
	}
}

import type { DocKind } from '../../../src/lib/domain/policy';
import type { DocumentRegistry } from '../DocumentRegistry';
import type { DocumentRecord } from '../types';
import type { PgDatabase } from './PgDatabase';

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

export class PgDocumentRegistry implements DocumentRegistry {
	constructor(private readonly db: PgDatabase) {}

	async register(doc: Omit<DocumentRecord, 'createdAt'>) {
		const createdAt = Date.now();
		await this.db.run(
			`INSERT INTO documents (id, kind, community_id, title, schema_version, created_by, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			[doc.id, doc.kind, doc.communityId, doc.title, doc.schemaVersion, doc.createdBy, createdAt]
		);
		return { ...doc, createdAt };
	}

	async get(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM documents WHERE id = $1', [id]);
		return r ? toDoc(r) : null;
	}

	async retitle(id: string, title: string) {
		return (await this.db.run('UPDATE documents SET title = $1 WHERE id = $2', [title, id])) > 0;
	}

	async inCommunities(communityIds: readonly string[]) {
		if (communityIds.length === 0) return [];
		// COLLATE "C" sorts text byte by byte, as SQLite does, whatever the database's locale.
		const rows = await this.db.query<Row>(
			`SELECT * FROM documents
			 WHERE community_id IN (SELECT jsonb_array_elements_text($1::jsonb))
			 ORDER BY kind COLLATE "C", created_at, id COLLATE "C"`,
			[JSON.stringify(communityIds)]
		);
		return rows.map(toDoc);
	}
}

import { isAuditAction } from '../../../src/lib/domain/audit';
import type { AuditLog } from '../AuditLog';
import type { AuditEntry, StoredAuditEntry } from '../types';
import type { PgDatabase } from './PgDatabase';

interface Row {
	id: number;
	at: number;
	user_id: string | null;
	action: string;
	target: string;
	scope: string | null;
	detail: string | null;
}

function toEntry(r: Row): StoredAuditEntry {
	// An action this version does not know (written by a newer one) is shown, not dropped.
	const action = isAuditAction(r.action) ? r.action : (r.action as StoredAuditEntry['action']);
	return {
		id: r.id,
		at: r.at,
		userId: r.user_id,
		action,
		target: r.target,
		scope: r.scope,
		...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {})
	};
}

/**
 * The audit log on PostgreSQL: record and read, nothing else (the class has no other method,
 * which the contract checks), and triggers refuse every change and removal on the table.
 * `detail` stays JSON text, as in SQLite, so it reads back exactly as written.
 */
export class PgAuditLog implements AuditLog {
	constructor(private readonly db: PgDatabase) {}

	async record(e: AuditEntry) {
		await this.db.run(
			'INSERT INTO audit_log (at, user_id, action, target, scope, detail) VALUES ($1, $2, $3, $4, $5, $6)',
			[e.at, e.userId, e.action, e.target, e.scope, e.detail ? JSON.stringify(e.detail) : null]
		);
	}

	async recent(limit: number) {
		const rows = await this.db.query<Row>('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [
			limit
		]);
		return rows.map(toEntry);
	}

	async inScopes(q: {
		scopes: readonly string[];
		unscoped: boolean;
		limit: number;
		before?: number;
	}) {
		// The scopes travel as one JSON parameter, whatever their number.
		const rows = await this.db.query<Row>(
			`SELECT * FROM audit_log
			 WHERE id < $1
			   AND (scope IN (SELECT jsonb_array_elements_text($2::jsonb)) OR ($3::boolean AND scope IS NULL))
			 ORDER BY id DESC LIMIT $4`,
			[q.before ?? Number.MAX_SAFE_INTEGER, JSON.stringify(q.scopes), q.unscoped, q.limit]
		);
		return rows.map(toEntry);
	}
}

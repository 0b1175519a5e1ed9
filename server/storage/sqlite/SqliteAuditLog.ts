import { isAuditAction } from '../../../src/lib/domain/audit';
import type { AuditLog } from '../AuditLog';
import type { AuditEntry, StoredAuditEntry } from '../types';
import type { SqliteDatabase } from './SqliteDatabase';

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

export class SqliteAuditLog implements AuditLog {
	constructor(private readonly sql: SqliteDatabase) {}

	async record(e: AuditEntry) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT INTO audit_log (at, user_id, action, target, scope, detail) VALUES (?, ?, ?, ?, ?, ?)'
				)
				.run(
					e.at,
					e.userId,
					e.action,
					e.target,
					e.scope,
					e.detail ? JSON.stringify(e.detail) : null
				)
		);
	}

	async recent(limit: number) {
		const rows = this.sql.db
			.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?')
			.all(limit) as Row[];
		return rows.map(toEntry);
	}

	async inScopes(q: {
		scopes: readonly string[];
		unscoped: boolean;
		limit: number;
		before?: number;
	}) {
		// json_each keeps this one prepared statement whatever the number of scopes.
		const rows = this.sql.db
			.prepare(
				`SELECT * FROM audit_log
				 WHERE id < ? AND (scope IN (SELECT value FROM json_each(?)) OR (? AND scope IS NULL))
				 ORDER BY id DESC LIMIT ?`
			)
			.all(
				q.before ?? Number.MAX_SAFE_INTEGER,
				JSON.stringify(q.scopes),
				q.unscoped ? 1 : 0,
				q.limit
			) as Row[];
		return rows.map(toEntry);
	}
}

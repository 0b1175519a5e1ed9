import type { AuditLog } from '../AuditLog';
import type { AuditEntry } from '../types';
import type { SqliteDatabase } from './SqliteDatabase';

export class SqliteAuditLog implements AuditLog {
	constructor(private readonly sql: SqliteDatabase) {}

	async record(e: AuditEntry) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT INTO audit_log (at, user_id, action, target, detail) VALUES (?, ?, ?, ?, ?)'
				)
				.run(e.at, e.userId, e.action, e.target, e.detail ? JSON.stringify(e.detail) : null)
		);
	}

	async recent(limit: number) {
		const rows = this.sql.db
			.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?')
			.all(limit) as {
			at: number;
			user_id: string | null;
			action: string;
			target: string;
			detail: string | null;
		}[];
		return rows.map((r) => ({
			at: r.at,
			userId: r.user_id,
			action: r.action,
			target: r.target,
			...(r.detail ? { detail: JSON.parse(r.detail) as Record<string, unknown> } : {})
		}));
	}
}

import type { SessionStore } from '../SessionStore';
import type { Session } from '../types';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	id: string;
	user_id: string;
	expires_at: number;
	created_at: number;
}

export class SqliteSessionStore implements SessionStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async insert(s: Session) {
		await this.sql.write(() =>
			this.sql.db
				.prepare('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)')
				.run(s.id, s.userId, s.expiresAt, s.createdAt)
		);
	}

	async get(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
		return r
			? { id: r.id, userId: r.user_id, expiresAt: r.expires_at, createdAt: r.created_at }
			: null;
	}

	async setExpiry(id: string, expiresAt: number) {
		await this.sql.write(() =>
			this.sql.db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(expiresAt, id)
		);
	}

	async remove(id: string) {
		await this.sql.write(() => this.sql.db.prepare('DELETE FROM sessions WHERE id = ?').run(id));
	}

	async removeForUser(userId: string, keepId?: string) {
		return this.sql.write(() => {
			const rows = this.sql.db
				.prepare('SELECT id FROM sessions WHERE user_id = ? AND id IS NOT ?')
				.all(userId, keepId ?? null) as { id: string }[];
			const del = this.sql.db.prepare('DELETE FROM sessions WHERE id = ?');
			for (const r of rows) del.run(r.id);
			return rows.map((r) => r.id);
		});
	}

	async removeExpired(now: number) {
		return this.sql.write(
			() => this.sql.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes
		);
	}
}

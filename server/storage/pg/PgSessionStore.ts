import type { SessionStore } from '../SessionStore';
import type { Session } from '../types';
import type { PgDatabase } from './PgDatabase';

interface Row {
	id: string;
	user_id: string;
	expires_at: number;
	created_at: number;
}

/** Sessions on PostgreSQL: every instance of a cluster sees the same ones. */
export class PgSessionStore implements SessionStore {
	constructor(private readonly db: PgDatabase) {}

	async insert(s: Session) {
		await this.db.run(
			'INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4)',
			[s.id, s.userId, s.expiresAt, s.createdAt]
		);
	}

	async get(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM sessions WHERE id = $1', [id]);
		return r
			? { id: r.id, userId: r.user_id, expiresAt: r.expires_at, createdAt: r.created_at }
			: null;
	}

	async setExpiry(id: string, expiresAt: number) {
		await this.db.run('UPDATE sessions SET expires_at = $1 WHERE id = $2', [expiresAt, id]);
	}

	async remove(id: string) {
		await this.db.run('DELETE FROM sessions WHERE id = $1', [id]);
	}

	async removeForUser(userId: string, keepId?: string) {
		// One statement: it removes and reports exactly the same rows.
		const rows = await this.db.query<{ id: string }>(
			'DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2::text RETURNING id',
			[userId, keepId ?? null]
		);
		return rows.map((r) => r.id);
	}

	async removeExpired(now: number) {
		return this.db.run('DELETE FROM sessions WHERE expires_at <= $1', [now]);
	}
}

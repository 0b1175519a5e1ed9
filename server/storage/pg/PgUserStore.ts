import type { UserStore } from '../UserStore';
import type { User } from '../types';
import type { PgDatabase } from './PgDatabase';

interface Row {
	id: string;
	username: string;
	display_name: string;
	password_hash: string;
	disabled: boolean;
	created_at: number;
}

const toUser = (r: Row): User => ({
	id: r.id,
	username: r.username,
	displayName: r.display_name,
	disabled: r.disabled,
	createdAt: r.created_at
});

/**
 * Accounts on PostgreSQL. Usernames are unique and found case-insensitively, as SQLite's
 * COLLATE NOCASE column does: every lookup goes through lower(username), the expression the
 * unique index is built on.
 */
export class PgUserStore implements UserStore {
	constructor(private readonly db: PgDatabase) {}

	async create(user: Omit<User, 'createdAt' | 'disabled'> & { passwordHash: string }) {
		const createdAt = Date.now();
		await this.db.run(
			'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)',
			[user.id, user.username, user.displayName, user.passwordHash, createdAt]
		);
		return {
			id: user.id,
			username: user.username,
			displayName: user.displayName,
			disabled: false,
			createdAt
		};
	}

	async byId(id: string) {
		const row = await this.db.one<Row>('SELECT * FROM users WHERE id = $1', [id]);
		return row ? toUser(row) : null;
	}

	async displayNames(ids: readonly string[]) {
		const out = new Map<string, string>();
		if (ids.length === 0) return out;
		// One JSON parameter whatever the number of ids (no bound-parameter limit to chunk around).
		const rows = await this.db.query<{ id: string; display_name: string }>(
			'SELECT id, display_name FROM users WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb))',
			[JSON.stringify(ids)]
		);
		for (const r of rows) out.set(r.id, r.display_name);
		return out;
	}

	async byUsername(username: string) {
		const row = await this.db.one<Row>('SELECT * FROM users WHERE lower(username) = lower($1)', [
			username
		]);
		return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
	}

	async setPasswordHash(userId: string, passwordHash: string) {
		await this.db.run('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
	}

	async setDisabled(userId: string, disabled: boolean) {
		await this.db.run('UPDATE users SET disabled = $1 WHERE id = $2', [disabled, userId]);
	}

	async setDisplayName(userId: string, displayName: string) {
		await this.db.run('UPDATE users SET display_name = $1 WHERE id = $2', [displayName, userId]);
	}
}

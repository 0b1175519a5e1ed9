import type { UserStore } from '../UserStore';
import type { User } from '../types';
import type { SqliteDatabase } from './SqliteDatabase';

interface Row {
	id: string;
	username: string;
	display_name: string;
	password_hash: string;
	disabled: number;
	created_at: number;
}

const toUser = (r: Row): User => ({
	id: r.id,
	username: r.username,
	displayName: r.display_name,
	disabled: r.disabled === 1,
	createdAt: r.created_at
});

export class SqliteUserStore implements UserStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async create(user: Omit<User, 'createdAt' | 'disabled'> & { passwordHash: string }) {
		const createdAt = Date.now();
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)'
				)
				.run(user.id, user.username, user.displayName, user.passwordHash, createdAt)
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
		const row = this.sql.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
		return row ? toUser(row) : null;
	}

	async displayNames(ids: readonly string[]) {
		const out = new Map<string, string>();
		// Chunks keep under SQLite's bound-parameter limit.
		for (let i = 0; i < ids.length; i += 500) {
			const chunk = ids.slice(i, i + 500);
			const rows = this.sql.db
				.prepare(
					`SELECT id, display_name FROM users WHERE id IN (${chunk.map(() => '?').join(', ')})`
				)
				.all(...chunk) as { id: string; display_name: string }[];
			for (const r of rows) out.set(r.id, r.display_name);
		}
		return out;
	}

	async byUsername(username: string) {
		const row = this.sql.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as
			Row | undefined;
		return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
	}

	async setPasswordHash(userId: string, passwordHash: string) {
		await this.sql.write(() =>
			this.sql.db
				.prepare('UPDATE users SET password_hash = ? WHERE id = ?')
				.run(passwordHash, userId)
		);
	}

	async setDisabled(userId: string, disabled: boolean) {
		await this.sql.write(() =>
			this.sql.db
				.prepare('UPDATE users SET disabled = ? WHERE id = ?')
				.run(disabled ? 1 : 0, userId)
		);
	}

	async setDisplayName(userId: string, displayName: string) {
		await this.sql.write(() =>
			this.sql.db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(displayName, userId)
		);
	}
}

import type { PhoneCode, PhoneCodeStore } from '../PhoneCodeStore';
import type { SqliteDatabase } from './SqliteDatabase';
import { type PhoneCodeRow, toCode } from '../rows/phoneCodeRows';

export class SqlitePhoneCodeStore implements PhoneCodeStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async insert(c: PhoneCode) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO phone_codes
					 (id, phone, purpose, code_hash, attempts, created_at, expires_at, used_at)
					 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(c.id, c.phone, c.purpose, c.codeHash, c.attempts, c.createdAt, c.expiresAt, c.usedAt)
		);
	}

	async latest(phone: string, purpose: PhoneCode['purpose'], now: number) {
		const r = this.sql.db
			.prepare(
				`SELECT * FROM phone_codes
				 WHERE phone = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
				 ORDER BY created_at DESC, rowid DESC LIMIT 1`
			)
			.get(phone, purpose, now) as PhoneCodeRow | undefined;
		return r ? toCode(r) : null;
	}

	async addAttempt(id: string) {
		return this.sql.write(() => {
			const r = this.sql.db
				.prepare('UPDATE phone_codes SET attempts = attempts + 1 WHERE id = ? RETURNING attempts')
				.get(id) as { attempts: number } | undefined;
			return r?.attempts ?? 0;
		});
	}

	async consume(id: string, now: number) {
		// Every condition in one UPDATE: of two requests racing with the right code, one wins.
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE phone_codes SET used_at = ?
						 WHERE id = ? AND used_at IS NULL AND expires_at > ?`
					)
					.run(now, id, now).changes === 1
		);
	}

	async sentSince(phone: string, since: number) {
		const r = this.sql.db
			.prepare('SELECT COUNT(*) AS n FROM phone_codes WHERE phone = ? AND created_at >= ?')
			.get(phone, since) as { n: number };
		return r.n;
	}
}

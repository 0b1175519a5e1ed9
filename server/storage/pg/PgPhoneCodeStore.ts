import type { PhoneCode, PhoneCodeStore } from '../PhoneCodeStore';
import type { PgDatabase } from './PgDatabase';
import { type PhoneCodeRow, toCode } from '../rows/phoneCodeRows';

export class PgPhoneCodeStore implements PhoneCodeStore {
	constructor(private readonly db: PgDatabase) {}

	async insert(c: PhoneCode) {
		await this.db.run(
			`INSERT INTO phone_codes
			 (id, phone, purpose, code_hash, attempts, created_at, expires_at, used_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			[c.id, c.phone, c.purpose, c.codeHash, c.attempts, c.createdAt, c.expiresAt, c.usedAt]
		);
	}

	async latest(phone: string, purpose: PhoneCode['purpose'], now: number) {
		// seq is SQLite's rowid: of two codes sent in the same millisecond, the later one wins.
		const r = await this.db.one<PhoneCodeRow>(
			`SELECT * FROM phone_codes
			 WHERE phone = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
			 ORDER BY created_at DESC, seq DESC LIMIT 1`,
			[phone, purpose, now]
		);
		return r ? toCode(r) : null;
	}

	async addAttempt(id: string) {
		// attempts + 1 in the UPDATE itself: two wrong guesses at once count twice.
		const r = await this.db.one<{ attempts: number }>(
			'UPDATE phone_codes SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts',
			[id]
		);
		return r?.attempts ?? 0;
	}

	async consume(id: string, now: number) {
		// Every condition in one UPDATE: of two requests racing with the right code, the second
		// waits on the first's row lock, re-checks used_at on the committed row and changes nothing.
		const changed = await this.db.run(
			`UPDATE phone_codes SET used_at = $1
			 WHERE id = $2 AND used_at IS NULL AND expires_at > $1`,
			[now, id]
		);
		return changed === 1;
	}

	async sentSince(phone: string, since: number) {
		const r = await this.db.one<{ n: number }>(
			'SELECT COUNT(*) AS n FROM phone_codes WHERE phone = $1 AND created_at >= $2',
			[phone, since]
		);
		return r?.n ?? 0;
	}
}

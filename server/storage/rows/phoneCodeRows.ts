import type { PhoneCode } from '../PhoneCodeStore';

/** Row shapes and row → record mappers, shared by the SQLite and PostgreSQL stores: both
 * engines store the same columns, so a record reads back the same from either. */
export interface PhoneCodeRow {
	id: string;
	phone: string;
	purpose: PhoneCode['purpose'];
	code_hash: string;
	attempts: number;
	created_at: number;
	expires_at: number;
	used_at: number | null;
}

export const toCode = (r: PhoneCodeRow): PhoneCode => ({
	id: r.id,
	phone: r.phone,
	purpose: r.purpose,
	codeHash: r.code_hash,
	attempts: r.attempts,
	createdAt: r.created_at,
	expiresAt: r.expires_at,
	usedAt: r.used_at
});

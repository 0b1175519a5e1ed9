import type { Role } from '../../../src/lib/domain/roles';
import type { Invite } from '../types';

/** Row shapes and row → record mappers, shared by the SQLite and PostgreSQL stores: both
 * engines store the same columns, so a record reads back the same from either. */
export interface InviteRow {
	id: string;
	unit_id: string;
	role: Role;
	created_by: string;
	created_at: number;
	expires_at: number;
	used_at: number | null;
	used_by: string | null;
	revoked_at: number | null;
}

export const toInvite = (r: InviteRow): Invite => ({
	id: r.id,
	unitId: r.unit_id,
	role: r.role,
	createdBy: r.created_by,
	createdAt: r.created_at,
	expiresAt: r.expires_at,
	usedAt: r.used_at,
	usedBy: r.used_by,
	revokedAt: r.revoked_at
});

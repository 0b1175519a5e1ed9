import type { Role, UnitKind } from '../../../src/lib/domain/roles';
import type { Membership, Unit } from '../types';

/** Row shapes and row → record mappers, shared by the SQLite and PostgreSQL stores: both
 * engines store the same columns, so a record reads back the same from either. */
export interface UnitRow {
	id: string;
	parent_id: string | null;
	kind: UnitKind;
	name: string;
	name_en: string;
}

export interface MemberRow {
	user_id: string;
	unit_id: string;
	role: Role;
	created_at: number;
}

export const toUnit = (r: UnitRow): Unit => ({
	id: r.id,
	parentId: r.parent_id,
	kind: r.kind,
	name: r.name,
	nameEn: r.name_en
});

export const toMember = (r: MemberRow): Membership => ({
	userId: r.user_id,
	unitId: r.unit_id,
	role: r.role,
	createdAt: r.created_at
});

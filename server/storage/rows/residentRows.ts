import type { Resident } from '../ResidentStore';

/** Row shapes and row → record mappers, shared by the SQLite and PostgreSQL stores: both
 * engines store the same columns, so a record reads back the same from either. */
export interface ResidentRow {
	user_id: string;
	community_id: string;
	grid_id: string;
	building_id: string | null;
	room: string;
	phone: string | null;
	status: Resident['status'];
	confirmed_by: string | null;
	created_at: number;
}

export const toResident = (r: ResidentRow): Resident => ({
	userId: r.user_id,
	communityId: r.community_id,
	gridId: r.grid_id,
	buildingId: r.building_id,
	room: r.room,
	phone: r.phone,
	status: r.status,
	confirmedBy: r.confirmed_by,
	createdAt: r.created_at
});

import type { Resident, ResidentStore } from '../ResidentStore';
import type { SqliteDatabase } from './SqliteDatabase';
import { type ResidentRow, toResident } from '../rows/residentRows';

export class SqliteResidentStore implements ResidentStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async insert(r: Resident) {
		// OR IGNORE covers only the uniqueness of user and phone: a grid or building that does not
		// exist still fails loudly through its foreign key.
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`INSERT OR IGNORE INTO residents
						 (user_id, community_id, grid_id, building_id, room, phone, status, confirmed_by, created_at)
						 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
					)
					.run(
						r.userId,
						r.communityId,
						r.gridId,
						r.buildingId,
						r.room,
						r.phone,
						r.status,
						r.confirmedBy,
						r.createdAt
					).changes === 1
		);
	}

	async get(userId: string) {
		const r = this.sql.db.prepare('SELECT * FROM residents WHERE user_id = ?').get(userId) as
			ResidentRow | undefined;
		return r ? toResident(r) : null;
	}

	async byPhone(phone: string) {
		const r = this.sql.db.prepare('SELECT * FROM residents WHERE phone = ?').get(phone) as
			ResidentRow | undefined;
		return r ? toResident(r) : null;
	}

	async confirm(userId: string, confirmedBy: string) {
		// The status in the WHERE makes two leaders confirming at once produce one confirmation.
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE residents SET status = 'active', confirmed_by = ?
						 WHERE user_id = ? AND status = 'pending'`
					)
					.run(confirmedBy, userId).changes === 1
		);
	}

	async move(userId: string, place: { gridId: string; buildingId: string | null; room: string }) {
		await this.sql.write(() =>
			this.sql.db
				.prepare('UPDATE residents SET grid_id = ?, building_id = ?, room = ? WHERE user_id = ?')
				.run(place.gridId, place.buildingId, place.room, userId)
		);
	}

	async inGrid(gridId: string, status?: Resident['status']) {
		const rows = (
			status
				? this.sql.db
						.prepare(
							'SELECT * FROM residents WHERE grid_id = ? AND status = ? ORDER BY created_at, user_id'
						)
						.all(gridId, status)
				: this.sql.db
						.prepare('SELECT * FROM residents WHERE grid_id = ? ORDER BY created_at, user_id')
						.all(gridId)
		) as ResidentRow[];
		return rows.map(toResident);
	}

	async count(communityId: string, status?: Resident['status']) {
		const row = (
			status
				? this.sql.db
						.prepare('SELECT COUNT(*) AS n FROM residents WHERE community_id = ? AND status = ?')
						.get(communityId, status)
				: this.sql.db
						.prepare('SELECT COUNT(*) AS n FROM residents WHERE community_id = ?')
						.get(communityId)
		) as { n: number };
		return row.n;
	}
}

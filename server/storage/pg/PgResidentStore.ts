import type { Resident, ResidentStore } from '../ResidentStore';
import type { PgDatabase } from './PgDatabase';
import { type ResidentRow, toResident } from '../rows/residentRows';

// Ties in listings break on the id in byte order (SQLite's BINARY), whatever the database's locale.
const IN_ORDER = 'ORDER BY created_at, user_id COLLATE "C"';

export class PgResidentStore implements ResidentStore {
	constructor(private readonly db: PgDatabase) {}

	async insert(r: Resident) {
		// DO NOTHING without a target covers both the user and the phone being taken, and only
		// those: a grid or building that does not exist still fails loudly through its foreign key.
		const changed = await this.db.run(
			`INSERT INTO residents
			 (user_id, community_id, grid_id, building_id, room, phone, status, confirmed_by, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			 ON CONFLICT DO NOTHING`,
			[
				r.userId,
				r.communityId,
				r.gridId,
				r.buildingId,
				r.room,
				r.phone,
				r.status,
				r.confirmedBy,
				r.createdAt
			]
		);
		return changed === 1;
	}

	async get(userId: string) {
		const r = await this.db.one<ResidentRow>('SELECT * FROM residents WHERE user_id = $1', [
			userId
		]);
		return r ? toResident(r) : null;
	}

	async byPhone(phone: string) {
		const r = await this.db.one<ResidentRow>('SELECT * FROM residents WHERE phone = $1', [phone]);
		return r ? toResident(r) : null;
	}

	async confirm(userId: string, confirmedBy: string) {
		// One statement with the status in its WHERE: of two leaders confirming at once, the second
		// waits for the first's row lock, re-reads the row, finds it active and changes nothing.
		const changed = await this.db.run(
			`UPDATE residents SET status = 'active', confirmed_by = $1
			 WHERE user_id = $2 AND status = 'pending'`,
			[confirmedBy, userId]
		);
		return changed === 1;
	}

	async move(userId: string, place: { gridId: string; buildingId: string | null; room: string }) {
		await this.db.run(
			'UPDATE residents SET grid_id = $1, building_id = $2, room = $3 WHERE user_id = $4',
			[place.gridId, place.buildingId, place.room, userId]
		);
	}

	async inGrid(gridId: string, status?: Resident['status']) {
		const rows = status
			? await this.db.query<ResidentRow>(
					`SELECT * FROM residents WHERE grid_id = $1 AND status = $2 ${IN_ORDER}`,
					[gridId, status]
				)
			: await this.db.query<ResidentRow>(`SELECT * FROM residents WHERE grid_id = $1 ${IN_ORDER}`, [
					gridId
				]);
		return rows.map(toResident);
	}

	async count(communityId: string, status?: Resident['status']) {
		const row = status
			? await this.db.one<{ n: number }>(
					'SELECT COUNT(*) AS n FROM residents WHERE community_id = $1 AND status = $2',
					[communityId, status]
				)
			: await this.db.one<{ n: number }>(
					'SELECT COUNT(*) AS n FROM residents WHERE community_id = $1',
					[communityId]
				);
		return row?.n ?? 0;
	}
}

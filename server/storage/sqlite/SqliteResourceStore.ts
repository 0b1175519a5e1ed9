import type { ResourceItemInput } from '../../../src/lib/domain/resources';
import type { ClosedState, ResourceItem, ResourceRequest, ResourceStore } from '../ResourceStore';
import type { SqliteDatabase } from './SqliteDatabase';

type Row = Record<string, unknown>;

const toItem = (r: Row): ResourceItem => ({
	id: r.id as string,
	unitId: r.unit_id as string,
	kind: r.kind as ResourceItem['kind'],
	title: r.title as string,
	description: r.description as string,
	department: r.department as string,
	contact: r.contact as string,
	active: r.active === 1,
	createdBy: r.created_by as string,
	createdAt: r.created_at as number,
	updatedBy: r.updated_by as string,
	updatedAt: r.updated_at as number
});

const toRequest = (r: Row): ResourceRequest => ({
	id: r.id as string,
	resourceId: r.resource_id as string,
	boardId: r.board_id as string,
	communityId: r.community_id as string,
	note: r.note as string,
	state: r.state as ResourceRequest['state'],
	requestedBy: r.requested_by as string,
	requestedAt: r.requested_at as number,
	closedBy: r.closed_by as string | null,
	closedAt: r.closed_at as number | null,
	comment: r.comment as string
});

/** `?, ?, …` for an IN list; callers never pass an empty list (it is answered without SQL). */
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

export class SqliteResourceStore implements ResourceStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async addItem(i: ResourceItem) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO resource_items (id, unit_id, kind, title, description, department, contact,
					 active, created_by, created_at, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`
				)
				.run(
					i.id,
					i.unitId,
					i.kind,
					i.title,
					i.description,
					i.department,
					i.contact,
					i.active ? 1 : 0,
					i.createdBy,
					i.createdAt,
					i.updatedBy,
					i.updatedAt
				)
		);
	}

	async item(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM resource_items WHERE id = ?').get(id) as
			Row | undefined;
		return r ? toItem(r) : null;
	}

	async itemsIn(unitIds: readonly string[]) {
		if (unitIds.length === 0) return [];
		const rows = this.sql.db
			.prepare(
				`SELECT * FROM resource_items WHERE unit_id IN (${marks(unitIds.length)})
				 ORDER BY created_at, rowid`
			)
			.all(...unitIds) as Row[];
		const order = new Map(unitIds.map((id, i) => [id, i] as const));
		const kinds = ['policy', 'funds', 'technical', 'other'];
		return rows
			.map(toItem)
			.sort(
				(a, b) =>
					order.get(a.unitId)! - order.get(b.unitId)! ||
					kinds.indexOf(a.kind) - kinds.indexOf(b.kind)
			);
	}

	async updateItem(id: string, f: ResourceItemInput, by: { userId: string; at: number }) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE resource_items SET kind = ?, title = ?, description = ?, department = ?,
						 contact = ?, updated_by = ?, updated_at = ? WHERE id = ?`
					)
					.run(f.kind, f.title, f.description, f.department, f.contact, by.userId, by.at, id)
					.changes === 1
		);
	}

	async setActive(id: string, active: boolean, by: { userId: string; at: number }) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE resource_items SET active = ?, updated_by = ?, updated_at = ?
						 WHERE id = ? AND active = ?`
					)
					.run(active ? 1 : 0, by.userId, by.at, id, active ? 0 : 1).changes === 1
		);
	}

	async addRequest(r: Omit<ResourceRequest, 'state' | 'closedBy' | 'closedAt' | 'comment'>) {
		// OR IGNORE covers both refusals: the id taken, and the partial unique index on a pending
		// request for the same item and board.
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`INSERT OR IGNORE INTO resource_requests
						 (id, resource_id, board_id, community_id, note, requested_by, requested_at)
						 VALUES (?,?,?,?,?,?,?)`
					)
					.run(r.id, r.resourceId, r.boardId, r.communityId, r.note, r.requestedBy, r.requestedAt)
					.changes === 1
		);
	}

	async request(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM resource_requests WHERE id = ?').get(id) as
			Row | undefined;
		return r ? toRequest(r) : null;
	}

	async requestsOf(boardId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM resource_requests WHERE board_id = ? ORDER BY requested_at, rowid')
			.all(boardId) as Row[];
		return rows.map(toRequest);
	}

	async requestsFor(resourceIds: readonly string[]) {
		if (resourceIds.length === 0) return [];
		const rows = this.sql.db
			.prepare(
				`SELECT * FROM resource_requests WHERE resource_id IN (${marks(resourceIds.length)})
				 ORDER BY requested_at DESC, rowid DESC`
			)
			.all(...resourceIds) as Row[];
		return rows.map(toRequest);
	}

	async closeRequest(
		id: string,
		to: ClosedState,
		by: { userId: string; at: number; comment: string }
	) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`UPDATE resource_requests SET state = ?, closed_by = ?, closed_at = ?, comment = ?
						 WHERE id = ? AND state = 'pending'`
					)
					.run(to, by.userId, by.at, by.comment, id).changes === 1
		);
	}
}

import type { ResourceItemInput } from '../../../src/lib/domain/resources';
import type { ClosedState, ResourceItem, ResourceRequest, ResourceStore } from '../ResourceStore';
import type { PgDatabase } from './PgDatabase';

type Row = Record<string, unknown>;

const toItem = (r: Row): ResourceItem => ({
	id: r.id as string,
	unitId: r.unit_id as string,
	kind: r.kind as ResourceItem['kind'],
	title: r.title as string,
	description: r.description as string,
	department: r.department as string,
	contact: r.contact as string,
	active: r.active === true,
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

/** `$from, $from+1, …` for an IN list; callers never pass an empty list. */
const marks = (n: number, from = 1) =>
	Array.from({ length: n }, (_, i) => `$${from + i}`).join(',');

const KINDS = ['policy', 'funds', 'technical', 'other'];

/**
 * The resource list and its requests on PostgreSQL. `seq` (a BIGSERIAL) stands in for SQLite's
 * rowid where insertion order breaks a tie on time. The database's trigger refuses any change to
 * a request once it has left pending, whoever asks; the store's own close is a compare-and-set.
 */
export class PgResourceStore implements ResourceStore {
	constructor(private readonly db: PgDatabase) {}

	async addItem(i: ResourceItem) {
		await this.db.run(
			`INSERT INTO resource_items (id, unit_id, kind, title, description, department, contact,
			 active, created_by, created_at, updated_by, updated_at)
			 VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
			[
				i.id,
				i.unitId,
				i.kind,
				i.title,
				i.description,
				i.department,
				i.contact,
				i.active,
				i.createdBy,
				i.createdAt,
				i.updatedBy,
				i.updatedAt
			]
		);
	}

	async item(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM resource_items WHERE id = $1', [id]);
		return r ? toItem(r) : null;
	}

	async itemsIn(unitIds: readonly string[]) {
		if (unitIds.length === 0) return [];
		const rows = await this.db.query<Row>(
			`SELECT * FROM resource_items WHERE unit_id IN (${marks(unitIds.length)})
			 ORDER BY created_at, seq`,
			unitIds
		);
		const order = new Map(unitIds.map((id, i) => [id, i] as const));
		return rows
			.map(toItem)
			.sort(
				(a, b) =>
					order.get(a.unitId)! - order.get(b.unitId)! ||
					KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind)
			);
	}

	async updateItem(id: string, f: ResourceItemInput, by: { userId: string; at: number }) {
		const changed = await this.db.run(
			`UPDATE resource_items SET kind = $1, title = $2, description = $3, department = $4,
			 contact = $5, updated_by = $6, updated_at = $7 WHERE id = $8`,
			[f.kind, f.title, f.description, f.department, f.contact, by.userId, by.at, id]
		);
		return changed === 1;
	}

	async setActive(id: string, active: boolean, by: { userId: string; at: number }) {
		const changed = await this.db.run(
			`UPDATE resource_items SET active = $1, updated_by = $2, updated_at = $3
			 WHERE id = $4 AND active <> $1`,
			[active, by.userId, by.at, id]
		);
		return changed === 1;
	}

	async addRequest(r: Omit<ResourceRequest, 'state' | 'closedBy' | 'closedAt' | 'comment'>) {
		// No conflict target: both refusals write nothing, the id taken and the partial unique
		// index on a pending request for the same item and board.
		const added = await this.db.run(
			`INSERT INTO resource_requests
			 (id, resource_id, board_id, community_id, note, requested_by, requested_at)
			 VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING`,
			[r.id, r.resourceId, r.boardId, r.communityId, r.note, r.requestedBy, r.requestedAt]
		);
		return added === 1;
	}

	async request(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM resource_requests WHERE id = $1', [id]);
		return r ? toRequest(r) : null;
	}

	async requestsOf(boardId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM resource_requests WHERE board_id = $1 ORDER BY requested_at, seq',
			[boardId]
		);
		return rows.map(toRequest);
	}

	async requestsFor(resourceIds: readonly string[]) {
		if (resourceIds.length === 0) return [];
		const rows = await this.db.query<Row>(
			`SELECT * FROM resource_requests WHERE resource_id IN (${marks(resourceIds.length)})
			 ORDER BY requested_at DESC, seq DESC`,
			resourceIds
		);
		return rows.map(toRequest);
	}

	async closeRequest(
		id: string,
		to: ClosedState,
		by: { userId: string; at: number; comment: string }
	) {
		// The UPDATE alone is a safe compare-and-set across connections and instances. Running it
		// in the serialised transaction also settles races inside this process in call order, as
		// SQLite's write queue does: the first decider asked is the one who answers.
		return this.db.transaction(async () => {
			const closed = await this.db.run(
				`UPDATE resource_requests SET state = $1, closed_by = $2, closed_at = $3, comment = $4
				 WHERE id = $5 AND state = 'pending'`,
				[to, by.userId, by.at, by.comment, id]
			);
			return closed === 1;
		});
	}
}

import type {
	Demand,
	DemandEvent,
	DemandLevel,
	DemandState
} from '../../../src/lib/domain/demands';
import { DEMAND_LEVELS } from '../../../src/lib/domain/demands';
import type { DemandFacts } from '../../../src/lib/domain/demandMetrics';
import type { DemandQuery, DemandStore, Problem } from '../DemandStore';
import type { SqliteDatabase } from './SqliteDatabase';

type Row = Record<string, unknown>;

/** Demand field → column. Also the whitelist of what `update` may touch. */
const COLUMNS: Record<Exclude<keyof Demand, 'id'>, string> = {
	communityId: 'community_id',
	gridId: 'grid_id',
	buildingId: 'building_id',
	category: 'category',
	description: 'description',
	urgent: 'urgent',
	visibility: 'visibility',
	about: 'about',
	residentId: 'resident_id',
	residentName: 'resident_name',
	enteredBy: 'entered_by',
	state: 'state',
	level: 'level',
	assignee: 'assignee',
	filedAt: 'filed_at',
	takeBy: 'take_by',
	resolveBy: 'resolve_by',
	takenAt: 'taken_at',
	resolvedAt: 'resolved_at',
	closedAt: 'closed_at',
	rating: 'rating',
	resolution: 'resolution',
	problemId: 'problem_id',
	updatedAt: 'updated_at'
};
const FIELDS = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];

const toDemand = (r: Row): Demand => {
	const d: Record<string, unknown> = { id: r.id };
	for (const f of FIELDS) d[f] = r[COLUMNS[f]];
	d.urgent = r.urgent === 1;
	return d as unknown as Demand;
};
const toColumn = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

const toEvent = (r: Row): DemandEvent => ({
	demandId: r.demand_id as string,
	at: r.at as number,
	actor: r.actor as string | null,
	kind: r.kind as DemandEvent['kind'],
	detail: r.detail === null ? null : (JSON.parse(r.detail as string) as Record<string, unknown>)
});

const toProblem = (r: Row): Problem => ({
	id: r.id as string,
	communityId: r.community_id as string,
	category: r.category as string,
	gridId: r.grid_id as string | null,
	buildingId: r.building_id as string | null,
	title: r.title as string,
	createdBy: r.created_by as string,
	createdAt: r.created_at as number,
	boardId: r.board_id as string | null
});

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export class SqliteDemandStore implements DemandStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async insert(d: Demand) {
		const cols = FIELDS.map((f) => COLUMNS[f]);
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(
						`INSERT INTO demands (id, ${cols.join(', ')}) VALUES (?, ${marks(cols.length)})
						 ON CONFLICT(id) DO NOTHING`
					)
					.run(d.id, ...FIELDS.map((f) => toColumn(d[f]))).changes === 1
		);
	}

	async get(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM demands WHERE id = ?').get(id) as Row | undefined;
		return r ? toDemand(r) : null;
	}

	async update(id: string, expected: DemandState, patch: Partial<Omit<Demand, 'id'>>) {
		const keys = (Object.keys(patch) as (keyof typeof COLUMNS)[]).filter((k) => k in COLUMNS);
		if (keys.length === 0) return (await this.get(id))?.state === expected;
		const set = keys.map((k) => `${COLUMNS[k]} = ?`).join(', ');
		// The state in the WHERE makes this a compare-and-set: of two people acting on the same
		// demand at once, only the first finds it still in the state they saw.
		return this.sql.write(
			() =>
				this.sql.db
					.prepare(`UPDATE demands SET ${set} WHERE id = ? AND state = ?`)
					.run(...keys.map((k) => toColumn(patch[k])), id, expected).changes === 1
		);
	}

	async addEvent(e: DemandEvent) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					'INSERT INTO demand_events (demand_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)'
				)
				.run(e.demandId, e.at, e.actor, e.kind, e.detail === null ? null : JSON.stringify(e.detail))
		);
	}

	async events(demandId: string) {
		return (
			this.sql.db
				.prepare('SELECT * FROM demand_events WHERE demand_id = ? ORDER BY id')
				.all(demandId) as Row[]
		).map(toEvent);
	}

	async eventsOf(demandIds: readonly string[], kinds?: readonly DemandEvent['kind'][]) {
		const out: DemandEvent[] = [];
		const ofKind = kinds ? `AND kind IN (${marks(kinds.length)})` : '';
		// Chunks keep under SQLite's bound-parameter limit.
		for (let i = 0; i < demandIds.length; i += 500) {
			const chunk = demandIds.slice(i, i + 500);
			const rows = this.sql.db
				.prepare(
					`SELECT * FROM demand_events WHERE demand_id IN (${marks(chunk.length)}) ${ofKind}
					 ORDER BY id`
				)
				.all(...chunk, ...(kinds ?? [])) as Row[];
			out.push(...rows.map(toEvent));
		}
		return out.sort((a, b) => a.at - b.at);
	}

	async query(q: DemandQuery) {
		const { sql, args } = this.#where(q);
		return (
			this.sql.db
				.prepare(`SELECT * FROM demands ${sql} ORDER BY filed_at DESC, id DESC LIMIT ?`)
				.all(...args, q.limit) as Row[]
		).map(toDemand);
	}

	async metricFacts(q: DemandQuery) {
		const { sql, args } = this.#where(q);
		return (
			this.sql.db
				.prepare(
					`SELECT id, grid_id, category, state, level, filed_at, resolved_at, rating
					 FROM demands ${sql} ORDER BY filed_at DESC, id DESC LIMIT ?`
				)
				.all(...args, q.limit) as Row[]
		).map((r): DemandFacts => ({
			id: r.id as string,
			gridId: r.grid_id as string,
			category: r.category as DemandFacts['category'],
			state: r.state as DemandFacts['state'],
			level: r.level as DemandFacts['level'],
			filedAt: r.filed_at as number,
			resolvedAt: r.resolved_at as number | null,
			rating: r.rating as DemandFacts['rating']
		}));
	}

	#where(q: DemandQuery) {
		const where: string[] = [];
		const args: unknown[] = [];
		const list = (col: string, values: readonly string[] | undefined) => {
			if (values === undefined) return;
			where.push(values.length ? `${col} IN (${marks(values.length)})` : '0');
			args.push(...values);
		};
		const eq = (col: string, value: string | undefined) => {
			if (value === undefined) return;
			where.push(`${col} = ?`);
			args.push(value);
		};
		list('community_id', q.communityIds);
		list('grid_id', q.gridIds);
		list('state', q.states);
		eq('resident_id', q.residentId);
		eq('entered_by', q.enteredBy);
		eq('assignee', q.assignee);
		eq('problem_id', q.problemId);
		const range = (cond: string, value: number | undefined) => {
			if (value === undefined) return;
			where.push(cond);
			args.push(value);
		};
		range('filed_at >= ?', q.filedFrom);
		range('filed_at < ?', q.filedTo);
		range('filed_at < ?', q.before);
		return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', args };
	}

	async overdue(now: number, limit: number, levels: readonly DemandLevel[] = DEMAND_LEVELS) {
		// Deadlines are only set while a clock runs (take_by until taken, resolve_by while taken).
		const rows = this.sql.db
			.prepare(
				`SELECT * FROM demands
				 WHERE state IN ('filed','offered','dispatched','taken')
				   AND level IN (${marks(levels.length)})
				   AND ((take_by IS NOT NULL AND take_by <= ?) OR (resolve_by IS NOT NULL AND resolve_by <= ?))
				 ORDER BY filed_at LIMIT ?`
			)
			.all(...levels, now, now, limit) as Row[];
		return rows.map(toDemand);
	}

	async addPhoto(demandId: string, fileId: string, stage: 'filed' | 'resolved') {
		await this.sql.write(() =>
			this.sql.db
				.prepare('INSERT OR IGNORE INTO demand_photos (demand_id, file_id, stage) VALUES (?, ?, ?)')
				.run(demandId, fileId, stage)
		);
	}

	async photos(demandId: string) {
		return this.sql.db
			.prepare(
				'SELECT file_id AS fileId, stage FROM demand_photos WHERE demand_id = ? ORDER BY rowid'
			)
			.all(demandId) as { fileId: string; stage: 'filed' | 'resolved' }[];
	}

	async demandsWithPhoto(fileId: string) {
		return (
			this.sql.db.prepare('SELECT demand_id FROM demand_photos WHERE file_id = ?').all(fileId) as {
				demand_id: string;
			}[]
		).map((r) => r.demand_id);
	}

	async addProblem(p: Problem) {
		await this.sql.write(() =>
			this.sql.db
				.prepare(
					`INSERT INTO problems (id, community_id, category, grid_id, building_id, title,
					   created_by, created_at, board_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(
					p.id,
					p.communityId,
					p.category,
					p.gridId,
					p.buildingId,
					p.title,
					p.createdBy,
					p.createdAt,
					p.boardId
				)
		);
	}

	async problems(communityId: string) {
		return (
			this.sql.db
				.prepare('SELECT * FROM problems WHERE community_id = ? ORDER BY created_at DESC, id')
				.all(communityId) as Row[]
		).map(toProblem);
	}

	async problem(id: string) {
		const r = this.sql.db.prepare('SELECT * FROM problems WHERE id = ?').get(id) as Row | undefined;
		return r ? toProblem(r) : null;
	}

	async linkProblem(problemId: string, demandIds: readonly string[]) {
		if (demandIds.length === 0) return 0;
		return this.sql.write(() => {
			// Only demands of the problem's own community can be linked to it.
			let changed = 0;
			for (let i = 0; i < demandIds.length; i += 500) {
				const chunk = demandIds.slice(i, i + 500);
				changed += this.sql.db
					.prepare(
						`UPDATE demands SET problem_id = ?
						 WHERE id IN (${marks(chunk.length)})
						   AND community_id = (SELECT community_id FROM problems WHERE id = ?)`
					)
					.run(problemId, ...chunk, problemId).changes;
			}
			return changed;
		});
	}

	async setProblemBoard(problemId: string, boardId: string) {
		return this.sql.write(
			() =>
				this.sql.db
					.prepare('UPDATE problems SET board_id = ? WHERE id = ? AND board_id IS NULL')
					.run(boardId, problemId).changes === 1
		);
	}
}

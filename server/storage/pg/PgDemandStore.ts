import type {
	Demand,
	DemandEvent,
	DemandLevel,
	DemandState
} from '../../../src/lib/domain/demands';
import { DEMAND_LEVELS } from '../../../src/lib/domain/demands';
import type { DemandFacts } from '../../../src/lib/domain/demandMetrics';
import type { DemandQuery, DemandStore, Problem } from '../DemandStore';
import type { PgDatabase, PgValue } from './PgDatabase';

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

// urgent is a BOOLEAN column, so every field reads back as the type it was written with.
const toDemand = (r: Row): Demand => {
	const d: Record<string, unknown> = { id: r.id };
	for (const f of FIELDS) d[f] = r[COLUMNS[f]];
	return d as unknown as Demand;
};

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

const placeholders = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) => `$${from + i}`).join(', ');

/**
 * A list of values as ONE parameter (a JSON array) for `col IN (SELECT …)`: any length, one
 * statement, no chunking (SQLite needed chunks under its parameter limit).
 */
const inList = (placeholder: string) =>
	`IN (SELECT jsonb_array_elements_text(${placeholder}::jsonb))`;
const list = (values: readonly string[]) => JSON.stringify(values);

// Newest first; ties on the id in byte order, like SQLite's BINARY, whatever the locale.
const NEWEST = 'ORDER BY filed_at DESC, id COLLATE "C" DESC';

export class PgDemandStore implements DemandStore {
	constructor(private readonly db: PgDatabase) {}

	async insert(d: Demand) {
		const cols = FIELDS.map((f) => COLUMNS[f]);
		const changed = await this.db.run(
			`INSERT INTO demands (id, ${cols.join(', ')}) VALUES (${placeholders(1, cols.length + 1)})
			 ON CONFLICT (id) DO NOTHING`,
			[d.id, ...FIELDS.map((f) => d[f] as PgValue)]
		);
		return changed === 1;
	}

	async get(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM demands WHERE id = $1', [id]);
		return r ? toDemand(r) : null;
	}

	async update(id: string, expected: DemandState, patch: Partial<Omit<Demand, 'id'>>) {
		const keys = (Object.keys(patch) as (keyof typeof COLUMNS)[]).filter((k) => k in COLUMNS);
		if (keys.length === 0) return (await this.get(id))?.state === expected;
		const set = keys.map((k, i) => `${COLUMNS[k]} = $${i + 1}`).join(', ');
		// One statement with the state in its WHERE, a compare-and-set: of two people acting on the
		// same demand at once, the second waits on the row lock, re-reads the committed row and
		// finds it no longer in the state they saw.
		const n = keys.length;
		const changed = await this.db.run(
			`UPDATE demands SET ${set} WHERE id = $${n + 1} AND state = $${n + 2}`,
			[...keys.map((k) => patch[k] as PgValue), id, expected]
		);
		return changed === 1;
	}

	async addEvent(e: DemandEvent) {
		await this.db.run(
			'INSERT INTO demand_events (demand_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5)',
			[e.demandId, e.at, e.actor, e.kind, e.detail === null ? null : JSON.stringify(e.detail)]
		);
	}

	async events(demandId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM demand_events WHERE demand_id = $1 ORDER BY id',
			[demandId]
		);
		return rows.map(toEvent);
	}

	async eventsOf(demandIds: readonly string[], kinds?: readonly DemandEvent['kind'][]) {
		if (demandIds.length === 0) return [];
		const ofKind = kinds ? `AND kind ${inList('$2')}` : '';
		const rows = await this.db.query<Row>(
			`SELECT * FROM demand_events WHERE demand_id ${inList('$1')} ${ofKind} ORDER BY id`,
			kinds ? [list(demandIds), list(kinds)] : [list(demandIds)]
		);
		// A stable sort on the time keeps equal times in the order they were written.
		return rows.map(toEvent).sort((a, b) => a.at - b.at);
	}

	async query(q: DemandQuery) {
		const { sql, args } = where(q);
		const rows = await this.db.query<Row>(
			`SELECT * FROM demands ${sql} ${NEWEST} LIMIT $${args.length + 1}`,
			[...args, q.limit]
		);
		return rows.map(toDemand);
	}

	async metricFacts(q: DemandQuery) {
		const { sql, args } = where(q);
		const rows = await this.db.query<Row>(
			`SELECT id, grid_id, category, state, level, filed_at, resolved_at, rating
			 FROM demands ${sql} ${NEWEST} LIMIT $${args.length + 1}`,
			[...args, q.limit]
		);
		return rows.map((r): DemandFacts => ({
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

	async overdue(now: number, limit: number, levels: readonly DemandLevel[] = DEMAND_LEVELS) {
		// Deadlines are only set while a clock runs (take_by until taken, resolve_by while taken).
		const rows = await this.db.query<Row>(
			`SELECT * FROM demands
			 WHERE state IN ('filed','offered','dispatched','taken')
			   AND level ${inList('$1')}
			   AND ((take_by IS NOT NULL AND take_by <= $2) OR (resolve_by IS NOT NULL AND resolve_by <= $2))
			 ORDER BY filed_at LIMIT $3`,
			[list(levels), now, limit]
		);
		return rows.map(toDemand);
	}

	async addPhoto(demandId: string, fileId: string, stage: 'filed' | 'resolved') {
		await this.db.run(
			`INSERT INTO demand_photos (demand_id, file_id, stage) VALUES ($1, $2, $3)
			 ON CONFLICT DO NOTHING`,
			[demandId, fileId, stage]
		);
	}

	async photos(demandId: string) {
		return this.db.query<{ fileId: string; stage: 'filed' | 'resolved' }>(
			'SELECT file_id AS "fileId", stage FROM demand_photos WHERE demand_id = $1 ORDER BY seq',
			[demandId]
		);
	}

	async demandsWithPhoto(fileId: string) {
		const rows = await this.db.query<{ demand_id: string }>(
			'SELECT demand_id FROM demand_photos WHERE file_id = $1 ORDER BY seq',
			[fileId]
		);
		return rows.map((r) => r.demand_id);
	}

	async addProblem(p: Problem) {
		await this.db.run(
			`INSERT INTO problems (id, community_id, category, grid_id, building_id, title,
			   created_by, created_at, board_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			[
				p.id,
				p.communityId,
				p.category,
				p.gridId,
				p.buildingId,
				p.title,
				p.createdBy,
				p.createdAt,
				p.boardId
			]
		);
	}

	async problems(communityId: string) {
		const rows = await this.db.query<Row>(
			'SELECT * FROM problems WHERE community_id = $1 ORDER BY created_at DESC, id COLLATE "C"',
			[communityId]
		);
		return rows.map(toProblem);
	}

	async problem(id: string) {
		const r = await this.db.one<Row>('SELECT * FROM problems WHERE id = $1', [id]);
		return r ? toProblem(r) : null;
	}

	async linkProblem(problemId: string, demandIds: readonly string[]) {
		if (demandIds.length === 0) return 0;
		// One statement for the whole list; only demands of the problem's own community match.
		return this.db.run(
			`UPDATE demands SET problem_id = $1
			 WHERE id ${inList('$2')}
			   AND community_id = (SELECT community_id FROM problems WHERE id = $1)`,
			[problemId, list(demandIds)]
		);
	}

	async setProblemBoard(problemId: string, boardId: string) {
		const changed = await this.db.run(
			'UPDATE problems SET board_id = $1 WHERE id = $2 AND board_id IS NULL',
			[boardId, problemId]
		);
		return changed === 1;
	}
}

/** The WHERE clause of a query, with numbered placeholders from $1. */
function where(q: DemandQuery): { sql: string; args: PgValue[] } {
	const conds: string[] = [];
	const args: PgValue[] = [];
	const next = (v: PgValue) => `$${args.push(v)}`;
	const oneOf = (col: string, values: readonly string[] | undefined) => {
		if (values === undefined) return;
		conds.push(values.length ? `${col} ${inList(next(list(values)))}` : 'FALSE');
	};
	const eq = (col: string, value: string | undefined) => {
		if (value !== undefined) conds.push(`${col} = ${next(value)}`);
	};
	const range = (op: string, value: number | undefined) => {
		if (value !== undefined) conds.push(`filed_at ${op} ${next(value)}`);
	};
	oneOf('community_id', q.communityIds);
	oneOf('grid_id', q.gridIds);
	oneOf('state', q.states);
	eq('resident_id', q.residentId);
	eq('entered_by', q.enteredBy);
	eq('assignee', q.assignee);
	eq('problem_id', q.problemId);
	range('>=', q.filedFrom);
	range('<', q.filedTo);
	range('<', q.before);
	return { sql: conds.length ? 'WHERE ' + conds.join(' AND ') : '', args };
}

import { pledgeSnapshot, type ProjectStage } from '../../../src/lib/domain/projects';
import type { PledgeRevision, ProjectRecord, ProjectStore, StageMove } from '../ProjectStore';
import type { PgDatabase } from './PgDatabase';
import {
	type ProjectRow,
	type RevisionRow,
	type StageMoveRow,
	toProject,
	toRevision,
	toStageMove
} from '../rows/projectRows';

/** `$from, $from+1, …` for an IN list of n values. */
const marks = (n: number, from = 1) =>
	Array.from({ length: n }, (_, i) => `$${from + i}`).join(',');

/**
 * Projects on PostgreSQL. The stage move is one statement (an UPDATE compare-and-set feeding
 * the INSERT of its record): a racing move from another connection or instance waits for the
 * row, re-reads the stage, finds it changed and writes nothing.
 */
export class PgProjectStore implements ProjectStore {
	constructor(private readonly db: PgDatabase) {}

	async create(p: ProjectRecord) {
		const added = await this.db.run(
			`INSERT INTO projects (board_id, community_id, level, unit_id, category, stage,
			 created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			 ON CONFLICT (board_id) DO NOTHING`,
			[
				p.boardId,
				p.communityId,
				p.level,
				p.unitId,
				p.category,
				p.stage,
				p.createdBy,
				p.createdAt,
				p.updatedAt
			]
		);
		return added === 1;
	}

	async get(boardId: string) {
		const r = await this.db.one<ProjectRow>('SELECT * FROM projects WHERE board_id = $1', [
			boardId
		]);
		return r ? toProject(r) : null;
	}

	async inCommunities(communityIds: readonly string[]) {
		if (communityIds.length === 0) return [];
		const rows = await this.db.query<ProjectRow>(
			`SELECT * FROM projects WHERE community_id IN (${marks(communityIds.length)})
			 ORDER BY created_at, board_id COLLATE "C"`,
			communityIds
		);
		return rows.map(toProject);
	}

	async classify(
		boardId: string,
		c: Pick<ProjectRecord, 'level' | 'unitId' | 'category'>,
		at: number
	) {
		await this.db.run(
			`UPDATE projects SET level = $1, unit_id = $2, category = $3, updated_at = $4
			 WHERE board_id = $5 AND (level <> $1 OR unit_id <> $2 OR category <> $3)`,
			[c.level, c.unitId, c.category, at, boardId]
		);
	}

	async moveStage(
		boardId: string,
		from: ProjectStage,
		to: ProjectStage,
		by: { reason: string | null; authorId: string; at: number }
	) {
		const recorded = await this.db.run(
			`WITH moved AS (
				UPDATE projects SET stage = $3, updated_at = $5 WHERE board_id = $1 AND stage = $2
				RETURNING board_id
			)
			INSERT INTO stage_moves (board_id, from_stage, to_stage, reason, author_id, at)
			SELECT board_id, $2, $3, $4::text, $6::text, $5 FROM moved`,
			[boardId, from, to, by.reason, by.at, by.authorId]
		);
		return recorded === 1;
	}

	async moves(boardId: string): Promise<StageMove[]> {
		const rows = await this.db.query<StageMoveRow>(
			'SELECT * FROM stage_moves WHERE board_id = $1 ORDER BY id',
			[boardId]
		);
		return rows.map(toStageMove);
	}

	async addRevision(rev: PledgeRevision) {
		const added = await this.db.run(
			`INSERT INTO pledge_revisions (board_id, revision, snapshot, reason, author_id, at)
			 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (board_id, revision) DO NOTHING`,
			[
				rev.boardId,
				rev.revision,
				JSON.stringify(pledgeSnapshot(rev.snapshot)),
				rev.reason,
				rev.authorId,
				rev.at
			]
		);
		return added === 1;
	}

	async revisions(boardId: string) {
		const rows = await this.db.query<RevisionRow>(
			'SELECT * FROM pledge_revisions WHERE board_id = $1 ORDER BY revision',
			[boardId]
		);
		return rows.map(toRevision);
	}

	async lastRevision(boardId: string) {
		const r = await this.db.one<RevisionRow>(
			'SELECT * FROM pledge_revisions WHERE board_id = $1 ORDER BY revision DESC LIMIT 1',
			[boardId]
		);
		return r ? toRevision(r) : null;
	}
}

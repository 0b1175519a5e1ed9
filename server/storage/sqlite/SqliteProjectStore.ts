import { pledgeSnapshot, type ProjectStage } from '../../../src/lib/domain/projects';
import type { PledgeRevision, ProjectRecord, ProjectStore, StageMove } from '../ProjectStore';
import type { SqliteDatabase } from './SqliteDatabase';
import {
	type ProjectRow,
	type RevisionRow,
	type StageMoveRow,
	toProject,
	toRevision,
	toStageMove
} from '../rows/projectRows';

export class SqliteProjectStore implements ProjectStore {
	constructor(private readonly sql: SqliteDatabase) {}

	async create(p: ProjectRecord) {
		const r = this.sql.db
			.prepare(
				`INSERT OR IGNORE INTO projects (board_id, community_id, level, unit_id, category, stage,
				 created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
			)
			.run(
				p.boardId,
				p.communityId,
				p.level,
				p.unitId,
				p.category,
				p.stage,
				p.createdBy,
				p.createdAt,
				p.updatedAt
			);
		return r.changes === 1;
	}

	async get(boardId: string) {
		const r = this.sql.db.prepare('SELECT * FROM projects WHERE board_id = ?').get(boardId) as
			ProjectRow | undefined;
		return r ? toProject(r) : null;
	}

	async inCommunities(communityIds: readonly string[]) {
		if (communityIds.length === 0) return [];
		const marks = communityIds.map(() => '?').join(',');
		const rows = this.sql.db
			.prepare(
				`SELECT * FROM projects WHERE community_id IN (${marks}) ORDER BY created_at, board_id`
			)
			.all(...communityIds) as ProjectRow[];
		return rows.map(toProject);
	}

	async classify(
		boardId: string,
		c: Pick<ProjectRecord, 'level' | 'unitId' | 'category'>,
		at: number
	) {
		this.sql.db
			.prepare(
				`UPDATE projects SET level = ?, unit_id = ?, category = ?, updated_at = ?
				 WHERE board_id = ? AND (level <> ? OR unit_id <> ? OR category <> ?)`
			)
			.run(c.level, c.unitId, c.category, at, boardId, c.level, c.unitId, c.category);
	}

	async moveStage(
		boardId: string,
		from: ProjectStage,
		to: ProjectStage,
		by: { reason: string | null; authorId: string; at: number }
	) {
		return this.sql.transaction(async () => {
			const r = this.sql.db
				.prepare('UPDATE projects SET stage = ?, updated_at = ? WHERE board_id = ? AND stage = ?')
				.run(to, by.at, boardId, from);
			if (r.changes !== 1) return false;
			this.sql.db
				.prepare(
					`INSERT INTO stage_moves (board_id, from_stage, to_stage, reason, author_id, at)
					 VALUES (?, ?, ?, ?, ?, ?)`
				)
				.run(boardId, from, to, by.reason, by.authorId, by.at);
			return true;
		});
	}

	async moves(boardId: string): Promise<StageMove[]> {
		const rows = this.sql.db
			.prepare('SELECT * FROM stage_moves WHERE board_id = ? ORDER BY id')
			.all(boardId) as StageMoveRow[];
		return rows.map(toStageMove);
	}

	async addRevision(rev: PledgeRevision) {
		const r = this.sql.db
			.prepare(
				`INSERT OR IGNORE INTO pledge_revisions (board_id, revision, snapshot, reason, author_id, at)
				 VALUES (?, ?, ?, ?, ?, ?)`
			)
			.run(
				rev.boardId,
				rev.revision,
				JSON.stringify(pledgeSnapshot(rev.snapshot)),
				rev.reason,
				rev.authorId,
				rev.at
			);
		return r.changes === 1;
	}

	async revisions(boardId: string) {
		const rows = this.sql.db
			.prepare('SELECT * FROM pledge_revisions WHERE board_id = ? ORDER BY revision')
			.all(boardId) as RevisionRow[];
		return rows.map(toRevision);
	}

	async lastRevision(boardId: string) {
		const r = this.sql.db
			.prepare('SELECT * FROM pledge_revisions WHERE board_id = ? ORDER BY revision DESC LIMIT 1')
			.get(boardId) as RevisionRow | undefined;
		return r ? toRevision(r) : null;
	}
}

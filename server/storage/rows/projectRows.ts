import type { ProjectCategory, ProjectLevel } from '../../../src/lib/domain/board';
import { pledgeSnapshot, type ProjectStage } from '../../../src/lib/domain/projects';
import type { PledgeRevision, ProjectRecord, StageMove } from '../ProjectStore';

/** Row shapes and row → record mappers, shared by the SQLite and PostgreSQL stores: both
 * engines store the same columns, so a record reads back the same from either. */
export interface ProjectRow {
	board_id: string;
	community_id: string;
	level: string;
	unit_id: string;
	category: string;
	stage: string;
	created_by: string;
	created_at: number;
	updated_at: number;
}

export interface RevisionRow {
	board_id: string;
	revision: number;
	snapshot: string;
	reason: string | null;
	author_id: string;
	at: number;
}

export const toProject = (r: ProjectRow): ProjectRecord => ({
	boardId: r.board_id,
	communityId: r.community_id,
	level: r.level as ProjectLevel,
	unitId: r.unit_id,
	category: r.category as ProjectCategory,
	stage: r.stage as ProjectStage,
	createdBy: r.created_by,
	createdAt: r.created_at,
	updatedAt: r.updated_at
});

export const toRevision = (r: RevisionRow): PledgeRevision => ({
	boardId: r.board_id,
	revision: r.revision,
	snapshot: pledgeSnapshot(JSON.parse(r.snapshot) as Record<string, unknown>),
	reason: r.reason,
	authorId: r.author_id,
	at: r.at
});

export interface StageMoveRow {
	id: number;
	board_id: string;
	from_stage: string;
	to_stage: string;
	reason: string | null;
	author_id: string;
	at: number;
}

export const toStageMove = (r: StageMoveRow): StageMove => ({
	id: r.id,
	boardId: r.board_id,
	from: r.from_stage as ProjectStage,
	to: r.to_stage as ProjectStage,
	reason: r.reason,
	authorId: r.author_id,
	at: r.at
});

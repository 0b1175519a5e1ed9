import type { ProjectCategory, ProjectLevel } from '../../src/lib/domain/board';
import type { PledgeSnapshot, ProjectStage } from '../../src/lib/domain/projects';

/** A secretary project's server row, keyed by its board's document id. */
export interface ProjectRecord {
	boardId: string;
	communityId: string;
	level: ProjectLevel;
	unitId: string;
	category: ProjectCategory;
	stage: ProjectStage;
	createdBy: string;
	createdAt: number;
	updatedAt: number;
}

/** One published version of the pledge, as the server read it from its copy of the board. */
export interface PledgeRevision {
	boardId: string;
	revision: number;
	snapshot: PledgeSnapshot;
	/** Why it was revised; null for the first publication. */
	reason: string | null;
	authorId: string;
	at: number;
}

export interface StageMove {
	id: number;
	boardId: string;
	from: ProjectStage;
	to: ProjectStage;
	reason: string | null;
	authorId: string;
	at: number;
}

/**
 * Projects, their published pledge revisions and their stage moves. Revisions and moves are
 * append-only (the database refuses UPDATE and DELETE on them): what was promised and when the
 * stage changed stays provable.
 */
export interface ProjectStore {
	/** False when a project already exists for this board. */
	create(project: ProjectRecord): Promise<boolean>;
	get(boardId: string): Promise<ProjectRecord | null>;
	inCommunities(communityIds: readonly string[]): Promise<ProjectRecord[]>;
	/** Level, owning unit and category follow the board (they decide nothing). */
	classify(
		boardId: string,
		c: Pick<ProjectRecord, 'level' | 'unitId' | 'category'>,
		at: number
	): Promise<void>;
	/**
	 * Moves the stage from `from` to `to` and records the move, in one step; false (nothing
	 * written) when the stage is no longer `from` — two requests racing move it once.
	 */
	moveStage(
		boardId: string,
		from: ProjectStage,
		to: ProjectStage,
		by: { reason: string | null; authorId: string; at: number }
	): Promise<boolean>;
	moves(boardId: string): Promise<StageMove[]>;
	/** Appends revision `revision`; false when that number is taken (a racing publish). */
	addRevision(revision: PledgeRevision): Promise<boolean>;
	revisions(boardId: string): Promise<PledgeRevision[]>;
	lastRevision(boardId: string): Promise<PledgeRevision | null>;
}

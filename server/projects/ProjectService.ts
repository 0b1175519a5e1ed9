import type { Board } from '../../src/lib/domain/board';
import { isProjectCategory, isProjectLevel } from '../../src/lib/domain/board';
import { canDoWithProjects, type ProjectAction } from '../../src/lib/domain/policy';
import {
	gatesFor,
	isProjectStage,
	movesFrom,
	pledgeGates,
	pledgeSnapshot,
	samePledge,
	type Gate,
	type ProjectStage
} from '../../src/lib/domain/projects';
import type { AuditAction } from '../../src/lib/domain/audit';
import type { AccessService } from '../access/AccessService';
import { readServerBoard, type ServerChangeDeps } from '../automerge/serverChange';
import type { MetricsHelpers } from '../metrics/MetricsHelpers';
import type { PledgeRevision, ProjectRecord, StageMove } from '../storage/ProjectStore';
import type { Stores } from '../storage/Stores';
import { ProjectError } from './ProjectError';

export interface ProjectServiceDeps {
	stores: Stores;
	access: AccessService;
	automerge: ServerChangeDeps['automerge'];
	metrics: Pick<MetricsHelpers, 'createBoard'>;
	now(): number;
	/** Open rectification items of a board (branch evaluation feeds this); none by default. */
	openRectifications?: (boardId: string) => Promise<number>;
	/** Boards that are a community's action list: never made into a project. */
	isActionList?: (boardId: string) => Promise<boolean>;
}

/** What the board page shows about a project: server records, never the board's own say. */
export interface ProjectView {
	project: ProjectRecord;
	revisions: PledgeRevision[];
	moves: StageMove[];
	/** Unmet gates for the next stage, read from the server's copy of the board. */
	gates: Gate[];
	forward: ProjectStage | null;
	back: ProjectStage | null;
	/** The board's pledge is not what was last published. */
	draftDiffers: boolean;
	/** The viewer may publish, revise and move (the secretary). */
	canManage: boolean;
}

const MAX_REASON = 500;
const MAX_TITLE = 60;

/**
 * Secretary projects: a board plus its server row. Publishing, revising and moving the stage
 * read the board from the server's own copy (what clients sent and the server accepted), never
 * from the request, and every step is audited.
 */
export class ProjectService {
	constructor(private readonly deps: ProjectServiceDeps) {}

	/** A new project in a community: its board (every container made) and its row, together. */
	async create(
		userId: string,
		input: { communityId: string; title: string; level?: unknown; category?: unknown },
		problemId?: string
	): Promise<string> {
		const { stores } = this.deps;
		const community = await stores.org.unit(input.communityId);
		if (community?.kind !== 'community') throw new ProjectError('not_found');
		await this.#require('create', userId, community.id);
		const title = input.title.trim();
		if (!title || [...title].length > MAX_TITLE) throw new ProjectError('invalid');
		const level = input.level === undefined ? 'community' : input.level;
		const category = input.category === undefined ? 'livelihood' : input.category;
		if (!isProjectLevel(level) || !isProjectCategory(category)) throw new ProjectError('invalid');
		const now = this.deps.now();
		const boardId = await stores.transaction(async () => {
			const id = await this.deps.metrics.createBoard({
				communityId: community.id,
				title,
				createdBy: userId,
				problemId,
				category,
				level
			});
			await stores.projects.create({
				boardId: id,
				communityId: community.id,
				level,
				unitId: community.id,
				category,
				stage: 'topic',
				createdBy: userId,
				createdAt: now,
				updatedAt: now
			});
			return id;
		});
		await this.#audit(userId, 'project_created', boardId, community.id, { problemId });
		return boardId;
	}

	/** A project whose topic is a problem-list entry; the entry then links to its board. */
	async fromProblem(userId: string, communityId: string, problemId: string): Promise<string> {
		const { stores } = this.deps;
		const problem = await stores.demands.problem(problemId);
		if (!problem || problem.communityId !== communityId) throw new ProjectError('not_found');
		if (problem.boardId !== null) throw new ProjectError('conflict');
		const boardId = await this.create(userId, { communityId, title: problem.title }, problem.id);
		// Two secretaries at once: the second board exists but is not the entry's; say so.
		if (!(await stores.demands.setProblemBoard(problem.id, boardId)))
			throw new ProjectError('conflict');
		return boardId;
	}

	/** The projects whose boards the user may read, with their stage (for lists and overviews). */
	async list(userId: string): Promise<(ProjectRecord & { title: string })[]> {
		const readable = await this.deps.access.documents(userId);
		const out: (ProjectRecord & { title: string })[] = [];
		for (const { doc } of readable) {
			if (doc.kind !== 'board') continue;
			const project = await this.deps.stores.projects.get(doc.id);
			if (project) out.push({ ...project, title: doc.title });
		}
		return out;
	}

	/** The project as its board's readers see it; not_found for anyone who may not read the board. */
	async view(userId: string, boardId: string): Promise<ProjectView> {
		const access = await this.deps.access.document(userId, boardId);
		if (!access || access.doc.kind !== 'board') throw new ProjectError('not_found');
		const project = await this.#ensure(boardId);
		const board = await readServerBoard<Board>(this.deps, boardId);
		const { stores } = this.deps;
		const [revisions, moves, roles] = await Promise.all([
			stores.projects.revisions(boardId),
			stores.projects.moves(boardId),
			this.deps.access.rolesIn(userId, project.communityId)
		]);
		const { forward, back } = movesFrom(project.stage);
		const gates = forward ? gatesFor(forward, board, await this.#records(project)) : [];
		const last = revisions.at(-1);
		return {
			project,
			revisions,
			moves,
			gates,
			forward,
			back,
			draftDiffers:
				project.stage !== 'topic' &&
				!!last &&
				!samePledge(last.snapshot, pledgeSnapshot(board.pledge)),
			canManage: canDoWithProjects('move_stage', roles)
		};
	}

	/**
	 * Moves the stage. Topic → pledge publishes the pledge (revision 1, or the next one after a
	 * move back). Gates are read from the server's copy of the board; a back move needs a reason.
	 */
	async move(
		userId: string,
		boardId: string,
		target: unknown,
		reason?: unknown
	): Promise<ProjectRecord> {
		// Who asks is checked before what they ask: an outsider learns nothing from a bad target.
		const project = await this.#managed(userId, boardId, 'move_stage');
		if (!isProjectStage(target)) throw new ProjectError('invalid');
		const why = typeof reason === 'string' ? reason.trim().slice(0, MAX_REASON) : '';
		const board = await readServerBoard<Board>(this.deps, boardId);
		const gates = gatesFor(target, board, await this.#records(project), { reason: why });
		if (gates.length > 0) throw new ProjectError('gates', gates);
		const at = this.deps.now();
		const by = { reason: why || null, authorId: userId, at };
		const { stores } = this.deps;
		const moved = await stores.transaction(async () => {
			if (target === 'pledge' && project.stage === 'topic') {
				const last = await stores.projects.lastRevision(boardId);
				const ok = await stores.projects.addRevision({
					boardId,
					revision: (last?.revision ?? 0) + 1,
					snapshot: pledgeSnapshot(board.pledge),
					reason: why || null,
					authorId: userId,
					at
				});
				if (!ok) return false;
			}
			return stores.projects.moveStage(boardId, project.stage, target, by);
		});
		if (!moved) throw new ProjectError('conflict');
		// Closing makes the board read-only for everyone, reopening gives it back: sockets already
		// on it are re-checked before the answer, so none keeps writing to a closed project.
		if (target === 'closed' || project.stage === 'closed')
			await this.deps.access.documentChanged(boardId);
		if (target === 'pledge' && project.stage === 'topic') {
			await this.#audit(userId, 'pledge_published', boardId, project.communityId, {});
		}
		await this.#audit(userId, 'stage_moved', boardId, project.communityId, {
			from: project.stage,
			to: target,
			reason: by.reason
		});
		return { ...project, stage: target, updatedAt: at };
	}

	/**
	 * Publishes the board's current pledge as a new revision, with a reason: a changed deadline
	 * is a visible revision, never a silent edit. Refused when nothing changed.
	 */
	async revise(userId: string, boardId: string, reason: unknown): Promise<PledgeRevision> {
		const why = typeof reason === 'string' ? reason.trim().slice(0, MAX_REASON) : '';
		const project = await this.#managed(userId, boardId, 'revise');
		if (project.stage === 'topic' || project.stage === 'closed') throw new ProjectError('conflict');
		if (!why) throw new ProjectError('gates', [{ code: 'reason_required' }]);
		const board = await readServerBoard<Board>(this.deps, boardId);
		const snapshot = pledgeSnapshot(board.pledge);
		const gates = pledgeGates(snapshot);
		if (gates.length > 0) throw new ProjectError('gates', gates);
		const { stores } = this.deps;
		const last = await stores.projects.lastRevision(boardId);
		if (last && samePledge(last.snapshot, snapshot)) throw new ProjectError('conflict');
		const revision: PledgeRevision = {
			boardId,
			revision: (last?.revision ?? 0) + 1,
			snapshot,
			reason: why,
			authorId: userId,
			at: this.deps.now()
		};
		if (!(await stores.projects.addRevision(revision))) throw new ProjectError('conflict');
		await this.#audit(userId, 'pledge_revised', boardId, project.communityId, {
			revision: revision.revision,
			reason: why
		});
		return revision;
	}

	async #records(project: ProjectRecord) {
		const open = (await this.deps.openRectifications?.(project.boardId)) ?? 0;
		return { stage: project.stage, openRectifications: open };
	}

	/** The project row, made for a board from before projects existed (stage topic). */
	async #ensure(boardId: string): Promise<ProjectRecord> {
		const { stores } = this.deps;
		const found = await stores.projects.get(boardId);
		if (found) return found;
		const doc = await stores.documents.get(boardId);
		if (!doc || doc.kind !== 'board') throw new ProjectError('not_found');
		if (await this.deps.isActionList?.(boardId)) throw new ProjectError('not_found');
		const board = await readServerBoard<Board>(this.deps, boardId);
		const now = this.deps.now();
		await stores.projects.create({
			boardId,
			communityId: doc.communityId,
			level: isProjectLevel(board.level) ? board.level : 'community',
			unitId: typeof board.unitId === 'string' && board.unitId ? board.unitId : doc.communityId,
			category: isProjectCategory(board.category) ? board.category : 'other',
			stage: 'topic',
			createdBy: doc.createdBy,
			createdAt: now,
			updatedAt: now
		});
		return (await stores.projects.get(boardId))!;
	}

	/** The project, if the user may do `action` on it; otherwise not_found or forbidden. */
	async #managed(userId: string, boardId: string, action: ProjectAction) {
		const access = await this.deps.access.document(userId, boardId);
		if (!access || access.doc.kind !== 'board') throw new ProjectError('not_found');
		const project = await this.#ensure(boardId);
		await this.#require(action, userId, project.communityId);
		return project;
	}

	async #require(action: ProjectAction, userId: string, communityId: string) {
		const roles = await this.deps.access.rolesIn(userId, communityId);
		if (!canDoWithProjects(action, roles)) {
			throw new ProjectError(roles.size === 0 ? 'not_found' : 'forbidden');
		}
	}

	async #audit(
		userId: string,
		action: AuditAction,
		boardId: string,
		scope: string,
		detail: Record<string, unknown>
	) {
		await this.deps.stores.audit.record({
			at: this.deps.now(),
			userId,
			action,
			target: `board:${boardId}`,
			scope,
			detail
		});
	}
}

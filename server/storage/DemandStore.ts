import type { DemandFacts } from '../../src/lib/domain/demandMetrics';
import type { Demand, DemandEvent, DemandLevel, DemandState } from '../../src/lib/domain/demands';

export interface DemandQuery {
	communityIds?: readonly string[];
	gridIds?: readonly string[];
	residentId?: string;
	/** Demands a user filed for someone else. */
	enteredBy?: string;
	assignee?: string;
	states?: readonly DemandState[];
	/** Filed in [filedFrom, filedTo). */
	filedFrom?: number;
	filedTo?: number;
	problemId?: string;
	/** Newest first; page with `before` (a filedAt) when given. */
	before?: number;
	limit: number;
}

/** A problem-list entry (问题清单): a recurring group of demands worth a secretary project. */
export interface Problem {
	id: string;
	communityId: string;
	category: string;
	gridId: string | null;
	buildingId: string | null;
	title: string;
	createdBy: string;
	createdAt: number;
	/** The project board made from it, once there is one. */
	boardId: string | null;
}

/**
 * Demands, their timed and attributed steps, photos and the problem list. Every change of a
 * demand is a compare-and-set on its state, so two people acting at once cannot both win.
 */
export interface DemandStore {
	/** False when a demand with this id exists (a retried offline submission). */
	insert(d: Demand): Promise<boolean>;
	get(id: string): Promise<Demand | null>;
	/** Applies the patch only if the demand is still in `expected` state; true if it was. */
	update(id: string, expected: DemandState, patch: Partial<Omit<Demand, 'id'>>): Promise<boolean>;
	addEvent(e: DemandEvent): Promise<void>;
	events(demandId: string): Promise<DemandEvent[]>;
	/** Events of many demands at once (metrics), oldest first; only these kinds when given. */
	eventsOf(
		demandIds: readonly string[],
		kinds?: readonly DemandEvent['kind'][]
	): Promise<DemandEvent[]>;
	query(q: DemandQuery): Promise<Demand[]>;
	/** `query`'s demands with only the fields the figures read (the dashboards, at scale). */
	metricFacts(q: DemandQuery): Promise<DemandFacts[]>;
	/** Open demands whose take or resolve clock ran out at `now`, at the given levels (default all). */
	overdue(now: number, limit: number, levels?: readonly DemandLevel[]): Promise<Demand[]>;
	addPhoto(demandId: string, fileId: string, stage: 'filed' | 'resolved'): Promise<void>;
	photos(demandId: string): Promise<{ fileId: string; stage: 'filed' | 'resolved' }[]>;
	/** The demands a file is a photo of (who may see the file follows from them). */
	demandsWithPhoto(fileId: string): Promise<string[]>;
	addProblem(p: Problem): Promise<void>;
	problems(communityId: string): Promise<Problem[]>;
	problem(id: string): Promise<Problem | null>;
	/** Links demands to a problem-list entry. */
	linkProblem(problemId: string, demandIds: readonly string[]): Promise<number>;
	setProblemBoard(problemId: string, boardId: string): Promise<boolean>;
}

import type { SurveyChoice, SurveyOutcome, Verdict } from '../../src/lib/domain/evaluation';

/** One revision of a project's completion report (汇报): revisions are kept, the last counts. */
export interface CompletionReport {
	id: string;
	boardId: string;
	text: string;
	authorId: string;
	at: number;
}

/** An evaluator's acceptance record for one round: invited first, signed by them alone. */
export interface AcceptanceRecord {
	boardId: string;
	round: number;
	evaluatorId: string;
	invitedBy: string;
	invitedAt: number;
	verdict: Verdict | null;
	remarks: string;
	signedAt: number | null;
}

export interface Survey {
	id: string;
	boardId: string;
	round: number;
	openedAt: number;
	openedBy: string;
	closesAt: number;
	closedAt: number | null;
	/** Null when the clock closed it. */
	closedBy: string | null;
	threshold: number;
	outcome: SurveyOutcome | null;
}

export interface SurveyVote {
	surveyId: string;
	userId: string;
	choice: SurveyChoice;
	comment: string;
	updatedAt: number;
}

export interface Rectification {
	id: string;
	boardId: string;
	round: number;
	item: string;
	/** The task it became on the board. */
	taskId: string;
	createdBy: string;
	createdAt: number;
	doneAt: number | null;
}

/**
 * Evaluation records of project boards. Everything is keyed by the board's document id. The
 * store enforces what a database can: one acceptance record per evaluator and round, signed
 * only under that evaluator's id; one vote per elector, only from the electorate frozen with the
 * survey; a survey closed once.
 */
export interface EvaluationStore {
	addReport(r: CompletionReport): Promise<void>;
	/** Oldest first. */
	reports(boardId: string): Promise<CompletionReport[]>;

	/** False if that evaluator is already invited for the round. */
	invite(r: Omit<AcceptanceRecord, 'verdict' | 'remarks' | 'signedAt'>): Promise<boolean>;
	/** Signs (or re-signs) the record of `evaluatorId`; false if they were not invited. */
	sign(
		boardId: string,
		round: number,
		evaluatorId: string,
		s: { verdict: Verdict; remarks: string; at: number }
	): Promise<boolean>;
	acceptances(boardId: string): Promise<AcceptanceRecord[]>;

	/** Opens a survey with its electorate, atomically. False if the round already has one. */
	openSurvey(s: Survey, electorate: readonly string[]): Promise<boolean>;
	survey(id: string): Promise<Survey | null>;
	/** Oldest round first. */
	surveys(boardId: string): Promise<Survey[]>;
	inElectorate(surveyId: string, userId: string): Promise<boolean>;
	electorateSize(surveyId: string): Promise<number>;
	/** Casts or replaces the voter's one vote. Throws if the voter is not in the electorate. */
	vote(v: SurveyVote): Promise<void>;
	voteOf(surveyId: string, userId: string): Promise<SurveyVote | null>;
	/** Every choice cast, without voters: the only way to read votes in bulk. */
	choices(surveyId: string): Promise<SurveyChoice[]>;
	/** Closes an open survey; false if it was already closed. */
	closeSurvey(
		id: string,
		c: { at: number; by: string | null; outcome: SurveyOutcome }
	): Promise<boolean>;
	/** Open surveys whose closing time is at or before `now`. */
	dueSurveys(now: number): Promise<Survey[]>;

	addRectification(r: Rectification): Promise<void>;
	rectifications(boardId: string): Promise<Rectification[]>;
	/** Marks an item done (once); false if it was already done or unknown. */
	markRectificationDone(id: string, at: number): Promise<boolean>;
}

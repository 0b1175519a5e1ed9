import { randomUUID } from 'node:crypto';
import {
	currentRound,
	DEFAULT_SURVEY_MS,
	DEFAULT_THRESHOLD,
	isSurveyChoice,
	isThreshold,
	isVerdict,
	mayAddRectification,
	mayVote,
	MAX_COMMENT_LENGTH,
	MAX_ITEM_LENGTH,
	MAX_REPORT_LENGTH,
	MAX_SURVEY_MS,
	nextSurveyRound,
	openSurveyRefusal,
	rectificationSettled,
	surveyOutcome,
	tally,
	type SurveyTally
} from '../../src/lib/domain/evaluation';
import { canDoInEvaluation, type EvaluationAction } from '../../src/lib/domain/policy';
import type { AuditAction } from '../../src/lib/domain/audit';
import type { ProjectStage } from '../../src/lib/domain/projects';
import type { Role } from '../../src/lib/domain/roles';
import type { AccessService } from '../access/AccessService';
import type { ServerChangeDeps } from '../automerge/serverChange';
import type { Rectification, Survey } from '../storage/EvaluationStore';
import type { Stores } from '../storage/Stores';
import type { DocumentRecord } from '../storage/types';
import { EvaluationError } from './EvaluationError';
import { addRectificationTasks, taskStates, type TaskState } from './rectificationTasks';
import { evaluationView, type EvaluationView } from './evaluationView';

export interface EvaluationServiceDeps {
	stores: Stores;
	access: AccessService;
	automerge: ServerChangeDeps['automerge'];
	/** The server's clock; tests pass their own so a survey's closing time can be reached. */
	now(): number;
}

/** A board as one user meets it: the registry row and their roles in its community. */
export interface BoardContext {
	doc: DocumentRecord;
	roles: Set<Role>;
}

/**
 * A rectification item with the state of its task on the server's copy of the board; a waived
 * task's reason comes along, as the item is then settled with that reason.
 */
export type RectificationWithTask = Rectification & { task: TaskState; waivedReason: string };

/** The latest survey's result, for the stage gate and the public page. */
export interface SurveyResult {
	surveyId: string;
	round: number;
	open: boolean;
	outcome: Survey['outcome'];
	threshold: number;
	tally: SurveyTally;
}

/**
 * Evaluation of a project board (评诺提升): completion report, on-site acceptance, the
 * residents' satisfaction survey and rectification. Every record is a server row with its author
 * and the server's time; the board document only receives rectification tasks, made by the
 * server. Reading views lives in `evaluationView.ts`.
 */
export class EvaluationService {
	constructor(readonly deps: EvaluationServiceDeps) {}

	now() {
		return this.deps.now();
	}

	/** Everything the evaluation panel shows this viewer (aggregates and their own vote only). */
	view(userId: string, boardId: string): Promise<EvaluationView> {
		return evaluationView(this, userId, boardId);
	}

	/** The board and the user's roles there; not_found for a board they may not read. */
	async board(userId: string, boardId: string): Promise<BoardContext> {
		const found = await this.deps.access.document(userId, boardId);
		if (!found || found.doc.kind !== 'board') throw new EvaluationError('not_found');
		const roles = await this.deps.access.rolesIn(userId, found.doc.communityId);
		if (!canDoInEvaluation('read', roles)) throw new EvaluationError('not_found');
		return { doc: found.doc, roles };
	}

	async #require(userId: string, boardId: string, action: EvaluationAction) {
		const ctx = await this.board(userId, boardId);
		if (!canDoInEvaluation(action, ctx.roles)) throw new EvaluationError('forbidden', action);
		return ctx;
	}

	/** The project's stage (a server record); a board without a project row is at its topic. */
	async stage(boardId: string): Promise<ProjectStage> {
		return (await this.deps.stores.projects.get(boardId))?.stage ?? 'topic';
	}

	/**
	 * Evaluation records are made only while the project is in 评诺提升: not before its tasks are
	 * done (the stage gate), and not after it closed. Checked after the input, so a bad request
	 * is told what is wrong with it whatever the stage.
	 */
	async #requireEvaluationStage(boardId: string) {
		if ((await this.stage(boardId)) !== 'evaluation')
			throw new EvaluationError('conflict', 'not_in_evaluation');
	}

	async publishReport(userId: string, boardId: string, text: unknown) {
		const { doc } = await this.#require(userId, boardId, 'report');
		const body = typeof text === 'string' ? text.trim() : '';
		if (!body || body.length > MAX_REPORT_LENGTH) throw new EvaluationError('invalid', 'text');
		await this.#requireEvaluationStage(boardId);
		const id = `rp-${randomUUID()}`;
		await this.deps.stores.evaluation.addReport({
			id,
			boardId,
			text: body,
			authorId: userId,
			at: this.now()
		});
		await this.#audit(userId, 'completion_reported', boardId, doc, { report: id });
		return id;
	}

	/** Invites a deputy or department representative who may sign for this community. */
	async invite(userId: string, boardId: string, evaluatorId: unknown) {
		const { doc } = await this.#require(userId, boardId, 'invite');
		if (typeof evaluatorId !== 'string') throw new EvaluationError('invalid', 'evaluator');
		const user = await this.deps.stores.users.byId(evaluatorId);
		const roles = user
			? await this.deps.access.rolesIn(evaluatorId, doc.communityId)
			: new Set<Role>();
		if (!user || user.disabled || !canDoInEvaluation('sign', roles))
			throw new EvaluationError('invalid', 'evaluator');
		await this.#requireEvaluationStage(boardId);
		const round = currentRound(await this.deps.stores.evaluation.surveys(boardId));
		const added = await this.deps.stores.evaluation.invite({
			boardId,
			round,
			evaluatorId,
			invitedBy: userId,
			invitedAt: this.now()
		});
		if (!added) throw new EvaluationError('conflict', 'already_invited');
		await this.#audit(userId, 'evaluator_invited', boardId, doc, { evaluator: evaluatorId, round });
	}

	/**
	 * Signs the caller's own acceptance record of the current round. Nothing names whose record
	 * is signed: it is always the session's user's, so no account can write another's.
	 */
	async sign(userId: string, boardId: string, verdict: unknown, remarks: unknown) {
		const { doc } = await this.#require(userId, boardId, 'sign');
		if (!isVerdict(verdict)) throw new EvaluationError('invalid', 'verdict');
		const text = typeof remarks === 'string' ? remarks.trim() : '';
		if (text.length > MAX_COMMENT_LENGTH) throw new EvaluationError('invalid', 'remarks');
		if (verdict !== 'pass' && !text) throw new EvaluationError('invalid', 'remarks');
		await this.#requireEvaluationStage(boardId);
		const round = currentRound(await this.deps.stores.evaluation.surveys(boardId));
		const signed = await this.deps.stores.evaluation.sign(boardId, round, userId, {
			verdict,
			remarks: text,
			at: this.now()
		});
		if (!signed) throw new EvaluationError('forbidden', 'not_invited');
		await this.#audit(userId, 'acceptance_signed', boardId, doc, { verdict, round });
	}

	/**
	 * Opens the next survey. Its electorate is frozen now: the community's residents at this
	 * moment (active accounts holding the resident role there); nobody added later can vote.
	 */
	async openSurvey(userId: string, boardId: string, opts: { threshold?: unknown; days?: unknown }) {
		const { doc } = await this.#require(userId, boardId, 'run_survey');
		const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
		if (!isThreshold(threshold)) throw new EvaluationError('invalid', 'threshold');
		const days = opts.days ?? DEFAULT_SURVEY_MS / 86_400_000;
		const ms = typeof days === 'number' ? days * 86_400_000 : NaN;
		if (!(ms > 0 && ms <= MAX_SURVEY_MS)) throw new EvaluationError('invalid', 'days');
		await this.#requireEvaluationStage(boardId);
		const ev = this.deps.stores.evaluation;
		const [reports, surveys] = await Promise.all([ev.reports(boardId), ev.surveys(boardId)]);
		const rects = await this.rectifications(boardId);
		const refusal = openSurveyRefusal(reports.length > 0, surveys, rects);
		if (refusal) throw new EvaluationError('conflict', refusal);
		const now = this.now();
		const survey: Survey = {
			id: `sv-${randomUUID()}`,
			boardId,
			round: nextSurveyRound(surveys),
			openedAt: now,
			openedBy: userId,
			closesAt: now + ms,
			closedAt: null,
			closedBy: null,
			threshold,
			outcome: null
		};
		const electorate = await this.#residents(doc.communityId);
		if (!(await ev.openSurvey(survey, electorate)))
			throw new EvaluationError('conflict', 'survey_open');
		await this.#audit(userId, 'survey_opened', boardId, doc, {
			survey: survey.id,
			round: survey.round,
			threshold,
			electorate: electorate.length
		});
		return survey;
	}

	async #residents(communityId: string): Promise<string[]> {
		const members = await this.deps.stores.org.membersOf(communityId);
		const out: string[] = [];
		for (const m of members) {
			if (m.role !== 'resident') continue;
			const u = await this.deps.stores.users.byId(m.userId);
			if (u && !u.disabled) out.push(m.userId);
		}
		return out;
	}

	/** The survey and its board, for a user who may read the board; else not_found. */
	async survey(userId: string, surveyId: string) {
		const survey = await this.deps.stores.evaluation.survey(surveyId);
		if (!survey) throw new EvaluationError('not_found');
		return { survey, ...(await this.board(userId, survey.boardId)) };
	}

	/** Casts or changes the caller's vote: one per elector, until the survey closes. */
	async vote(userId: string, surveyId: string, choice: unknown, comment: unknown) {
		const { survey, roles } = await this.survey(userId, surveyId);
		if (!isSurveyChoice(choice)) throw new EvaluationError('invalid', 'choice');
		const text = typeof comment === 'string' ? comment.trim() : '';
		if (text.length > MAX_COMMENT_LENGTH) throw new EvaluationError('invalid', 'comment');
		const ev = this.deps.stores.evaluation;
		const elector = canDoInEvaluation('vote', roles) && (await ev.inElectorate(surveyId, userId));
		if (!elector) throw new EvaluationError('forbidden', 'not_elector');
		const now = this.now();
		if (!mayVote(elector, survey, now)) throw new EvaluationError('conflict', 'closed');
		await ev.vote({ surveyId, userId, choice, comment: text, updatedAt: now });
	}

	/** The secretary closes a survey before its time. */
	async close(userId: string, surveyId: string) {
		const { survey, roles, doc } = await this.survey(userId, surveyId);
		if (!canDoInEvaluation('run_survey', roles))
			throw new EvaluationError('forbidden', 'run_survey');
		const closed = await this.#close(survey, userId);
		if (!closed) throw new EvaluationError('conflict', 'closed');
		await this.#audit(userId, 'survey_closed', survey.boardId, doc, closed);
	}

	/** Closes every survey whose time ran out (the timer's job); returns how many. */
	async sweep(now = this.now()): Promise<number> {
		let n = 0;
		for (const survey of await this.deps.stores.evaluation.dueSurveys(now)) {
			const closed = await this.#close(survey, null);
			if (!closed) continue;
			n++;
			const doc = await this.deps.stores.documents.get(survey.boardId);
			if (doc) await this.#audit(null, 'survey_closed', survey.boardId, doc, closed);
		}
		return n;
	}

	async #close(survey: Survey, by: string | null) {
		const ev = this.deps.stores.evaluation;
		const outcome = surveyOutcome(await ev.choices(survey.id), survey.threshold);
		const ok = await ev.closeSurvey(survey.id, { at: this.now(), by, outcome });
		return ok ? { survey: survey.id, round: survey.round, outcome } : null;
	}

	/** After a failed survey: each item becomes a task on the board and a rectification row. */
	async addRectifications(userId: string, boardId: string, raw: unknown) {
		const { doc } = await this.#require(userId, boardId, 'rectify');
		const items = Array.isArray(raw)
			? raw.map((x) => (typeof x === 'string' ? x.trim() : '')).filter(Boolean)
			: [];
		if (items.length === 0 || items.length > 20 || items.some((x) => x.length > MAX_ITEM_LENGTH))
			throw new EvaluationError('invalid', 'items');
		await this.#requireEvaluationStage(boardId);
		const surveys = await this.deps.stores.evaluation.surveys(boardId);
		if (!mayAddRectification(surveys)) throw new EvaluationError('conflict', 'no_failed_survey');
		const round = surveys.at(-1)!.round;
		const now = this.now();
		const taskIds = await addRectificationTasks(this.deps, boardId, items, userId, now);
		for (const [i, item] of items.entries()) {
			const id = `rx-${randomUUID()}`;
			await this.deps.stores.evaluation.addRectification({
				id,
				boardId,
				round,
				item,
				taskId: taskIds[i]!,
				createdBy: userId,
				createdAt: now,
				doneAt: null
			});
			await this.#audit(userId, 'rectification_added', boardId, doc, { item: id, round });
		}
		return taskIds;
	}

	/**
	 * Rectification items with their tasks' state, read from the server's copy of the board. An
	 * item whose task is done, or waived with a reason, is recorded as done (once, at the time the
	 * server first saw it): a waived item counts as settled-with-reason, not as still open.
	 */
	async rectifications(boardId: string): Promise<RectificationWithTask[]> {
		const ev = this.deps.stores.evaluation;
		const rows = await ev.rectifications(boardId);
		if (rows.length === 0) return [];
		const states = await taskStates(
			this.deps,
			boardId,
			rows.map((r) => r.taskId)
		);
		const now = this.now();
		const out: RectificationWithTask[] = [];
		for (const r of rows) {
			const { status: task, waivedReason } = states.get(r.taskId) ?? {
				status: null,
				waivedReason: ''
			};
			const shown = { ...r, task, waivedReason: task === 'waived' ? waivedReason : '' };
			const settled = rectificationSettled(task, waivedReason);
			if (r.doneAt === null && settled && (await ev.markRectificationDone(r.id, now))) {
				const doc = await this.deps.stores.documents.get(boardId);
				const detail = task === 'waived' ? { item: r.id, waived: waivedReason } : { item: r.id };
				if (doc) await this.#audit(null, 'rectification_done', boardId, doc, detail);
				out.push({ ...shown, doneAt: now });
			} else out.push(shown);
		}
		return out;
	}

	/** What the stage gate reads: rectification items not yet done (a project with any cannot close). */
	async openRectifications(boardId: string): Promise<RectificationWithTask[]> {
		return (await this.rectifications(boardId)).filter((r) => r.doneAt === null);
	}

	/** The latest survey's result (aggregated only), or null before the first survey. */
	async surveyResult(boardId: string): Promise<SurveyResult | null> {
		const ev = this.deps.stores.evaluation;
		const last = (await ev.surveys(boardId)).at(-1);
		if (!last) return null;
		return this.resultOf(last);
	}

	async resultOf(s: Survey): Promise<SurveyResult> {
		const ev = this.deps.stores.evaluation;
		const [choices, size] = await Promise.all([ev.choices(s.id), ev.electorateSize(s.id)]);
		return {
			surveyId: s.id,
			round: s.round,
			open: s.closedAt === null,
			outcome: s.outcome,
			threshold: s.threshold,
			tally: tally(choices, size)
		};
	}

	async #audit(
		userId: string | null,
		action: AuditAction,
		boardId: string,
		doc: DocumentRecord,
		detail: Record<string, unknown>
	) {
		await this.deps.stores.audit.record({
			at: this.now(),
			userId,
			action,
			target: `board:${boardId}`,
			scope: doc.communityId,
			detail
		});
	}
}

import {
	currentRound,
	evaluationOpen,
	mayAddRectification,
	openSurveyRefusal,
	type OpenSurveyRefusal,
	type SurveyChoice,
	type SurveyTally,
	type Verdict
} from '../../src/lib/domain/evaluation';
import { canDoInEvaluation } from '../../src/lib/domain/policy';
import type { ProjectStage } from '../../src/lib/domain/projects';
import type { Role } from '../../src/lib/domain/roles';
import type { EvaluationService, RectificationWithTask } from './EvaluationService';

export interface SurveyView {
	id: string;
	round: number;
	openedAt: number;
	closesAt: number;
	closedAt: number | null;
	threshold: number;
	outcome: 'passed' | 'rectification' | null;
	open: boolean;
	tally: SurveyTally;
	/** Whether the viewer is in this survey's frozen electorate. */
	elector: boolean;
	/** The viewer's own vote: the only individual vote anyone is ever shown. */
	myVote: { choice: SurveyChoice; comment: string; updatedAt: number } | null;
}

/** Everything the evaluation panel shows one viewer; names instead of ids for people. */
export interface EvaluationView {
	boardId: string;
	/** The project's stage: records are made only in `evaluation`; after that they are read-only. */
	stage: ProjectStage;
	round: number;
	reports: { id: string; text: string; author: string; at: number }[];
	acceptances: {
		round: number;
		evaluatorId: string;
		evaluator: string;
		verdict: Verdict | null;
		remarks: string;
		invitedAt: number;
		signedAt: number | null;
	}[];
	surveys: SurveyView[];
	rectifications: RectificationWithTask[];
	/** What the viewer may do now: nothing outside the evaluation stage. */
	can: {
		report: boolean;
		invite: boolean;
		/** The viewer has an acceptance record to sign (or re-sign) in the current round. */
		sign: boolean;
		runSurvey: boolean;
		/** Why a survey cannot open now (null: it can), for the secretary. */
		openSurvey: OpenSurveyRefusal | null;
		rectify: boolean;
	};
	/** People the secretary may invite to acceptance (empty for everyone else). */
	candidates: { id: string; name: string; role: Role }[];
}

/** The evaluation panel's data for one viewer; throws not_found exactly as for an unknown board. */
export async function evaluationView(
	service: EvaluationService,
	userId: string,
	boardId: string
): Promise<EvaluationView> {
	const { stores } = service.deps;
	const { doc, roles } = await service.board(userId, boardId);
	const ev = stores.evaluation;
	const [reports, acceptances, surveys, rectifications, stage] = await Promise.all([
		ev.reports(boardId),
		ev.acceptances(boardId),
		ev.surveys(boardId),
		service.rectifications(boardId),
		service.stage(boardId)
	]);
	const names = new Map<string, string>();
	const nameOf = async (id: string) => {
		if (!names.has(id)) names.set(id, (await stores.users.byId(id))?.displayName ?? '');
		return names.get(id)!;
	};
	const round = currentRound(surveys);
	const can = (a: Parameters<typeof canDoInEvaluation>[0]) =>
		evaluationOpen(stage) && canDoInEvaluation(a, roles);
	const surveyViews: SurveyView[] = [];
	for (const s of surveys) {
		const result = await service.resultOf(s);
		const mine = await ev.voteOf(s.id, userId);
		surveyViews.push({
			id: s.id,
			round: s.round,
			openedAt: s.openedAt,
			closesAt: s.closesAt,
			closedAt: s.closedAt,
			threshold: s.threshold,
			outcome: s.outcome,
			open: s.closedAt === null && service.now() < s.closesAt,
			tally: result.tally,
			elector: await ev.inElectorate(s.id, userId),
			myVote: mine && { choice: mine.choice, comment: mine.comment, updatedAt: mine.updatedAt }
		});
	}
	const candidates: EvaluationView['candidates'] = [];
	if (can('invite')) {
		for (const unit of await stores.org.ancestry(doc.communityId)) {
			for (const m of await stores.org.membersOf(unit.id)) {
				if (!canDoInEvaluation('sign', [m.role]) || candidates.some((c) => c.id === m.userId))
					continue;
				const invited = acceptances.some((a) => a.round === round && a.evaluatorId === m.userId);
				if (!invited) candidates.push({ id: m.userId, name: await nameOf(m.userId), role: m.role });
			}
		}
	}
	return {
		boardId,
		stage,
		round,
		reports: await Promise.all(
			reports.map(async (r) => ({
				id: r.id,
				text: r.text,
				author: await nameOf(r.authorId),
				at: r.at
			}))
		),
		acceptances: await Promise.all(
			acceptances.map(async (a) => ({
				round: a.round,
				evaluatorId: a.evaluatorId,
				evaluator: await nameOf(a.evaluatorId),
				verdict: a.verdict,
				remarks: a.remarks,
				invitedAt: a.invitedAt,
				signedAt: a.signedAt
			}))
		),
		surveys: surveyViews,
		rectifications,
		can: {
			report: can('report'),
			invite: can('invite'),
			sign: can('sign') && acceptances.some((a) => a.round === round && a.evaluatorId === userId),
			runSurvey: can('run_survey'),
			openSurvey: can('run_survey')
				? openSurveyRefusal(reports.length > 0, surveys, rectifications)
				: null,
			rectify: can('rectify') && mayAddRectification(surveys)
		},
		candidates
	};
}

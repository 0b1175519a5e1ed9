import type { SurveyOutcome, SurveyTally, Verdict } from '../../src/lib/domain/evaluation';
import type { PublicProjectsDeps } from './PublicProjects';

/**
 * Who signed an acceptance record, as the public sees it. Deputies (两代表一委员) act in public
 * and the district's model names them, so their name is shown; a department representative
 * signs for a department, shown by the unit they sit at, not by name. Anyone else (a role since
 * removed) is shown by role only.
 */
export type PublicEvaluatorRole = 'deputy' | 'department_rep' | 'evaluator';

export interface PublicAcceptance {
	round: number;
	role: PublicEvaluatorRole;
	/** Only for deputies. */
	name: string | null;
	unitName: string | null;
	verdict: Verdict;
	remarks: string;
	at: number;
}

/** An open survey shows only when it closes: a running tally would sway the residents still voting. */
export type PublicSurvey =
	| { round: number; open: true; closesAt: number }
	| {
			round: number;
			open: false;
			closedAt: number;
			threshold: number;
			outcome: SurveyOutcome | null;
			/** Aggregates only; never who chose what, never comments. */
			tally: SurveyTally;
	  };

export interface PublicRectification {
	round: number;
	item: string;
	state: 'done' | 'open' | 'gone';
}

export interface PublicEvaluation {
	report: { text: string; at: number } | null;
	acceptances: PublicAcceptance[];
	surveys: PublicSurvey[];
	rectifications: PublicRectification[];
}

/** The evaluation records of a board as the public page shows them (signed records only). */
export async function publicEvaluation(
	deps: PublicProjectsDeps,
	boardId: string
): Promise<PublicEvaluation> {
	const { stores, evaluation } = deps;
	const ev = stores.evaluation;
	const [reports, acceptances, surveys, rectifications] = await Promise.all([
		ev.reports(boardId),
		ev.acceptances(boardId),
		ev.surveys(boardId),
		evaluation.rectifications(boardId)
	]);
	const last = reports.at(-1);
	const signed: PublicAcceptance[] = [];
	for (const a of acceptances) {
		if (a.verdict === null || a.signedAt === null) continue;
		signed.push({
			round: a.round,
			...(await evaluatorOf(deps, a.evaluatorId)),
			verdict: a.verdict,
			remarks: a.remarks,
			at: a.signedAt
		});
	}
	const publicSurveys: PublicSurvey[] = [];
	for (const s of surveys) {
		if (s.closedAt === null) {
			publicSurveys.push({ round: s.round, open: true, closesAt: s.closesAt });
			continue;
		}
		const { tally } = await evaluation.resultOf(s);
		publicSurveys.push({
			round: s.round,
			open: false,
			closedAt: s.closedAt,
			threshold: s.threshold,
			outcome: s.outcome,
			tally
		});
	}
	return {
		report: last ? { text: last.text, at: last.at } : null,
		acceptances: signed,
		surveys: publicSurveys,
		rectifications: rectifications.map((r) => ({
			round: r.round,
			item: r.item,
			state: r.doneAt !== null ? 'done' : r.task === null ? 'gone' : 'open'
		}))
	};
}

async function evaluatorOf(
	deps: PublicProjectsDeps,
	userId: string
): Promise<Pick<PublicAcceptance, 'role' | 'name' | 'unitName'>> {
	const { stores } = deps;
	const memberships = await stores.org.membershipsOf(userId);
	const deputy = memberships.find((m) => m.role === 'deputy');
	if (deputy) {
		const [user, unit] = await Promise.all([
			stores.users.byId(userId),
			stores.org.unit(deputy.unitId)
		]);
		return { role: 'deputy', name: user?.displayName ?? null, unitName: unit?.name ?? null };
	}
	const rep = memberships.find((m) => m.role === 'department_rep');
	if (rep) {
		const unit = await stores.org.unit(rep.unitId);
		return { role: 'department_rep', name: null, unitName: unit?.name ?? null };
	}
	return { role: 'evaluator', name: null, unitName: null };
}

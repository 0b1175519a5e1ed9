/**
 * Evaluation of a secretary project (评诺提升): the completion report, on-site acceptance by
 * invited evaluators, the residents' satisfaction survey and rectification. All of it is server
 * records, never board fields: a board writer must not be able to flip a verdict or a vote.
 * Pure rules only; the server (`server/evaluation/`) stores and enforces them.
 */

/** The five-point scale, best first (the order the voting page and the bars show). */
export const SURVEY_CHOICES = [
	'very_satisfied',
	'satisfied',
	'neutral',
	'dissatisfied',
	'very_dissatisfied'
] as const;
export type SurveyChoice = (typeof SURVEY_CHOICES)[number];

/** What counts as "satisfied" towards the threshold: the two top answers. */
export const SATISFIED_CHOICES: readonly SurveyChoice[] = ['very_satisfied', 'satisfied'];

export const VERDICTS = ['pass', 'pass_with_remarks', 'fail'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type SurveyOutcome = 'passed' | 'rectification';

/** The share of satisfied votes a survey needs unless the secretary sets another (80%). */
export const DEFAULT_THRESHOLD = 0.8;
/** How long a survey stays open unless the secretary says otherwise (7 days). */
export const DEFAULT_SURVEY_MS = 7 * 24 * 3600 * 1000;
export const MAX_SURVEY_MS = 60 * 24 * 3600 * 1000;
export const MAX_COMMENT_LENGTH = 500;
export const MAX_REPORT_LENGTH = 20_000;
export const MAX_ITEM_LENGTH = 300;

export function isSurveyChoice(value: unknown): value is SurveyChoice {
	return typeof value === 'string' && (SURVEY_CHOICES as readonly string[]).includes(value);
}

export function isVerdict(value: unknown): value is Verdict {
	return typeof value === 'string' && (VERDICTS as readonly string[]).includes(value);
}

/** A threshold is a share in (0, 1]; 0 would pass a survey nobody answered. */
export function isThreshold(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 1;
}

/** Aggregated results: what everyone may see (never who chose what). */
export interface SurveyTally {
	counts: Record<SurveyChoice, number>;
	/** Votes cast. */
	votes: number;
	/** Residents who could vote (the frozen electorate). */
	electorate: number;
	satisfied: number;
	/** satisfied / votes, or 0 when nobody voted. */
	share: number;
}

export function tally(choices: Iterable<SurveyChoice>, electorate: number): SurveyTally {
	const counts = Object.fromEntries(SURVEY_CHOICES.map((c) => [c, 0])) as Record<
		SurveyChoice,
		number
	>;
	let votes = 0;
	for (const c of choices) {
		counts[c] += 1;
		votes += 1;
	}
	const satisfied = SATISFIED_CHOICES.reduce((n, c) => n + counts[c], 0);
	return { counts, votes, electorate, satisfied, share: votes === 0 ? 0 : satisfied / votes };
}

/**
 * Passed when the satisfied share reaches the threshold; a survey nobody answered is not a pass.
 * Compared in thousandths so 0.8 × 5 votes does not fail on a float rounding.
 */
export function surveyOutcome(choices: Iterable<SurveyChoice>, threshold: number): SurveyOutcome {
	const t = tally(choices, 0);
	if (t.votes === 0) return 'rectification';
	return t.satisfied * 1000 >= Math.round(threshold * 1000) * t.votes ? 'passed' : 'rectification';
}

/** What the rules need to know of a survey. */
export interface SurveyState {
	round: number;
	closesAt: number;
	closedAt: number | null;
	outcome: SurveyOutcome | null;
}

export function isOpen(s: SurveyState, now: number): boolean {
	return s.closedAt === null && now < s.closesAt;
}

/**
 * The evaluation round the project is in: 1 until a survey fails, then one more after each
 * failed survey. Acceptance records and rectification items belong to a round; a round's
 * rectification items answer the survey of that round.
 */
export function currentRound(surveys: readonly SurveyState[]): number {
	const last = latest(surveys);
	if (!last) return 1;
	return last.outcome === 'rectification' ? last.round + 1 : last.round;
}

/** The round a new survey would get. */
export function nextSurveyRound(surveys: readonly SurveyState[]): number {
	const last = latest(surveys);
	return last ? last.round + 1 : 1;
}

function latest(surveys: readonly SurveyState[]): SurveyState | undefined {
	return surveys.reduce<SurveyState | undefined>(
		(a, s) => (!a || s.round > a.round ? s : a),
		undefined
	);
}

export interface RectificationState {
	round: number;
	doneAt: number | null;
}

export type OpenSurveyRefusal =
	'no_report' | 'survey_open' | 'already_passed' | 'no_rectification' | 'rectification_open';

/**
 * Whether a (first or further) survey may open now. The first needs a completion report; a later
 * one follows a failed survey whose rectification items are entered and all done.
 */
export function openSurveyRefusal(
	hasReport: boolean,
	surveys: readonly SurveyState[],
	rectifications: readonly RectificationState[]
): OpenSurveyRefusal | null {
	if (!hasReport) return 'no_report';
	if (surveys.some((s) => s.closedAt === null)) return 'survey_open';
	const last = latest(surveys);
	if (!last) return null;
	if (last.outcome === 'passed') return 'already_passed';
	const items = rectifications.filter((r) => r.round === last.round);
	if (items.length === 0) return 'no_rectification';
	if (items.some((r) => r.doneAt === null)) return 'rectification_open';
	return null;
}

/**
 * Who may vote: a member of the electorate frozen when the survey opened, while it is open.
 * Holding the resident role now is not enough — nobody can add voters to a running survey.
 */
export function mayVote(inElectorate: boolean, survey: SurveyState, now: number): boolean {
	return inElectorate && isOpen(survey, now);
}

/**
 * Whether a rectification item's board task settles it: done, or waived with a reason (a task
 * explicitly not done, and why — the same standard as the evaluation gate). A waived task
 * without a reason, or a deleted one, leaves the item open.
 */
export function rectificationSettled(status: string | null, waivedReason: string): boolean {
	return status === 'done' || (status === 'waived' && waivedReason.trim() !== '');
}

/** The evaluation panel is shown once the project is in 评诺提升, and stays (read-only) after it closes. */
export function evaluationShown(stage: string): boolean {
	return stage === 'evaluation' || stage === 'closed';
}

/** Evaluation records (report, invitations, signatures, surveys, rectification) are made only in 评诺提升. */
export function evaluationOpen(stage: string): boolean {
	return stage === 'evaluation';
}

/**
 * Whether records of several rounds must say which round they belong to: as soon as the project
 * is past round 1 (a failed survey), earlier records stay listed under the new round's heading.
 */
export function labelRounds(current: number, records: readonly { round: number }[]): boolean {
	return current > 1 || records.some((r) => r.round !== current);
}

/** Rectification items may be entered after a failed survey, until the next survey opens. */
export function mayAddRectification(surveys: readonly SurveyState[]): boolean {
	const last = latest(surveys);
	return !!last && last.closedAt !== null && last.outcome === 'rectification';
}

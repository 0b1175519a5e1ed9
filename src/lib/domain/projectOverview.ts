import {
	isProjectCategory,
	isProjectLevel,
	PROJECT_CATEGORIES,
	PROJECT_LEVELS,
	type ProjectCategory,
	type ProjectLevel
} from './board';
import type { SurveyOutcome } from './evaluation';
import {
	isProjectStage,
	PROJECT_STAGES,
	stageIndex,
	type PledgeSnapshot,
	type ProjectStage
} from './projects';

/**
 * The project overviews (community and district): counts by level, stage and category, the
 * share of livelihood projects, overdue pledges and survey results, from server records only.
 * A pledge is overdue when the deadline of its latest PUBLISHED revision has passed and the
 * project is not closed: a deadline moved on the board but not republished changes nothing.
 */
export interface OverviewProject {
	boardId: string;
	communityId: string;
	title: string;
	level: ProjectLevel;
	unitId: string;
	category: ProjectCategory;
	stage: ProjectStage;
	createdAt: number;
	/** The latest published revision of the pledge; null before the first publication. */
	pledge: (PledgeSnapshot & { revision: number; at: number }) | null;
	/** The latest closed survey (highest round); null when none has closed. */
	survey: {
		round: number;
		threshold: number;
		outcome: SurveyOutcome | null;
		votes: number;
		satisfied: number;
		closedAt: number;
	} | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `today` is the Beijing date (YYYY-MM-DD): a deadline is due through the end of its day. */
export function isOverdue(p: OverviewProject, today: string): boolean {
	if (p.stage === 'topic' || p.stage === 'closed' || !p.pledge) return false;
	return DATE.test(p.pledge.deadline) && p.pledge.deadline < today;
}

export interface Satisfaction {
	/** Satisfied votes / votes; 0 when nobody voted (which is not a pass). */
	share: number;
	threshold: number;
	votes: number;
	passed: boolean;
}

/** The latest closed survey's result; the pass is the server's recorded outcome. */
export function satisfactionOf(p: OverviewProject): Satisfaction | null {
	const s = p.survey;
	if (!s) return null;
	return {
		share: s.votes === 0 ? 0 : s.satisfied / s.votes,
		threshold: s.threshold,
		votes: s.votes,
		passed: s.outcome === 'passed'
	};
}

export interface OverviewSummary {
	total: number;
	byLevel: Record<ProjectLevel, number>;
	byStage: Record<ProjectStage, number>;
	byCategory: Record<ProjectCategory, number>;
	livelihood: number;
	/** livelihood / total; null when there are no projects. */
	livelihoodShare: number | null;
	overdue: number;
	surveyed: number;
	passed: number;
}

const zeros = <K extends string>(keys: readonly K[]) =>
	Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function summarise(projects: readonly OverviewProject[], today: string): OverviewSummary {
	const out: OverviewSummary = {
		total: projects.length,
		byLevel: zeros(PROJECT_LEVELS),
		byStage: zeros(PROJECT_STAGES),
		byCategory: zeros(PROJECT_CATEGORIES),
		livelihood: 0,
		livelihoodShare: null,
		overdue: 0,
		surveyed: 0,
		passed: 0
	};
	for (const p of projects) {
		out.byLevel[p.level] += 1;
		out.byStage[p.stage] += 1;
		out.byCategory[p.category] += 1;
		if (p.category === 'livelihood') out.livelihood += 1;
		if (isOverdue(p, today)) out.overdue += 1;
		const s = satisfactionOf(p);
		if (s) {
			out.surveyed += 1;
			if (s.passed) out.passed += 1;
		}
	}
	if (out.total > 0) out.livelihoodShare = out.livelihood / out.total;
	return out;
}

/** The list's filters; a value the page does not know is ignored (the whole list shows). */
export interface OverviewFilters {
	stage?: ProjectStage;
	level?: ProjectLevel;
	category?: ProjectCategory;
	overdue?: true;
	/** District overview only: one community below the unit. */
	community?: string;
}

export function parseFilters(params: URLSearchParams): OverviewFilters {
	const f: OverviewFilters = {};
	const stage = params.get('stage');
	const level = params.get('level');
	const category = params.get('category');
	const community = params.get('community');
	if (isProjectStage(stage)) f.stage = stage;
	if (isProjectLevel(level)) f.level = level;
	if (isProjectCategory(category)) f.category = category;
	if (params.get('overdue') === '1') f.overdue = true;
	if (community && /^[\w-]{1,64}$/.test(community)) f.community = community;
	return f;
}

/** The filters as a query string (no leading ?), for export links and the form's state. */
export function filterQuery(f: OverviewFilters): string {
	const q = new URLSearchParams();
	if (f.stage) q.set('stage', f.stage);
	if (f.level) q.set('level', f.level);
	if (f.category) q.set('category', f.category);
	if (f.overdue) q.set('overdue', '1');
	if (f.community) q.set('community', f.community);
	return q.toString();
}

/** The filtered list: overdue first, then by stage (earliest first), then oldest first. */
export function listProjects(
	projects: readonly OverviewProject[],
	f: OverviewFilters,
	today: string
): OverviewProject[] {
	return projects
		.filter(
			(p) =>
				(!f.stage || p.stage === f.stage) &&
				(!f.level || p.level === f.level) &&
				(!f.category || p.category === f.category) &&
				(!f.overdue || isOverdue(p, today)) &&
				(!f.community || p.communityId === f.community)
		)
		.sort(
			(a, b) =>
				Number(isOverdue(b, today)) - Number(isOverdue(a, today)) ||
				stageIndex(a.stage) - stageIndex(b.stage) ||
				a.createdAt - b.createdAt ||
				a.boardId.localeCompare(b.boardId)
		);
}

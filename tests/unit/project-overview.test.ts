import { describe, expect, it } from 'vitest';
import {
	filterQuery,
	isOverdue,
	listProjects,
	parseFilters,
	satisfactionOf,
	summarise,
	type OverviewProject
} from '../../src/lib/domain/projectOverview';
import { overviewScope } from '../../src/lib/domain/policy';

const TODAY = '2027-02-15';
let n = 0;
function project(p: Partial<OverviewProject> & { deadline?: string } = {}): OverviewProject {
	const { deadline, ...rest } = p;
	n += 1;
	return {
		boardId: `b${n}`,
		communityId: 'c-a',
		title: `项目${n}`,
		level: 'community',
		unitId: 'c-a',
		category: 'livelihood',
		stage: 'delivery',
		createdAt: n,
		pledge:
			deadline === undefined
				? null
				: {
						goal: 'g',
						measures: 'm',
						responsible: ['王'],
						deadline,
						budget: '',
						fundingSources: [],
						revision: 1,
						at: 0
					},
		survey: null,
		...rest
	};
}

describe('an overdue pledge', () => {
	it('has a published deadline before today and is not closed', () => {
		expect(isOverdue(project({ deadline: '2027-02-14' }), TODAY)).toBe(true);
		// Due through the end of its day.
		expect(isOverdue(project({ deadline: TODAY }), TODAY)).toBe(false);
		expect(isOverdue(project({ deadline: '2027-02-14', stage: 'closed' }), TODAY)).toBe(false);
		expect(isOverdue(project({ deadline: '2027-02-14', stage: 'evaluation' }), TODAY)).toBe(true);
	});

	it('needs a published pledge: a topic, or a pledge never published, is not overdue', () => {
		expect(isOverdue(project({ stage: 'topic', deadline: '2027-01-01' }), TODAY)).toBe(false);
		expect(isOverdue(project({ stage: 'delivery' }), TODAY)).toBe(false);
		expect(isOverdue(project({ deadline: '' }), TODAY)).toBe(false);
		expect(isOverdue(project({ deadline: 'soon' }), TODAY)).toBe(false);
	});
});

describe('the summary', () => {
	it('counts by level, stage and category, the livelihood share, overdue and surveys', () => {
		const survey = (satisfied: number, votes: number, outcome: 'passed' | 'rectification') => ({
			round: 1,
			threshold: 0.8,
			outcome,
			votes,
			satisfied,
			closedAt: 1
		});
		const rows = [
			project({ deadline: '2027-01-01' }),
			project({ category: 'safety', level: 'street', stage: 'topic' }),
			project({ stage: 'closed', survey: survey(5, 6, 'passed') }),
			project({
				stage: 'evaluation',
				category: 'elderly_care',
				survey: survey(2, 5, 'rectification')
			})
		];
		const s = summarise(rows, TODAY);
		expect(s.total).toBe(4);
		expect(s.byLevel).toEqual({ district: 0, street: 1, community: 3, department: 0 });
		expect(s.byStage).toEqual({ topic: 1, pledge: 0, delivery: 1, evaluation: 1, closed: 1 });
		expect(s.byCategory.livelihood).toBe(2);
		expect(s.livelihoodShare).toBe(0.5);
		expect(s.overdue).toBe(1);
		expect([s.surveyed, s.passed]).toEqual([2, 1]);
		expect(summarise([], TODAY).livelihoodShare).toBeNull();
	});

	it('a survey nobody answered is a share of 0 and not a pass', () => {
		const p = project({
			survey: {
				round: 1,
				threshold: 0.8,
				outcome: 'rectification',
				votes: 0,
				satisfied: 0,
				closedAt: 1
			}
		});
		expect(satisfactionOf(p)).toEqual({ share: 0, threshold: 0.8, votes: 0, passed: false });
		expect(satisfactionOf(project())).toBeNull();
	});
});

describe('the list and its filters', () => {
	it('ignores values it does not know and round-trips the ones it does', () => {
		const f = parseFilters(
			new URLSearchParams('stage=delivery&level=moon&category=safety&overdue=1&community=c-a')
		);
		expect(f).toEqual({ stage: 'delivery', category: 'safety', overdue: true, community: 'c-a' });
		expect(parseFilters(new URLSearchParams(filterQuery(f)))).toEqual(f);
		expect(parseFilters(new URLSearchParams('overdue=yes&community=<x>'))).toEqual({});
	});

	it('filters, and lists overdue projects first, then by stage', () => {
		const late = project({ stage: 'evaluation', deadline: '2027-01-01' });
		const topic = project({ stage: 'topic' });
		const delivery = project({ stage: 'delivery', deadline: '2027-06-01' });
		const rows = [delivery, topic, late];
		expect(listProjects(rows, {}, TODAY).map((p) => p.boardId)).toEqual([
			late.boardId,
			topic.boardId,
			delivery.boardId
		]);
		expect(listProjects(rows, { overdue: true }, TODAY)).toEqual([late]);
		expect(listProjects(rows, { stage: 'topic' }, TODAY)).toEqual([topic]);
		expect(listProjects(rows, { community: 'c-b' }, TODAY)).toEqual([]);
	});
});

describe('OVERVIEW_POLICY', () => {
	it('committees and the roles above see all; residents published only; others nothing', () => {
		expect(overviewScope(['secretary'])).toBe('all');
		expect(overviewScope(['owners_committee'])).toBe('all');
		expect(overviewScope(['department_rep'])).toBe('all');
		expect(overviewScope(['resident'])).toBe('published');
		expect(overviewScope(['resident', 'residents_committee'])).toBe('all');
		expect(overviewScope(['district_admin'])).toBeNull();
		expect(overviewScope(['grid_leader'])).toBeNull();
		expect(overviewScope([])).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import {
	currentRound,
	mayAddRectification,
	mayVote,
	nextSurveyRound,
	openSurveyRefusal,
	surveyOutcome,
	tally,
	type SurveyChoice,
	type SurveyState
} from '../../src/lib/domain/evaluation';

const votes = (spec: Partial<Record<SurveyChoice, number>>): SurveyChoice[] =>
	Object.entries(spec).flatMap(([c, n]) => Array<SurveyChoice>(n).fill(c as SurveyChoice));

const survey = (over: Partial<SurveyState> = {}): SurveyState => ({
	round: 1,
	closesAt: 1000,
	closedAt: null,
	outcome: null,
	...over
});

describe('satisfaction survey threshold', () => {
	it('counts only very satisfied and satisfied as satisfied', () => {
		const t = tally(votes({ very_satisfied: 2, satisfied: 1, neutral: 1, dissatisfied: 1 }), 9);
		expect(t).toMatchObject({ votes: 5, electorate: 9, satisfied: 3, share: 0.6 });
		expect(t.counts.very_dissatisfied).toBe(0);
	});

	it('passes at exactly the threshold (4 of 5 at 80%) and fails just below it', () => {
		expect(surveyOutcome(votes({ satisfied: 4, neutral: 1 }), 0.8)).toBe('passed');
		expect(surveyOutcome(votes({ satisfied: 7, neutral: 3 }), 0.8)).toBe('rectification');
		expect(surveyOutcome(votes({ very_satisfied: 8, very_dissatisfied: 2 }), 0.8)).toBe('passed');
	});

	it('a survey nobody answered goes to rectification, whatever the threshold', () => {
		expect(surveyOutcome([], 0.01)).toBe('rectification');
		expect(tally([], 3).share).toBe(0);
	});

	it('uses the threshold the secretary set', () => {
		const v = votes({ satisfied: 3, dissatisfied: 2 });
		expect(surveyOutcome(v, 0.6)).toBe('passed');
		expect(surveyOutcome(v, 0.61)).toBe('rectification');
	});
});

describe('rounds and rectification', () => {
	it('numbers rounds: a failed survey starts the next round, a passed one ends them', () => {
		expect(currentRound([])).toBe(1);
		expect(nextSurveyRound([])).toBe(1);
		const failed = survey({ closedAt: 900, outcome: 'rectification' });
		expect(currentRound([failed])).toBe(2);
		expect(nextSurveyRound([failed])).toBe(2);
		const passed = survey({ round: 2, closedAt: 2000, outcome: 'passed' });
		expect(currentRound([failed, passed])).toBe(2);
	});

	it('a first survey needs a completion report and no open survey', () => {
		expect(openSurveyRefusal(false, [], [])).toBe('no_report');
		expect(openSurveyRefusal(true, [], [])).toBeNull();
		expect(openSurveyRefusal(true, [survey()], [])).toBe('survey_open');
	});

	it('a second survey needs entered rectification items, all done', () => {
		const failed = survey({ closedAt: 900, outcome: 'rectification' });
		expect(openSurveyRefusal(true, [failed], [])).toBe('no_rectification');
		const open = { round: 1, doneAt: null };
		const done = { round: 1, doneAt: 950 };
		expect(openSurveyRefusal(true, [failed], [done, open])).toBe('rectification_open');
		expect(openSurveyRefusal(true, [failed], [done])).toBeNull();
		const passed = survey({ closedAt: 900, outcome: 'passed' });
		expect(openSurveyRefusal(true, [passed], [])).toBe('already_passed');
	});

	it('rectification items can be entered only after a failed survey', () => {
		expect(mayAddRectification([])).toBe(false);
		expect(mayAddRectification([survey()])).toBe(false);
		expect(mayAddRectification([survey({ closedAt: 9, outcome: 'passed' })])).toBe(false);
		expect(mayAddRectification([survey({ closedAt: 9, outcome: 'rectification' })])).toBe(true);
	});
});

describe('who may vote', () => {
	it('only the frozen electorate, only while the survey is open', () => {
		expect(mayVote(true, survey(), 999)).toBe(true);
		expect(mayVote(false, survey(), 999)).toBe(false);
		expect(mayVote(true, survey(), 1000)).toBe(false);
		expect(mayVote(true, survey({ closedAt: 500 }), 600)).toBe(false);
	});
});

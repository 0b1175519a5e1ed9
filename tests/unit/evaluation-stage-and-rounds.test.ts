import { describe, expect, it } from 'vitest';
import {
	evaluationOpen,
	evaluationShown,
	labelRounds,
	openSurveyRefusal,
	rectificationSettled
} from '../../src/lib/domain/evaluation';
import { PROJECT_STAGES } from '../../src/lib/domain/projects';

describe('evaluation belongs to its stage', () => {
	it('records are made only in evaluation; the panel shows there and, read-only, once closed', () => {
		expect(PROJECT_STAGES.filter(evaluationOpen)).toEqual(['evaluation']);
		expect(PROJECT_STAGES.filter(evaluationShown)).toEqual(['evaluation', 'closed']);
	});
});

describe('a waived rectification task', () => {
	it('settles its item when waived with a reason, as a done task does', () => {
		expect(rectificationSettled('done', '')).toBe(true);
		expect(rectificationSettled('waived', '已由街道统一安装，无需重复')).toBe(true);
	});

	it('leaves the item open without a reason, while under way, or when the task is gone', () => {
		expect(rectificationSettled('waived', '')).toBe(false);
		expect(rectificationSettled('waived', '   ')).toBe(false);
		expect(rectificationSettled('doing', '')).toBe(false);
		expect(rectificationSettled('todo', '原因')).toBe(false);
		expect(rectificationSettled(null, '')).toBe(false);
	});

	it('settled items let the second survey open, as done ones do', () => {
		const failed = { round: 1, closesAt: 10, closedAt: 10, outcome: 'rectification' as const };
		const items = [
			{ round: 1, doneAt: rectificationSettled('done', '') ? 20 : null },
			{ round: 1, doneAt: rectificationSettled('waived', '不再需要') ? 20 : null }
		];
		expect(openSurveyRefusal(true, [failed], items)).toBeNull();
	});
});

describe('records of several rounds', () => {
	it('are labelled with their round once the project is past round 1', () => {
		// After a failed first survey: heading says round 2, the round-1 records stay listed.
		expect(labelRounds(2, [{ round: 1 }, { round: 1 }])).toBe(true);
		expect(labelRounds(2, [])).toBe(true);
	});

	it('need no label while everything is round 1', () => {
		expect(labelRounds(1, [{ round: 1 }, { round: 1 }])).toBe(false);
		expect(labelRounds(1, [])).toBe(false);
	});
});

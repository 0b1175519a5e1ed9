import { describe, expect, it } from 'vitest';
import type { Board, BoardTask } from '../../src/lib/domain/board';
import { emptyPledge } from '../../src/lib/domain/board';
import {
	gatesFor,
	moveKind,
	movesFrom,
	pledgeSnapshot,
	samePledge,
	type ProjectStage
} from '../../src/lib/domain/projects';

const full = {
	goal: '年底前完成电梯更换',
	measures: '招标、施工、验收',
	responsible: ['王建华'],
	deadline: '2027-03-31',
	budget: '',
	fundingSources: []
};

function task(id: string, status: BoardTask['status'], waivedReason = ''): BoardTask {
	return {
		id,
		title: id,
		status,
		owner: '',
		due: '',
		notes: '',
		checklist: {},
		waivedReason,
		rank: 1,
		createdAt: 1
	};
}

const board = (
	pledge: Board['pledge'] = full,
	tasks: BoardTask[] = []
): Pick<Board, 'pledge' | 'tasks'> => ({
	pledge,
	tasks: Object.fromEntries(tasks.map((t) => [t.id, t]))
});
const at = (stage: ProjectStage, openRectifications = 0) => ({ stage, openRectifications });
const codes = (gates: { code: string }[]) => gates.map((g) => g.code);

describe('publishing (topic → pledge)', () => {
	it('needs a goal, measures, a responsible person and a deadline', () => {
		expect(codes(gatesFor('pledge', board(emptyPledge()), at('topic')))).toEqual([
			'goal',
			'measures',
			'responsible',
			'deadline'
		]);
		expect(gatesFor('pledge', board(), at('topic'))).toEqual([]);
	});

	it('does not count blanks: whitespace, empty names, an impossible date', () => {
		const blank = { ...full, goal: '  ', responsible: ['', ' '], deadline: '2027-02-30' };
		expect(codes(gatesFor('pledge', board(blank), at('topic')))).toEqual([
			'goal',
			'responsible',
			'deadline'
		]);
	});
});

describe('entering evaluation', () => {
	it('needs every task done or waived with a reason', () => {
		const tasks = [task('a', 'done'), task('b', 'doing'), task('c', 'todo'), task('d', 'waived')];
		expect(gatesFor('evaluation', board(full, tasks), at('delivery'))).toEqual([
			{ code: 'tasks_open', count: 2 },
			{ code: 'waived_without_reason', count: 1 }
		]);
		const finished = [task('a', 'done'), task('d', 'waived', '已由街道统一实施')];
		expect(gatesFor('evaluation', board(full, finished), at('delivery'))).toEqual([]);
	});
});

describe('closing', () => {
	it('needs no open rectification', () => {
		expect(gatesFor('closed', board(), at('evaluation', 2))).toEqual([
			{ code: 'rectification_open', count: 2 }
		]);
		expect(gatesFor('closed', board(), at('evaluation', 0))).toEqual([]);
	});
});

describe('stage moves', () => {
	it('go forward one stage at a time and back one stage, never sideways or by leaps', () => {
		expect(moveKind('topic', 'pledge')).toBe('forward');
		expect(moveKind('pledge', 'topic')).toBe('back');
		expect(moveKind('topic', 'delivery')).toBe('invalid');
		expect(moveKind('delivery', 'delivery')).toBe('invalid');
		expect(codes(gatesFor('evaluation', board(), at('topic')))).toEqual(['not_next']);
		expect(movesFrom('topic')).toEqual({ forward: 'pledge', back: null });
		expect(movesFrom('closed')).toEqual({ forward: null, back: 'evaluation' });
	});

	it('back needs a reason, and only a reason', () => {
		const open = [task('b', 'doing')];
		expect(codes(gatesFor('delivery', board(full, open), at('evaluation')))).toEqual([
			'reason_required'
		]);
		expect(gatesFor('delivery', board(full, open), at('evaluation'), { reason: '  ' })).toEqual([
			{ code: 'reason_required' }
		]);
		expect(gatesFor('delivery', board(full, open), at('evaluation'), { reason: '整改' })).toEqual(
			[]
		);
	});
});

describe('pledge snapshots', () => {
	it('compare what is promised, not stray whitespace or empty list entries', () => {
		const a = pledgeSnapshot(full);
		expect(
			samePledge(
				a,
				pledgeSnapshot({ ...full, goal: ` ${full.goal} `, responsible: ['王建华', ''] })
			)
		).toBe(true);
		expect(samePledge(a, pledgeSnapshot({ ...full, deadline: '2027-06-30' }))).toBe(false);
	});

	it('tolerate a malformed document (a writer can put anything in the board)', () => {
		const odd = { goal: 7, responsible: 'x', deadline: null } as unknown as Board['pledge'];
		expect(pledgeSnapshot(odd)).toEqual({
			goal: '',
			measures: '',
			responsible: [],
			deadline: '',
			budget: '',
			fundingSources: []
		});
	});
});

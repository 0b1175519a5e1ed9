import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import { newBoard } from '../../server/automerge/newBoard';
import { checklistOf, type Board, type BoardTask } from '../../src/lib/domain/board';
import { daysOverdue, pledgeOverdue, taskOverdue } from '../../src/lib/domain/daysOverdue';
import { ownerLabel, ownerOptions } from '../../src/lib/domain/ownerLabel';
import { BOARD_LIMITS } from '../../src/lib/domain/boardLimits';
import * as E from '../../src/lib/sync/boardEdits';

const COMMITTEES = {
	residents_committee: '居委会',
	owners_committee: '业委会',
	property_company: '物业'
};

describe('overdue is counted in whole days after the due day', () => {
	it('the due day itself is in time; the day after is one day late', () => {
		expect(daysOverdue('2026-11-26', '2026-11-26')).toBe(0);
		expect(daysOverdue('2026-11-26', '2026-11-27')).toBe(1);
		expect(daysOverdue('2026-11-27', '2026-11-26')).toBe(0);
	});

	it('counts across month and year ends and leap days', () => {
		expect(daysOverdue('2026-12-31', '2027-01-02')).toBe(2);
		expect(daysOverdue('2028-02-28', '2028-03-01')).toBe(2);
	});

	it('a missing or impossible date is never overdue', () => {
		for (const bad of ['', '2026-02-30', '26-11-01', '2026-11-1', '<b>x</b>']) {
			expect(daysOverdue(bad, '2030-01-01'), bad).toBe(0);
		}
	});

	it('only a task still to do can be late; done and waived tasks never are', () => {
		const task = (status: BoardTask['status']) => ({ status, due: '2026-11-01' });
		expect(taskOverdue(task('todo'), '2026-11-04')).toBe(3);
		expect(taskOverdue(task('doing'), '2026-11-04')).toBe(3);
		expect(taskOverdue(task('done'), '2026-11-04')).toBe(0);
		expect(taskOverdue(task('waived'), '2026-11-04')).toBe(0);
	});

	it('a pledge past its deadline is overdue in every stage but closed', () => {
		for (const stage of ['topic', 'pledge', 'delivery', 'evaluation'] as const) {
			expect(pledgeOverdue('2026-11-01', stage, '2026-11-11'), stage).toBe(10);
		}
		expect(pledgeOverdue('2026-11-01', 'closed', '2026-11-11')).toBe(0);
	});
});

describe('task owners read as committees or people', () => {
	it('labels a committee by name and a person by display name, else shows the raw value', () => {
		const people = { 'u-rc': '李秀英' };
		expect(ownerLabel('committee:owners_committee', COMMITTEES, people)).toBe('业委会');
		expect(ownerLabel('user:u-rc', COMMITTEES, people)).toBe('李秀英');
		expect(ownerLabel('user:u-gone', COMMITTEES, people)).toBe('u-gone');
		expect(ownerLabel('<img src=x>', COMMITTEES, people)).toBe('<img src=x>');
		expect(ownerLabel('', COMMITTEES, people)).toBe('');
	});

	it('offers the three committees first, then people by name, and keeps a current owner no longer offered', () => {
		const options = ownerOptions(
			COMMITTEES,
			[
				{ id: 'u-oc', name: '张国强' },
				{ id: 'u-rc', name: '李秀英' }
			],
			'user:u-left',
			{ 'u-left': '已调离的人' }
		);
		expect(options.map((o) => o.ref)).toEqual([
			'committee:residents_committee',
			'committee:owners_committee',
			'committee:property_company',
			'user:u-rc',
			'user:u-oc',
			'user:u-left'
		]);
		expect(options.at(-1)).toEqual({ ref: 'user:u-left', label: '已调离的人', group: 'person' });
		expect(ownerOptions(COMMITTEES, [], 'committee:property_company')).toHaveLength(3);
	});
});

/** A v2 board with one task, as the server makes it. */
function board(): A.Doc<Board> {
	return newBoard({
		title: '楼道照明改造',
		level: 'community',
		unitId: 'c-a',
		category: 'livelihood',
		pledge: { responsible: ['王建华（书记）'] },
		tasks: [{ id: 't-1', title: '排查', status: 'todo', owner: '', due: '' }]
	}).doc;
}

const change = (doc: A.Doc<Board>, fn: (d: Board) => void) => A.change(doc, fn);
/** Two replicas edit concurrently from the same start, then merge. */
function concurrently(fa: (d: Board) => void, fb: (d: Board) => void): A.Doc<Board> {
	const start = board();
	const a = change(A.clone(start), fa);
	const b = change(A.clone(start), fb);
	return A.merge(a, b);
}

describe('board edits merge what two phones did offline', () => {
	it('two people adding responsible persons both keep theirs', () => {
		const merged = concurrently(
			(d) => E.addListItem(d, 'responsible', '李秀英（居委会主任）'),
			(d) => E.addListItem(d, 'responsible', '赵磊（物业经理）')
		);
		expect([...merged.pledge.responsible].sort()).toEqual(
			['王建华（书记）', '李秀英（居委会主任）', '赵磊（物业经理）'].sort()
		);
	});

	it('removing an entry removes that entry even after another was inserted before it', () => {
		const start = change(board(), (d) => E.addListItem(d, 'fundingSources', '街道补贴'));
		const a = change(A.clone(start), (d) => d.pledge.fundingSources.unshift('维修基金'));
		// The page rendered 街道补贴 at index 0 just before A's insert arrived and put 维修基金 there.
		const after = change(a, (d) => E.removeListItem(d, 'fundingSources', 0, '街道补贴'));
		expect([...after.pledge.fundingSources]).toEqual(['维修基金']);
	});

	it('two people typing into the goal both keep their words', () => {
		const start = change(board(), (d) => E.setPledgeText(d, 'goal', '年底前完成改造'));
		const a = change(A.clone(start), (d) => E.setPledgeText(d, 'goal', '12月底前完成改造'));
		const b = change(A.clone(start), (d) => E.setPledgeText(d, 'goal', '年底前完成全部改造'));
		expect(A.merge(a, b).pledge.goal).toBe('12月底前完成全部改造');
	});

	it('concurrent owner choices resolve to one of them, never a mix', () => {
		const merged = concurrently(
			(d) => E.setOwner(d, 't-1', 'committee:owners_committee'),
			(d) => E.setOwner(d, 't-1', 'user:u-rc')
		);
		expect(['committee:owners_committee', 'user:u-rc']).toContain(merged.tasks['t-1']!.owner);
	});

	it('checklist items added on two phones both survive, in rank order, and can be ticked, renamed, removed', () => {
		const merged = concurrently(
			(d) => E.addChecklistItem(d, 't-1', 'c-a1', '一单元'),
			(d) => E.addChecklistItem(d, 't-1', 'c-b1', '二单元')
		);
		expect(checklistOf(merged.tasks['t-1']!).map((c) => c.text)).toEqual(['一单元', '二单元']);
		const next = change(merged, (d) => {
			E.addChecklistItem(d, 't-1', 'c-3', '三单元');
			E.checkItem(d, 't-1', 'c-a1', true);
			E.renameItem(d, 't-1', 'c-b1', '二单元（含地下室）');
			E.removeItem(d, 't-1', 'c-3');
		});
		const items = checklistOf(next.tasks['t-1']!);
		expect(items.map((c) => [c.text, c.done])).toEqual([
			['一单元', true],
			['二单元（含地下室）', false]
		]);
		// A new item sorts after both merged ones.
		const third = change(next, (d) => E.addChecklistItem(d, 't-1', 'c-4', '四单元'));
		expect(checklistOf(third.tasks['t-1']!).at(-1)!.text).toBe('四单元');
	});

	it('unlinking a problem removes the copy each phone linked offline', () => {
		const merged = concurrently(
			(d) => E.setProblem(d, 'p-1', true),
			(d) => E.setProblem(d, 'p-1', true)
		);
		expect([...merged.problemIds]).toEqual(['p-1', 'p-1']);
		const after = change(merged, (d) => E.setProblem(d, 'p-1', false));
		expect([...after.problemIds]).toEqual([]);
	});

	it('dates take a calendar date or nothing; level and category only known values', () => {
		const doc = change(board(), (d) => {
			E.setDeadline(d, '2026-12-31');
			E.setDeadline(d, 'next week');
			E.setDue(d, 't-1', '2026-11-01');
			E.setLevel(d, 'galaxy');
			E.setCategory(d, 'safety');
		});
		expect(doc.pledge.deadline).toBe('2026-12-31');
		expect(doc.tasks['t-1']!.due).toBe('2026-11-01');
		expect(doc.level).toBe('community');
		expect(doc.category).toBe('safety');
		expect(change(doc, (d) => E.setDeadline(d, '')).pledge.deadline).toBe('');
	});

	it('a progress entry needs a date and some text or a photo, and keeps its own copy of the ids', () => {
		const ids = ['f-1'];
		const doc = change(board(), (d) => {
			E.addProgress(d, {
				id: 'p-1',
				date: '2026-11-20',
				text: ' 完成排查 ',
				photoIds: ids,
				createdAt: 1
			});
			E.addProgress(d, { id: 'p-2', date: 'yesterday', text: 'x', photoIds: [], createdAt: 2 });
			E.addProgress(d, { id: 'p-3', date: '2026-11-21', text: '  ', photoIds: [], createdAt: 3 });
		});
		ids.push('f-2');
		expect(Object.keys(doc.progress)).toEqual(['p-1']);
		expect(doc.progress['p-1']).toMatchObject({ text: '完成排查', photoIds: ['f-1'] });
		expect(change(doc, (d) => E.removeProgress(d, 'p-1')).progress).toEqual({});
	});

	it('long texts are cut to the field limit', () => {
		const doc = change(board(), (d) => E.setTitle(d, '长'.repeat(100)));
		expect([...doc.title]).toHaveLength(BOARD_LIMITS.title);
	});
});

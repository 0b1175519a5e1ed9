// The full Automerge entry first: it initialises the wasm the slim entry (localHistory.ts) shares.
import * as A from '@automerge/automerge';
import { describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { groupHistory, type HistoryEntry, type HistoryLine } from '../../src/lib/domain/history';
import { zhCN } from '../../src/lib/i18n/zh-CN';
import { lineText } from '../../src/lib/components/history/historyLineText';
import { compareWithRecord } from '../../src/lib/sync/historyCheck';
import { localHistory } from '../../src/lib/sync/localHistory';
import { newBoard } from '../../server/automerge/newBoard';
import { describeChanges } from '../../server/history/describeChanges';

/** A board with one task and a pledge due 2026-10-31, then `edits` as separate changes. */
function boardWith(...edits: ((d: Board) => void)[]) {
	let { doc } = newBoard({
		title: '3号楼电梯更换',
		level: 'community',
		unitId: 'c-a',
		category: 'livelihood',
		pledge: { goal: '更换电梯', measures: '招标', responsible: ['王建华'], deadline: '2026-10-31' },
		tasks: [
			{
				id: 't-1',
				title: '招标',
				status: 'todo',
				owner: '',
				due: '',
				checklist: [{ text: '编制文件', done: false }]
			}
		]
	});
	for (const edit of edits) doc = A.change(doc, edit);
	const hashes = A.getAllChanges(doc).map((c) => A.decodeChange(c).hash);
	const lines = describeChanges(doc);
	return { doc, hashes, linesOf: (i: number) => lines.get(hashes[i]!)! };
}

const zh = (l: HistoryLine) => lineText(l, zhCN, { 'u-sec': '王建华' });

describe('what each change did, in words', () => {
	it('a moved pledge deadline reads as such, with both dates', () => {
		const { linesOf } = boardWith((d) => {
			d.pledge.deadline = '2026-12-31';
		});
		expect(linesOf(0)).toEqual([{ kind: 'created', title: '3号楼电梯更换' }]);
		const [moved] = linesOf(1);
		expect(moved).toEqual({
			kind: 'pledge',
			field: 'deadline',
			from: '2026-10-31',
			to: '2026-12-31'
		});
		expect(zh(moved!)).toBe('把承诺期限从 2026-10-31 改为 2026-12-31');
	});

	it('task added, moved, given an owner and a due date; checklist ticked; progress entry added', () => {
		const { linesOf } = boardWith(
			(d) => {
				d.tasks['t-2'] = { ...d.tasks['t-1']!, id: 't-2', title: '施工', checklist: {} };
			},
			(d) => {
				d.tasks['t-1']!.status = 'doing';
				d.tasks['t-1']!.rank = 9;
			},
			(d) => {
				d.tasks['t-1']!.owner = 'user:u-sec';
				d.tasks['t-1']!.due = '2026-12-01';
			},
			(d) => {
				d.tasks['t-1']!.checklist['t-1-c1']!.done = true;
			},
			(d) => {
				d.progress['p-1'] = {
					id: 'p-1',
					date: '2026-11-20',
					text: '完成招标',
					photoIds: [],
					createdAt: 1
				};
			}
		);
		expect(linesOf(1).map(zh)).toEqual(['添加了任务「施工」']);
		expect(linesOf(2).map(zh)).toEqual(['把任务「招标」从「待办」移到「进行中」']);
		// Two fields in one change: in the order Automerge reports them (not the order written).
		expect(linesOf(3).map(zh).sort()).toEqual(
			['把任务「招标」的负责人设为 王建华', '把任务「招标」的截止日期设为 2026-12-01'].sort()
		);
		expect(linesOf(4).map(zh)).toEqual(['勾选了任务「招标」的检查项「编制文件」']);
		expect(linesOf(5).map(zh)).toEqual(['添加了 2026-11-20 的进展记录：完成招标']);
	});

	it('text edited in place (a splice) and a list grown read as whole values', () => {
		const { linesOf } = boardWith(
			(d) => A.updateText(d, ['pledge', 'goal'], '更换3号楼电梯'),
			(d) => {
				d.pledge.responsible.push('李娜');
			}
		);
		expect(linesOf(1)).toEqual([
			{ kind: 'pledge', field: 'goal', from: '更换电梯', to: '更换3号楼电梯' }
		]);
		expect(linesOf(2).map(zh)).toEqual(['把责任人从 王建华 改为 王建华、李娜']);
	});

	it('a reorder alone says only that details changed', () => {
		const { linesOf } = boardWith((d) => {
			d.tasks['t-1']!.rank = 5;
		});
		expect(linesOf(1)).toEqual([{ kind: 'other' }]);
	});
});

describe('grouping for reading', () => {
	const entry = (hash: string, authorId: string | null, at: number | null, lines: HistoryLine[]) =>
		({ hash, authorId, at, lines }) satisfies HistoryEntry;
	const deadline = (from: string, to: string): HistoryLine => ({
		kind: 'pledge',
		field: 'deadline',
		from,
		to
	});

	it('joins one author within a minute, and a field edited twice reads from first to last', () => {
		const groups = groupHistory([
			entry('a', 'u-sec', 0, [deadline('2026-10-31', '2026-11-30')]),
			entry('b', 'u-sec', 50_000, [deadline('2026-11-30', '2026-12-31')]),
			entry('c', 'u-rc', 60_000, [{ kind: 'other' }]),
			entry('d', 'u-rc', 200_000, [{ kind: 'task_added', task: 't', title: 'x' }])
		]);
		expect(groups.map((g) => g.hashes)).toEqual([['a', 'b'], ['c'], ['d']]);
		expect(groups[0]).toMatchObject({
			authorId: 'u-sec',
			from: 0,
			to: 50_000,
			pledge: true,
			lines: [deadline('2026-10-31', '2026-12-31')]
		});
		expect(groups[1]!.pledge).toBe(false);
	});

	it('an edit undone within the step disappears; changes with no record never join', () => {
		const groups = groupHistory([
			entry('a', 'u-sec', 0, [deadline('2026-10-31', '2027-01-31')]),
			entry('b', 'u-sec', 1000, [deadline('2027-01-31', '2026-10-31')]),
			entry('x', null, null, [{ kind: 'other' }]),
			entry('y', null, null, [{ kind: 'other' }])
		]);
		expect(groups.map((g) => g.hashes)).toEqual([['a', 'b'], ['x'], ['y']]);
		expect(groups[0]!.lines).toEqual([{ kind: 'other' }]);
		expect(groups[0]!.pledge).toBe(false);
	});
});

describe("a reader's copy against the server's record", () => {
	it('verifies when every change is recorded, allowing our own changes not yet synced', () => {
		const { doc, hashes } = boardWith((d) => {
			d.pledge.budget = '68万元';
		});
		const serverHeads = A.getHeads(doc);
		expect(compareWithRecord(localHistory(doc, serverHeads), hashes)).toEqual({
			state: 'verified',
			count: 2
		});
		const mine = A.change(A.clone(doc), (d) => {
			d.title = '本机未同步的改动';
		});
		expect(compareWithRecord(localHistory(mine, serverHeads), hashes).state).toBe('verified');
	});

	it('reports recorded changes it lacks and synced changes nobody recorded', () => {
		const { doc, hashes } = boardWith((d) => {
			d.pledge.deadline = '2027-06-30';
		});
		// The server's record names a change the copy does not have.
		const extra = 'f'.repeat(64);
		expect(compareWithRecord(localHistory(doc, A.getHeads(doc)), [...hashes, extra])).toEqual({
			state: 'differs',
			missing: [extra],
			unrecorded: []
		});
		// The record omits a change that is part of the server's own heads.
		expect(compareWithRecord(localHistory(doc, A.getHeads(doc)), [hashes[0]!])).toEqual({
			state: 'differs',
			missing: [],
			unrecorded: [hashes[1]]
		});
	});

	it('waits when the server has changes this copy has not received yet', () => {
		const { doc } = boardWith();
		expect(compareWithRecord(localHistory(doc, ['e'.repeat(64)]), []).state).toBe('behind');
	});
});

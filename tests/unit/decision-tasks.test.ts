import { describe, expect, it } from 'vitest';
import type { AgendaItem } from '../../src/lib/domain/agendaItems';
import {
	decisionTaskId,
	decisionTasks,
	itemPath,
	type DecisionTaskContext
} from '../../src/lib/domain/decisionTasks';

const MEETING = 'mt-00000000-0000-4000-8000-0000000000aa';

let n = 0;
const item = (over: Partial<AgendaItem> = {}): AgendaItem => ({
	id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
	raisedBy: 'residents_committee',
	link: null,
	minutes: 10,
	decision: 'agreed',
	owner: 'committee:property_company',
	due: '2026-12-31',
	topic: '车库照明',
	notes: '',
	createdByClient: 1,
	...over
});

const ctx = (over: Partial<DecisionTaskContext> = {}): DecisionTaskContext => ({
	meetingId: MEETING,
	projects: new Set(['board-lift']),
	done: new Set(),
	untitled: '议题',
	backLink: (path) => `来自：${path}`,
	...over
});

describe('decision → task', () => {
	it('an agreed item with an owner and a due date becomes one task with a back link', () => {
		const it1 = item({ notes: '两周内更换灯具' });
		expect(decisionTasks([it1], ctx())).toEqual([
			{
				itemId: it1.id,
				taskId: decisionTaskId(it1.id),
				projectBoardId: null,
				title: '车库照明',
				owner: 'committee:property_company',
				due: '2026-12-31',
				notes: `两周内更换灯具\n\n来自：/m/${MEETING}#item-${it1.id}`
			}
		]);
		expect(itemPath(MEETING, it1.id)).toBe(`/m/${MEETING}#item-${it1.id}`);
	});

	it('deferred, rejected, undecided, ownerless, undated items make no task', () => {
		const items = [
			item({ decision: 'deferred' }),
			item({ decision: 'rejected' }),
			item({ decision: null }),
			item({ owner: '' }),
			item({ owner: 'mayor' }),
			item({ owner: 'committee:nobody' }),
			item({ due: '' })
		];
		expect(decisionTasks(items, ctx())).toEqual([]);
	});

	it('a project of this community takes the task; a demand, another project or none → action list', () => {
		const onBoard = item({ link: { kind: 'project', id: 'board-lift' } });
		const elsewhere = item({ link: { kind: 'project', id: 'board-other-community' } });
		const demand = item({ link: { kind: 'demand', id: 'board-lift' } });
		const none = item();
		const out = decisionTasks([onBoard, elsewhere, demand, none], ctx());
		expect(out.map((t) => t.projectBoardId)).toEqual(['board-lift', null, null, null]);
	});

	it('an item whose task exists (a minuted correction) is not made again', () => {
		const a = item();
		const b = item({ owner: 'user:u-rc' });
		expect(decisionTasks([a, b], ctx({ done: new Set([a.id]) })).map((t) => t.itemId)).toEqual([
			b.id
		]);
	});

	it('the task id is the item id, so making it twice on a board is a no-op', () => {
		const a = item();
		const [first] = decisionTasks([a], ctx());
		const [second] = decisionTasks([a], ctx());
		expect(first!.taskId).toBe(second!.taskId);
		expect(first!.taskId).toBe(`agenda-${a.id}`);
	});

	it('an untitled item gets a title; a long topic is cut to a board title', () => {
		const [untitled, long] = decisionTasks(
			[item({ topic: '' }), item({ topic: '长'.repeat(80) })],
			ctx()
		);
		expect(untitled!.title).toBe('议题');
		expect([...long!.title]).toHaveLength(60);
	});
});

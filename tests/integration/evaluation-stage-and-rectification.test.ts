import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange } from '../../server/automerge/serverChange';
import type { EvaluationView } from '../../server/evaluation/evaluationView';
import { addBoard } from '../helpers/extraDocuments';
import { get } from '../helpers/http';
import { moveToEvaluation } from '../helpers/projectStage';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 5, evaluation tied to the project's stage: reports, invitations, signatures, surveys and
 * rectification are refused (409 not_in_evaluation) before 评诺提升 and after closing; the panel
 * shows from evaluation on, read-only once closed. A waived rectification task settles its item
 * with its reason; records of an earlier round say which round they belong to. Needs
 * `npm run build` first.
 */
let server: TestServer;
const cookies: Record<string, string> = {};

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	for (const u of ['secretary', 'resident', 'deputy']) cookies[u] = await server.cookieFor(u);
});
afterAll(async () => {
	await server?.close();
});

const evaluation = (board: string, user: string, body: unknown) =>
	fetch(`${server.url}/api/boards/${board}/evaluation`, {
		method: 'POST',
		headers: { cookie: cookies[user]!, origin: server.url, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
async function view(board: string, user = 'secretary'): Promise<EvaluationView> {
	const res = await get(server, `/api/boards/${board}/evaluation`, cookies[user]);
	expect(res.status).toBe(200);
	return (await res.json()) as EvaluationView;
}
async function boardPage(board: string, user = 'secretary') {
	const res = await get(server, `/board/${board}`, cookies[user]);
	expect(res.status).toBe(200);
	return res.text();
}
/** The demo project whose survey ended as `outcome`. */
async function demoBoard(outcome: 'passed' | 'rectification') {
	const { stores, evaluation: ev } = server.services;
	for (const d of await stores.documents.inCommunities(['c-a'])) {
		if (d.kind === 'board' && (await ev.surveyResult(d.id))?.outcome === outcome) return d.id;
	}
	throw new Error(`no demo board with outcome ${outcome}`);
}
/** Sets rectification tasks' states on the board, as a committee member's change. */
async function setTasks(board: string, states: Record<string, Partial<Board['tasks'][string]>>) {
	await applyServerChange<Board>(
		server.services,
		board,
		(d) => {
			for (const [id, s] of Object.entries(states)) Object.assign(d.tasks[id]!, s);
		},
		'u-rc'
	);
}

describe('evaluation records are made only in the evaluation stage', () => {
	it('before it: report, invitation and survey are refused with not_in_evaluation, nothing stored', async () => {
		const board = await addBoard(server, '尚在定题');
		const steps = [
			{ action: 'report', text: '已完成' },
			{ action: 'invite', evaluatorId: 'u-deputy' },
			{ action: 'open_survey' }
		];
		for (const body of steps) {
			const res = await evaluation(board, 'secretary', body);
			expect(res.status, body.action).toBe(409);
			expect(await res.json()).toEqual({ error: 'conflict', reason: 'not_in_evaluation' });
		}
		// The lift project is in delivery: refused there too.
		const lift = await evaluation(server.boardId, 'secretary', steps[0]);
		expect(lift.status).toBe(409);
		const v = await view(board);
		expect([v.reports, v.acceptances, v.surveys]).toEqual([[], [], []]);
		expect(v.stage).toBe('topic');
		expect(Object.values(v.can).filter((x) => x === true)).toEqual([]);
	});

	it('a bad request is still told what is wrong with it, whatever the stage', async () => {
		const board = await addBoard(server, '输入错误');
		const res = await evaluation(board, 'secretary', { action: 'report', text: '' });
		expect(res.status).toBe(400);
	});

	it('in evaluation the same steps succeed', async () => {
		const board = await addBoard(server, '进入评诺');
		await moveToEvaluation(server, board);
		expect(
			(await evaluation(board, 'secretary', { action: 'report', text: '已完成' })).status
		).toBe(200);
		const invite = { action: 'invite', evaluatorId: 'u-deputy' };
		expect((await evaluation(board, 'secretary', invite)).status).toBe(200);
		expect((await evaluation(board, 'secretary', { action: 'open_survey' })).status).toBe(200);
		expect((await view(board)).can.report).toBe(true);
	});

	it('after closing: nothing more is made, and the panel is read-only', async () => {
		const closed = await demoBoard('passed');
		const res = await evaluation(closed, 'secretary', { action: 'report', text: '补充' });
		expect(res.status).toBe(409);
		const sign = await evaluation(closed, 'deputy', { action: 'sign', verdict: 'pass' });
		expect(sign.status).toBe(409);
		const v = await view(closed);
		expect(v.stage).toBe('closed');
		expect(v.can).toMatchObject({ report: false, invite: false, sign: false, runSurvey: false });
		const html = await boardPage(closed);
		const panel = html.slice(
			html.indexOf('data-testid="evaluation-panel"'),
			html.indexOf('</main>')
		);
		expect(panel).toContain('满意率达标');
		expect(panel).not.toMatch(/<form|<textarea/);
	});

	it('the panel is on boards in evaluation or closed, not before', async () => {
		expect(await boardPage(server.boardId)).not.toContain('data-testid="evaluation-panel"');
		const inEvaluation = await demoBoard('rectification');
		expect(await boardPage(inEvaluation, 'resident')).toContain('data-testid="evaluation-panel"');
	});
});

describe('rectification', () => {
	/** A board in evaluation whose first survey failed, with two rectification items. */
	async function failedWithItems(title: string) {
		const board = await addBoard(server, title);
		await moveToEvaluation(server, board);
		await evaluation(board, 'secretary', { action: 'report', text: '已完成' });
		const opened = (await (
			await evaluation(board, 'secretary', { action: 'open_survey' })
		).json()) as EvaluationView;
		// Nobody voted: below any threshold.
		await server.services.evaluation.close('u-secretary', opened.surveys[0]!.id);
		const res = await evaluation(board, 'secretary', {
			action: 'rectify',
			items: ['补装照明', '增设提示牌']
		});
		expect(res.status).toBe(200);
		const v = (await res.json()) as EvaluationView;
		return { board, tasks: v.rectifications.map((r) => r.taskId) };
	}

	it('a task waived with a reason settles its item (with the reason); the next survey may open', async () => {
		const { board, tasks } = await failedWithItems('整改豁免');
		await setTasks(board, {
			[tasks[0]!]: { status: 'done' },
			[tasks[1]!]: { status: 'waived', waivedReason: '街道已统一安装，无需重复' }
		});
		expect(await server.services.evaluation.openRectifications(board)).toEqual([]);
		const v = await view(board);
		expect(v.rectifications.map((r) => [r.task, r.doneAt !== null, r.waivedReason])).toEqual([
			['done', true, ''],
			['waived', true, '街道已统一安装，无需重复']
		]);
		expect(v.can.openSurvey).toBeNull();
		expect(await boardPage(board, 'resident')).toContain('已豁免，原因：街道已统一安装，无需重复');
	});

	it('a task waived without a reason leaves its item open, and the project cannot close', async () => {
		const { board, tasks } = await failedWithItems('整改未说明');
		await setTasks(board, {
			[tasks[0]!]: { status: 'done' },
			[tasks[1]!]: { status: 'waived', waivedReason: '' }
		});
		const open = await server.services.evaluation.openRectifications(board);
		expect(open.map((r) => r.taskId)).toEqual([tasks[1]]);
		expect((await view(board)).can.openSurvey).toBe('rectification_open');
		const move = server.services.projects.move('u-secretary', board, 'closed');
		await expect(move).rejects.toMatchObject({ gates: [{ code: 'rectification_open', count: 1 }] });
	});
});

describe('records of an earlier round', () => {
	it('after a failed survey, round-1 acceptance records are labelled round 1 under the round-2 heading', async () => {
		const board = await demoBoard('rectification');
		const v = await view(board);
		expect(v.round).toBe(2);
		expect(v.acceptances.map((a) => a.round)).toEqual([1, 1]);
		const html = await boardPage(board);
		const records = [
			...html.matchAll(/<li data-verdict="[^"]*" data-round="(\d)"[^>]*>([\s\S]*?)<\/li>/g)
		];
		expect(records).toHaveLength(2);
		for (const [, round, body] of records) {
			expect(round).toBe('1');
			expect(body).toContain('第 1 轮');
		}
	});
});

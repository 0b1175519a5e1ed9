import * as A from '@automerge/automerge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { boardClient } from '../helpers/automergeClient';
import { addBoard } from '../helpers/extraDocuments';
import { get } from '../helpers/http';
import { moveToEvaluation } from '../helpers/projectStage';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

/**
 * Issue 5, evaluation (评诺提升) over the real server: votes, acceptance records, the frozen
 * electorate, rectification tasks and the function the closing gate reads.
 */
let server: TestServer;
let clock = Date.parse('2026-12-01T02:00:00Z');
const cookies: Record<string, string> = {};
const DAY = 86_400_000;

async function addUser(id: string, unitId: string, role: 'resident') {
	const { stores } = server.services;
	await stores.users.create({ id, username: id, displayName: id, passwordHash: 'x' });
	await stores.org.addMembership({ userId: id, unitId, role });
	cookies[id] = `gz_session=${(await server.services.sessions.create(id)).token}`;
}

beforeAll(async () => {
	server = await startTestServer({ withApp: true, config: { now: () => clock } });
	for (const u of ['secretary', 'resident', 'outsider', 'deputy', 'rc-member']) {
		cookies[u] = await server.cookieFor(u);
	}
	await addUser('u-neighbour', 'c-a', 'resident');
	// The demo's department representative, held at the street above community A.
	cookies['u-dept'] = await server.cookieFor('dept-rep');
});
afterAll(async () => {
	await server?.close();
});

function post(path: string, user: string, body: unknown) {
	return fetch(server.url + path, {
		method: 'POST',
		headers: { cookie: cookies[user]!, origin: server.url, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}
const evaluation = (board: string, user: string, body: unknown) =>
	post(`/api/boards/${board}/evaluation`, user, body);
const vote = (survey: string, user: string, choice: string, comment = '') =>
	post(`/api/surveys/${survey}`, user, { action: 'vote', choice, comment });

interface View {
	surveys: {
		id: string;
		round: number;
		tally: { votes: number; counts: Record<string, number> };
	}[];
	acceptances: { evaluatorId: string; verdict: string | null; remarks: string }[];
	rectifications: { item: string; taskId: string; task: string | null; doneAt: number | null }[];
	can: { openSurvey: string | null };
}
async function view(board: string, user: string): Promise<View> {
	const res = await get(server, `/api/boards/${board}/evaluation`, cookies[user]);
	expect(res.status).toBe(200);
	return (await res.json()) as View;
}

/** A board of community A in evaluation, with a report and an open survey; returns both ids. */
async function boardWithSurvey(title: string, threshold = 0.8) {
	const board = await addBoard(server, title);
	await moveToEvaluation(server, board);
	expect((await evaluation(board, 'secretary', { action: 'report', text: '已完成' })).status).toBe(
		200
	);
	const res = await evaluation(board, 'secretary', { action: 'open_survey', threshold, days: 3 });
	expect(res.status).toBe(200);
	const v = (await res.json()) as View;
	return { board, survey: v.surveys.at(-1)!.id };
}

describe('satisfaction survey', () => {
	it('a resident votes once: a second vote replaces the first and the count stays one', async () => {
		const { board, survey } = await boardWithSurvey('投票一次');
		expect((await vote(survey, 'resident', 'dissatisfied')).status).toBe(200);
		const res = await vote(survey, 'resident', 'very_satisfied', '电梯很好');
		expect(res.status).toBe(200);
		const s = (await res.json()) as { tally: View['surveys'][0]['tally']; myVote: unknown };
		expect(s.tally.votes).toBe(1);
		expect(s.tally.counts).toMatchObject({ very_satisfied: 1, dissatisfied: 0 });
		expect(s.myVote).toMatchObject({ choice: 'very_satisfied', comment: '电梯很好' });
		expect((await view(board, 'secretary')).surveys[0]!.tally.votes).toBe(1);
	});

	it("a resident of another community cannot vote in this community's survey (404)", async () => {
		const { survey } = await boardWithSurvey('外社区');
		const res = await vote(survey, 'outsider', 'satisfied');
		expect(res.status).toBe(404);
		const made = await vote('sv-made-up', 'outsider', 'satisfied');
		expect(await res.text()).toBe(await made.text());
		expect((await get(server, `/api/surveys/${survey}`, cookies.outsider)).status).toBe(404);
	});

	it("nobody sees another resident's vote, through the API or the voting page", async () => {
		const { board, survey } = await boardWithSurvey('看不到别人的票');
		await vote(survey, 'resident', 'very_dissatisfied', '楼道灯仍不亮-私密');
		const theirs = (await (
			await get(server, `/api/surveys/${survey}`, cookies['u-neighbour'])
		).json()) as { myVote: unknown; tally: { votes: number } };
		expect(theirs.myVote).toBeNull();
		expect(theirs.tally.votes).toBe(1);
		for (const user of ['u-neighbour', 'secretary']) {
			const api = await (
				await get(server, `/api/boards/${board}/evaluation`, cookies[user])
			).text();
			const page = await (await get(server, `/vote/${survey}`, cookies[user])).text();
			const boardPage = await (await get(server, `/board/${board}`, cookies[user])).text();
			for (const body of [api, page, boardPage]) {
				expect(body).not.toContain('楼道灯仍不亮-私密');
				expect(body).not.toContain('u-resident');
			}
		}
		const own = await (await get(server, `/vote/${survey}`, cookies.resident)).text();
		expect(own).toContain('楼道灯仍不亮-私密');
	});

	it('residents added after a survey opened cannot vote in it', async () => {
		const { survey } = await boardWithSurvey('后来的居民');
		await addUser('u-late', 'c-a', 'resident');
		const res = await vote(survey, 'u-late', 'satisfied');
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({ reason: 'not_elector' });
		// A secretary or committee member is not a voter either.
		expect((await vote(survey, 'rc-member', 'satisfied')).status).toBe(403);
	});

	it('closes by itself at its closing time; votes after it are refused', async () => {
		const { board, survey } = await boardWithSurvey('到期关闭');
		await vote(survey, 'resident', 'satisfied');
		clock += 3 * DAY;
		expect((await vote(survey, 'u-neighbour', 'satisfied')).status).toBe(409);
		expect(await server.services.evaluation.sweep()).toBeGreaterThanOrEqual(1);
		const result = await server.services.evaluation.surveyResult(board);
		expect(result).toMatchObject({ open: false, outcome: 'passed' });
	});
});

describe('acceptance records', () => {
	it("an evaluator's record cannot be written or changed by another account", async () => {
		const board = await addBoard(server, '验收');
		await moveToEvaluation(server, board);
		for (const evaluatorId of ['u-deputy', 'u-dept']) {
			const res = await evaluation(board, 'secretary', { action: 'invite', evaluatorId });
			expect(res.status).toBe(200);
		}
		const sign = (user: string, verdict: string, remarks: string) =>
			evaluation(board, user, { action: 'sign', verdict, remarks });
		expect((await sign('deputy', 'pass_with_remarks', '扶手需加固')).status).toBe(200);
		// The department representative signs only their own record; the deputy's stays as it was.
		expect((await sign('u-dept', 'fail', '不合格')).status).toBe(200);
		// Nobody else can sign at all: not the secretary, not a resident, not an uninvited evaluator.
		expect((await sign('secretary', 'fail', '改掉')).status).toBe(403);
		expect((await sign('resident', 'fail', '改掉')).status).toBe(403);
		const v = await view(board, 'rc-member');
		const byId = Object.fromEntries(v.acceptances.map((a) => [a.evaluatorId, a]));
		expect(byId['u-deputy']).toMatchObject({ verdict: 'pass_with_remarks', remarks: '扶手需加固' });
		expect(byId['u-dept']).toMatchObject({ verdict: 'fail', remarks: '不合格' });
		expect(v.acceptances).toHaveLength(2);
	});
});

describe('rectification', () => {
	it('below the threshold, rectification items become board tasks a stock client sees; closing is refused until they are done', async () => {
		const { board, survey } = await boardWithSurvey('整改');
		await vote(survey, 'resident', 'dissatisfied');
		await vote(survey, 'u-neighbour', 'satisfied');
		expect((await post(`/api/surveys/${survey}`, 'secretary', { action: 'close' })).status).toBe(
			200
		);
		expect((await server.services.evaluation.surveyResult(board))?.outcome).toBe('rectification');
		// Before items are entered, no further survey.
		expect((await view(board, 'secretary')).can.openSurvey).toBe('no_rectification');
		const items = ['修复楼道扶手', '清理施工垃圾'];
		const res = await evaluation(board, 'secretary', { action: 'rectify', items });
		expect(res.status).toBe(200);
		const v = (await res.json()) as View;
		expect(v.rectifications.map((r) => [r.item, r.task])).toEqual([
			[items[0], 'todo'],
			[items[1], 'todo']
		]);

		const open = await server.services.evaluation.openRectifications(board);
		expect(open).toHaveLength(2);
		const client = await boardClient(server, 'rc-member');
		try {
			const handle = await client.find<Board>(board);
			await waitFor(
				() => v.rectifications.every((r) => handle.doc().tasks[r.taskId]?.title !== undefined),
				'the rectification tasks at a stock client'
			);
			expect(v.rectifications.map((r) => handle.doc().tasks[r.taskId]!.title)).toEqual(items);
			expect((await view(board, 'secretary')).can.openSurvey).toBe('rectification_open');
			// The committee finishes the tasks on the board itself.
			handle.change((d) => {
				for (const r of v.rectifications) d.tasks[r.taskId]!.status = 'done';
			});
			await waitFor(
				async () => (await server.services.evaluation.openRectifications(board)).length === 0,
				'the server to see the tasks done'
			);
			expect(A.getHeads(handle.doc()).length).toBeGreaterThan(0);
		} finally {
			await client.close();
		}
		expect((await view(board, 'secretary')).can.openSurvey).toBeNull();
		const second = await evaluation(board, 'secretary', { action: 'open_survey' });
		expect(second.status).toBe(200);
		expect(((await second.json()) as View).surveys.map((s) => s.round)).toEqual([1, 2]);
	});

	it('only the secretary enters rectification items, and only after a failed survey', async () => {
		const { board } = await boardWithSurvey('整改权限');
		const body = { action: 'rectify', items: ['x'] };
		expect((await evaluation(board, 'rc-member', body)).status).toBe(403);
		expect((await evaluation(board, 'secretary', body)).status).toBe(409);
		expect((await evaluation(board, 'outsider', body)).status).toBe(404);
	});
});

describe('demo district', () => {
	it('holds a project in rectification after a failed survey and one with a passed survey', async () => {
		const { stores, evaluation: ev } = server.services;
		const boards = (await stores.documents.inCommunities(['c-a'])).filter(
			(d) => d.kind === 'board'
		);
		const states = new Map<string, string>();
		for (const b of boards) {
			const result = await ev.surveyResult(b.id);
			if (result?.round === 1 && !result.open && result.outcome === 'rectification') {
				const open = await ev.openRectifications(b.id);
				if (open.length > 0) states.set('rectification', b.id);
			}
			if (result?.outcome === 'passed' && result.tally.votes === 6) states.set('passed', b.id);
		}
		expect([...states.keys()].sort()).toEqual(['passed', 'rectification']);
		// The board page of the project in rectification shows its panel to a resident.
		const page = await get(server, `/board/${states.get('rectification')}`, cookies.resident);
		const html = await page.text();
		expect(html).toContain('data-testid="evaluation-panel"');
		expect(html).toContain('车棚补装照明');
	});
});

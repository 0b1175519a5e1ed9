import { generateAutomergeUrl, parseAutomergeUrl } from '@automerge/automerge-repo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { applyServerChange } from '../../server/automerge/serverChange';
import { DEMO_BOARD } from '../../server/demo/demoDistrict';
import { get } from '../helpers/http';
import { startTestServer, type TestServer } from '../helpers/server';

/**
 * Issue 5, the public pledge (亮诺): a published project's page opens with no session, shows the
 * published pledge (never the board's draft), a moved deadline with both dates, the progress
 * log and the evaluation results; nothing internal appears, and an unpublished project answers
 * exactly as an unknown id.
 */
let server: TestServer;
let boardId: string;
const SECRETARY = 'u-secretary';
const VOTER = 'u-res-c-a-g1-1';
const TASK_OWNER = 'u-res-c-a-g1-2';
const MARKS = {
	goal: '路灯全覆盖公开目标',
	measures: '分三段安装路灯',
	note: '内部备注NOTE-MARKER',
	phone: '13800138000',
	draft: '草稿DRAFT-MARKER',
	comment: '投票意见VOTE-MARKER',
	progress: '第一段路灯已通电',
	reason: '供电公司排期推迟',
	remarks: '东段照度不足'
};

const unknownBoard = () => parseAutomergeUrl(generateAutomergeUrl()).documentId;
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
const change = (fn: (d: Board) => void) =>
	applyServerChange<Board>(server.services, boardId, fn, SECRETARY);
const page = async (path: string) => {
	const res = await get(server, path);
	return { status: res.status, html: await res.text(), res };
};

beforeAll(async () => {
	server = await startTestServer({ withApp: true });
	const { projects } = server.services;
	boardId = await projects.create(SECRETARY, { communityId: 'c-a', title: '小区路灯亮化' });
	await change((d) => {
		Object.assign(d.pledge, {
			goal: MARKS.goal,
			measures: MARKS.measures,
			deadline: '2027-03-31',
			budget: '12万元'
		});
		d.pledge.responsible.push('王建华（社区党委书记）');
		d.pledge.fundingSources.push('街道民生资金');
		d.tasks['t-lamps'] = {
			id: 't-lamps',
			title: '立杆施工',
			status: 'done',
			owner: `user:${TASK_OWNER}`,
			due: '2027-02-01',
			notes: `${MARKS.note} 联系 ${MARKS.phone}`,
			checklist: {},
			waivedReason: '',
			rank: 1,
			createdAt: 1
		};
		d.progress['p-1'] = {
			id: 'p-1',
			date: '2026-12-05',
			text: MARKS.progress,
			photoIds: ['photo-1'],
			createdAt: 1
		};
		// Whatever a writer put in the board: a malformed entry must not break the page.
		d.progress['p-odd'] = {
			id: 'p-odd',
			date: 20261206 as unknown as string,
			text: '格式异常的记录',
			photoIds: ['photo-2', 'photo-2', '../../api/projects'],
			createdAt: 2
		};
	});
});
afterAll(async () => {
	await server?.close();
});

describe('an unpublished project', () => {
	it('answers 404 with the page an unknown id gets, for the page, the sheet and the noticeboard', async () => {
		const topic = await page(`/p/${boardId}`);
		const unknown = await page(`/p/${unknownBoard()}`);
		expect([topic.status, unknown.status]).toEqual([404, 404]);
		expect(title(topic.html)).toBe(title(unknown.html));
		expect(topic.html).not.toContain(MARKS.goal);
		expect((await get(server, `/p/${boardId}/pledge.pdf`)).status).toBe(404);
		expect((await page('/p/c/c-a')).html).not.toContain('小区路灯亮化');
	});
});

describe('a published project, read with no session', () => {
	beforeAll(async () => {
		const { projects } = server.services;
		await projects.move(SECRETARY, boardId, 'pledge');
		await projects.move(SECRETARY, boardId, 'delivery');
		// A moved deadline is a visible revision with its reason.
		await change((d) => {
			d.pledge.deadline = '2027-06-30';
		});
		await projects.revise(SECRETARY, boardId, MARKS.reason);
		// A draft edit nobody published: the public page must not show it.
		await change((d) => {
			d.pledge.goal = MARKS.draft;
		});
	});

	it('shows the published pledge, its unit and stage, server-rendered with no script', async () => {
		const { status, html, res } = await page(`/p/${boardId}`);
		expect(status).toBe(200);
		expect(res.headers.get('set-cookie')).toBeNull();
		expect(title(html)).toContain('小区路灯亮化');
		expect(html).toContain('<meta property="og:title" content="小区路灯亮化"');
		expect(html).toMatch(/<meta property="og:description" content="[^"]*路灯全覆盖公开目标/);
		for (const text of [MARKS.goal, MARKS.measures, '王建华（社区党委书记）', '12万元']) {
			expect(html).toContain(text);
		}
		expect(html).toContain('丽泽园社区');
		expect(html).toContain('data-stage="delivery"');
		// Rendered on the server and complete without JavaScript: none is shipped.
		expect(html).not.toMatch(/<script/i);
	});

	it('shows a moved deadline with both dates and the reason', async () => {
		const { html } = await page(`/p/${boardId}`);
		expect(html).toContain('2027年3月31日');
		expect(html).toContain('2027年6月30日');
		expect(html).toContain(MARKS.reason);
		expect(html).toContain('data-revision="2"');
	});

	it('shows the progress log with its photos by file id', async () => {
		const { html } = await page(`/p/${boardId}`);
		expect(html).toContain(MARKS.progress);
		// Links are relative (SvelteKit's default), so they are matched up to the path.
		expect(html).toMatch(/src="[./]*files\/photo-1"/);
		expect(html).toContain('格式异常的记录');
		expect(html.match(/src="[./]*files\/photo-2"/g)).toHaveLength(1);
		expect(html).not.toContain('../../api');
	});

	it('leaks no draft, task, note, phone number or user id', async () => {
		const { html } = await page(`/p/${boardId}`);
		for (const leak of [MARKS.draft, MARKS.note, MARKS.phone, '立杆施工', SECRETARY, TASK_OWNER])
			expect(html, leak).not.toContain(leak);
		expect(html).not.toMatch(/\bu-[a-z]/);
		expect(html).not.toContain('user:');
	});

	it('is listed on the community noticeboard, which the page links to; topics are not', async () => {
		const { html } = await page(`/p/${boardId}`);
		expect(html).toMatch(/href="[./]*p\/c\/c-a"/);
		const board = await page('/p/c/c-a');
		expect(board.status).toBe(200);
		expect(board.html).toMatch(new RegExp(`href="[./]*p/${boardId}"`));
		expect(board.html).toContain('小区路灯亮化');
		expect(board.html).toContain(DEMO_BOARD.title);
		// The demo's topic-stage project (its pledge still being written) is not public.
		expect(board.html).not.toContain('东门停车秩序整治');
		expect((await page('/p/c/c-nope')).status).toBe(404);
		// A grid is not a community: no noticeboard.
		expect((await page('/p/c/c-a-g1')).status).toBe(404);
	});

	it('the board page links to the public page once published', async () => {
		const res = await get(server, `/board/${boardId}`, await server.cookieFor('secretary'));
		expect(await res.text()).toMatch(
			new RegExp(`href="[./]*p/${boardId}" data-testid="public-link"`)
		);
	});
});

describe('evaluation results on the public page', () => {
	let surveyId = '';
	beforeAll(async () => {
		const { projects, evaluation } = server.services;
		await projects.move(SECRETARY, boardId, 'evaluation');
		await evaluation.publishReport(SECRETARY, boardId, '路灯已全部安装完成');
		await evaluation.invite(SECRETARY, boardId, 'u-deputy');
		await evaluation.invite(SECRETARY, boardId, 'u-dept');
		await evaluation.sign('u-deputy', boardId, 'pass_with_remarks', MARKS.remarks);
		await evaluation.sign('u-dept', boardId, 'pass', '');
		surveyId = (await evaluation.openSurvey(SECRETARY, boardId, { threshold: 0.8 })).id;
		await evaluation.vote('u-resident', surveyId, 'very_satisfied', '');
		await evaluation.vote(VOTER, surveyId, 'dissatisfied', MARKS.comment);
	});

	it('an open survey shows its closing day, not a running tally', async () => {
		const { html } = await page(`/p/${boardId}`);
		expect(html).toContain('路灯已全部安装完成');
		expect(html).toContain('测评进行中');
		expect(html).not.toContain('data-testid="survey-bars"');
	});

	it('shows acceptance by role, deputies by name, and the closed survey as aggregates only', async () => {
		const { evaluation } = server.services;
		await evaluation.close(SECRETARY, surveyId);
		await evaluation.addRectifications(SECRETARY, boardId, ['东段补装两盏路灯']);
		const { html } = await page(`/p/${boardId}`);
		expect(html).toContain('周丽华'); // the deputy, by name
		expect(html).toContain(MARKS.remarks);
		expect(html).toContain('职能部门代表');
		expect(html).not.toContain('高振东'); // the department representative, by unit only
		expect(html).toContain('果园新村街道');
		expect(html).toContain('满意率 50%');
		expect(html).toContain('未达标，进入整改');
		expect(html).toContain('data-testid="survey-bars"');
		expect(html).toContain('东段补装两盏路灯');
		expect(html).toContain('整改中');
		for (const leak of [MARKS.comment, VOTER, 'u-resident', surveyId, 'rect-'])
			expect(html, leak).not.toContain(leak);
	});
});

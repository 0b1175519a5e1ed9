import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../src/lib/domain/metricPeriods';
import { startTestServer, type TestServer } from '../helpers/server';
import {
	login,
	openBrowser,
	shoot,
	type TestBrowser,
	waitForConnection,
	waitForPending
} from './browser';

const SHOTS = '.scratch/walk';
const DAY = 86_400_000;

/** The whole page at phone and desktop size, then back to the phone the walk runs on. */

/**
 * Issue 5, done means: one project walked through all four stages with the demo accounts, on a
 * phone, through the pages only — the secretary fills the pledge of the demo parking topic and
 * publishes it (承诺定题 → 亮诺明责), delivers its task (践诺履职), reports back and invites the
 * deputy, who signs; the residents' survey fails, rectification items become board tasks, they are
 * done, a second survey passes, and the project closes (评诺提升). Screenshots of the board, the
 * public page and the overview at phone and desktop size go to .scratch/walk/. Needs
 * `npm run build` first.
 */
describe('a secretary project from topic to the residents’ verdict', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;
	let boardId: string;
	const board = () => `${browser.base}/board/${boardId}`;
	const stage = () => page.getByTestId('stage-panel').getAttribute('data-stage');
	const panel = () => page.getByTestId('evaluation-panel');

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		const docs = await server.services.stores.documents.inCommunities(['c-a']);
		boardId = docs.find((d) => d.title === '东门停车秩序整治')!.id;
		browser = await openBrowser(server, { width: 390, height: 844 });
		page = await browser.newPage();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	async function as(username: string) {
		await page.context().clearCookies();
		await login(page, browser.base, username);
	}

	async function moveForward(to: string) {
		await page.getByTestId('move-forward').click();
		await expect.poll(stage, { timeout: 15_000 }).toBe(to);
	}

	it('承诺定题 → 亮诺明责: the secretary fills the pledge and a task, then publishes', async () => {
		await as('secretary');
		await page.goto(board());
		await waitForConnection(page, 'online');
		expect(await stage()).toBe('topic');
		await page.getByTestId('pledge-goal').fill('晚间消防通道不再被占用，东门车辆有序停放。');
		await page.getByTestId('pledge-measures').fill('物业划线并加装道闸；居委会入户宣传。');
		await page.getByTestId('responsible-new').fill('王建华（社区党委书记）');
		await page.getByTestId('responsible-add').click();
		await page.getByTestId('pledge-deadline').fill(beijingDate(Date.now() + 30 * DAY));
		await page.getByTestId('new-task').fill('东门划线和道闸');
		await page.getByTestId('add-task').click();
		await waitForPending(page, false);
		await expect.poll(() => page.getByTestId('stage-gates').count()).toBe(0);
		await moveForward('pledge');
		await shoot(page, SHOTS, 'board-pledge');

		// Published: the public page shows the pledge to anyone, without a login.
		const visitor = await browser.newPage();
		await visitor.goto(`${browser.base}/p/${boardId}`);
		expect(await visitor.locator('main').innerText()).toContain('晚间消防通道不再被占用');
		await shoot(visitor, SHOTS, 'public-pledge');
		await visitor.close();
	});

	it('践诺履职: the task is delivered, and the evaluation gate opens', async () => {
		await moveForward('delivery');
		// The topic's own task (统计晚间占道车辆) and the one added above: both delivered.
		const done = page.getByTestId('task-done');
		for (let left = await done.count(); left > 0; left = await done.count()) {
			await done.first().click();
			await expect.poll(() => done.count()).toBe(left - 1);
		}
		await waitForPending(page, false);
		await page.getByTestId('progress-text').fill('道闸安装完毕，划线 40 个车位。');
		await page.getByTestId('progress-save').click();
		await waitForPending(page, false);
		await expect
			.poll(
				async () =>
					(await page.getByTestId('stage-gates').count())
						? await page.getByTestId('stage-gates').innerText()
						: '',
				{ timeout: 10_000 }
			)
			.toBe('');
		await moveForward('evaluation');
	});

	it('评诺提升: report, invitation and the deputy’s signature', async () => {
		await page.reload();
		await panel().locator('textarea').first().fill('东门道闸已启用，晚间占道车辆由 23 辆降为 0。');
		await panel().getByRole('button', { name: '发布汇报' }).click();
		await expect.poll(() => panel().innerText()).toContain('晚间占道车辆由 23 辆降为 0');
		await panel().locator('select').selectOption('u-deputy');
		await panel().getByRole('button', { name: '邀请验收' }).click();
		await expect.poll(() => panel().getByRole('button', { name: '发起测评' }).count()).toBe(1);
		await panel().getByRole('button', { name: '发起测评' }).click();
		await expect.poll(() => panel().getByTestId('survey-1').count()).toBe(1);

		await as('deputy');
		await page.goto(board());
		await panel().getByLabel('通过', { exact: true }).check();
		await panel().getByRole('button', { name: '签署我的验收意见' }).click();
		await expect.poll(() => panel().innerText()).toContain('通过');
	});

	it('a failed survey puts the project into rectification; its items become board tasks', async () => {
		const survey = (await server.services.evaluation.view('u-secretary', boardId)).surveys[0]!;
		await as('resident');
		await page.goto(`${browser.base}/vote/${survey.id}`);
		await page.getByLabel('不满意', { exact: true }).check();
		await page.fill('textarea[name="comment"]', '晚上道闸没人管，外来车还是能进');
		await page.click('button[type="submit"].primary');
		await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('已记录');

		await as('secretary');
		await page.goto(board());
		await panel().getByRole('button', { name: '结束测评' }).click();
		await expect.poll(() => panel().innerText()).toContain('未达标，进入整改');
		await panel().locator('textarea').last().fill('道闸夜间值守\n外来车辆登记');
		await panel().getByRole('button', { name: '录入并生成任务' }).click();
		await waitForConnection(page, 'online');
		for (const title of ['道闸夜间值守', '外来车辆登记']) {
			const card = page.locator(`[data-testid="task"]:has-text("${title}")`);
			await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
		}
		// The server's gate: no closing while rectification is open (read afresh from the server).
		await page.reload();
		expect(await page.getByTestId('stage-gates').innerText()).toContain('整改');
		expect(await page.getByTestId('move-forward').isDisabled()).toBe(true);
		await shoot(page, SHOTS, 'board-rectification');
	});

	it('the rectification is done, a second survey passes, and the project closes', async () => {
		for (const title of ['道闸夜间值守', '外来车辆登记']) {
			await page
				.locator(`[data-testid="task"]:has-text("${title}") [data-testid="task-done"]`)
				.click();
		}
		await waitForPending(page, false);
		await page.reload();
		await panel().getByRole('button', { name: '发起第二次测评' }).click();
		await expect.poll(() => panel().getByTestId('survey-2').count()).toBe(1);
		const second = (await server.services.evaluation.view('u-secretary', boardId)).surveys.find(
			(s) => s.round === 2
		)!;

		await as('resident');
		await page.goto(`${browser.base}/vote/${second.id}`);
		await page.getByLabel('非常满意', { exact: true }).check();
		await page.click('button[type="submit"].primary');
		await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('已记录');

		await as('secretary');
		await page.goto(board());
		await page.getByTestId('survey-2').getByRole('button', { name: '结束测评' }).click();
		await expect.poll(() => page.getByTestId('survey-2').innerText()).toContain('满意率达标');
		await page.reload();
		await moveForward('closed');
		await shoot(page, SHOTS, 'board-closed');

		const project = await server.services.stores.projects.get(boardId);
		expect(project?.stage).toBe('closed');
		const moves = await server.services.stores.projects.moves(boardId);
		expect(moves.map((m) => m.to)).toEqual(['pledge', 'delivery', 'evaluation', 'closed']);

		// The verdict is public, and the overview counts the project as closed.
		const visitor = await browser.newPage();
		await visitor.goto(`${browser.base}/p/${boardId}`);
		const text = await visitor.locator('main').innerText();
		expect(text).toContain('道闸夜间值守');
		expect(text).not.toContain('外来车还是能进'); // a resident's comment is never public
		await shoot(visitor, SHOTS, 'public-closed');
		await visitor.close();
		await page.goto(`${browser.base}/c/c-a/projects`);
		await shoot(page, SHOTS, 'overview-community');
	});
});

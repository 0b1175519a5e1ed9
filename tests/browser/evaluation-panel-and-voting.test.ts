import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBoard } from '../helpers/extraDocuments';
import { moveToEvaluation } from '../helpers/projectStage';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/**
 * The evaluation panel of the demo project in rectification, and a resident voting on a phone and
 * a desktop; screenshots go to .scratch/ to be looked at. Needs `npm run build` first.
 */
const SIZES = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1280, height: 800 }
} as const;

describe('evaluation panel and voting page in Chromium', () => {
	let server: TestServer;
	let rectificationBoard: string;
	let surveyId: string;
	const browsers: TestBrowser[] = [];

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		mkdirSync('.scratch', { recursive: true });
		const { stores, evaluation } = server.services;
		const boards = (await stores.documents.inCommunities(['c-a'])).filter(
			(d) => d.kind === 'board'
		);
		for (const b of boards) {
			if ((await evaluation.surveyResult(b.id))?.outcome === 'rectification')
				rectificationBoard = b.id;
		}
		const board = await addBoard(server, '小区健身器材更新书记项目');
		await moveToEvaluation(server, board);
		await evaluation.publishReport('u-secretary', board, '更新健身器材12件，铺设安全地垫。');
		surveyId = (await evaluation.openSurvey('u-secretary', board, {})).id;
	});
	afterAll(async () => {
		await Promise.all(browsers.map((b) => b.close()));
		await server?.close();
	});

	for (const [size, viewport] of Object.entries(SIZES)) {
		it(`${size}: the panel shows records and bars; a resident votes in Chinese and sees only their own vote`, async () => {
			const browser = await openBrowser(server, viewport);
			browsers.push(browser);
			const page = await browser.newPage();
			await login(page, browser.base, 'secretary');
			await page.goto(`${browser.base}/board/${rectificationBoard}`);
			const panel = page.locator('[data-testid="evaluation-panel"]');
			await expect.poll(() => panel.textContent()).toContain('未达标，进入整改');
			expect(await panel.textContent()).toContain('夜间照明不足');
			expect(await panel.locator('svg[data-testid="survey-bars"] rect').count()).toBe(10);
			await panel.screenshot({ path: `.scratch/evaluation-panel-${size}.png` });
			await page.context().clearCookies();

			await login(page, browser.base, 'resident');
			await page.goto(`${browser.base}/vote/${surveyId}`);
			await page.getByLabel('满意', { exact: true }).check();
			await page.fill('textarea[name="comment"]', '器材很好，希望加个遮阳棚');
			await page.click('button[type="submit"].primary');
			await expect.poll(() => page.locator('[role="status"]').textContent()).toContain('已记录');
			expect(await page.locator('[data-testid="my-vote"]').textContent()).toContain('满意');
			await page.screenshot({ path: `.scratch/vote-${size}.png`, fullPage: true });
		});
	}
});

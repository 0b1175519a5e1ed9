import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, shoot, type TestBrowser, waitForConnection } from './browser';

const SHOTS = '/tmp/shots-projects';

/**
 * Issue 5: the board page shows the project's stage (a server record) as a four-step bar, the
 * unmet gates in plain words, and the pledge's revisions; a closed project's board is locked.
 * Needs `npx vite build` first.
 */
describe('the stage panel on the board page', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		browser = await openBrowser(server, { width: 1280, height: 900 });
		page = await browser.newPage();
		await login(page, browser.base, 'secretary');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	const boardOf = async (title: string) => {
		const docs = await server.services.stores.documents.inCommunities(['c-a']);
		return docs.find((d) => d.title === title)!.id;
	};

	it('a topic lists what publishing still needs and keeps the publish button disabled', async () => {
		await page.goto(`${browser.base}/board/${await boardOf('东门停车秩序整治')}`);
		await waitForConnection(page, 'online');
		const panel = page.getByTestId('stage-panel');
		await expect.poll(() => panel.getAttribute('data-stage')).toBe('topic');
		const gates = await page.getByTestId('stage-gates').innerText();
		expect(gates).toContain('填写工作措施');
		expect(gates).toContain('至少填写一名责任人');
		expect(gates).toContain('填写完成时限');
		expect(await page.getByTestId('move-forward').isDisabled()).toBe(true);
		await shoot(page, SHOTS, 'topic', { desktopHeight: 900 });
	});

	it('a project in delivery shows its published revision and no draft notice while the board matches it', async () => {
		await page.goto(`${browser.base}/board/${server.boardId}`);
		await waitForConnection(page, 'online');
		await expect.poll(() => page.getByTestId('stage-current').innerText()).toContain('践诺履职');
		await page.getByTestId('pledge-revisions').locator('summary').click();
		expect(await page.getByTestId('pledge-revisions').innerText()).toContain('第 1 版');
		expect(await page.getByTestId('draft-differs').count()).toBe(0);
		await shoot(page, SHOTS, 'delivery', { desktopHeight: 900 });
	});

	it("a closed project's board says it is locked, how to reopen it, and offers no editing", async () => {
		await page.goto(`${browser.base}/board/${await boardOf('老旧小区雨污管网改造书记项目')}`);
		await waitForConnection(page, 'online');
		await expect.poll(() => page.getByTestId('stage-current').innerText()).toContain('已办结');
		const banner = await page.getByTestId('readonly-banner').innerText();
		expect(banner).toContain('项目已办结，看板已锁定为只读');
		// The secretary may move it back; the banner says so.
		expect(banner).toContain('退回上一阶段');
		expect(await page.getByTestId('add-task').count()).toBe(0);
		expect(await page.getByTestId('new-task').count()).toBe(0);
		await shoot(page, SHOTS, 'closed', { desktopHeight: 900 });
	});
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../src/lib/domain/board';
import { readServerBoard } from '../../server/automerge/serverChange';
import { projectInEvaluation } from '../helpers/projectStage';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, shoot, type TestBrowser, waitForConnection } from './browser';

const SHOTS = '/tmp/shots-projects';

/**
 * A committee member adds a task with no signal; meanwhile the secretary closes the project, so
 * the board is read-only when the phone comes back. The server refuses the task: the page says
 * so, keeps it on the device, and stops knocking (each reconnect would push it into the same
 * refusal). Needs `npx vite build` first.
 */
describe('changes the server refuses on a board', () => {
	let server: TestServer;
	let browser: TestBrowser;
	let page: Page;

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		browser = await openBrowser(server, { width: 390, height: 844 });
		page = await browser.newPage();
		await login(page, browser.base, 'rc-member');
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	it('a task added offline on a board closed meanwhile: the page says it was not saved, keeps it, and stops reconnecting', async () => {
		const id = await projectInEvaluation(server, '楼道照明改造');
		await page.goto(`${browser.base}/board/${id}`);
		await waitForConnection(page, 'online');

		browser.proxy.cut();
		await waitForConnection(page, 'offline');
		await page.getByTestId('new-task').fill('离线时加的任务：补装声控灯');
		await page.getByTestId('add-task').click();
		await page.getByText('离线时加的任务：补装声控灯').waitFor();
		await server.services.projects.move('u-secretary', id, 'closed');

		let sockets = 0;
		page.on('websocket', (ws) => {
			if (ws.url().includes('/sync/automerge')) sockets++;
		});
		browser.proxy.restore();
		const banner = page.getByTestId('refused-banner');
		await banner.waitFor({ timeout: 30_000 });
		expect(await banner.innerText()).toContain('没有保存到服务器');
		// The status beside the title no longer says the change is waiting to sync: it never will.
		const pending = page.getByTestId('pending');
		expect(await pending.getAttribute('data-pending')).toBe('true');
		expect(await pending.innerText()).toBe('有改动未能保存到服务器');
		const afterRefusal = sockets;
		// Past two of the adapter's 2-second retries: none.
		await page.waitForTimeout(5_000);
		expect(sockets).toBe(afterRefusal);
		// Kept on this device, not on the server.
		expect(await page.getByText('离线时加的任务：补装声控灯').count()).toBe(1);
		const stored = await readServerBoard<Board>(server.services, id);
		expect(Object.values(stored.tasks).map((t) => t.title)).not.toContain(
			'离线时加的任务：补装声控灯'
		);
		// Nothing more to type into: further changes would only pile up on the device.
		expect(await page.getByTestId('new-task').count()).toBe(0);
		await page.evaluate(() => window.scrollTo(0, 0));
		await shoot(page, SHOTS, 'refused', { fullPage: false, desktopHeight: 900 });
	});
});

import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/**
 * The helper group's resource list in Chromium, with the demo accounts: the street's department
 * representative (高振东) publishes an item, the secretary requests it from the lift's board,
 * the representative accepts it with a comment, and the board shows it granted — to a resident
 * without the note or the comment. Screenshots go to .scratch/ to be looked at. Needs
 * `npm run build` first.
 */
const TITLE = '楼顶防水补漏技术指导';
const NOTE = '3号楼顶层渗水，电梯机房需先做防水。';
const COMMENT = '同意，本周四上午派技术人员现场查看。';

describe('a resource requested from a board and granted', () => {
	let server: TestServer;
	const browsers: TestBrowser[] = [];

	beforeAll(async () => {
		delete process.env.ORIGIN;
		server = await startTestServer({ withApp: true, config: { origin: null } });
		mkdirSync('.scratch', { recursive: true });
	});
	afterAll(async () => {
		await Promise.all(browsers.map((b) => b.close()));
		await server?.close();
	});

	it('phone: publish → request → accept with a comment → the board shows it granted', async () => {
		const browser = await openBrowser(server, { width: 390, height: 844 });
		browsers.push(browser);
		const page = await browser.newPage();
		const { stores } = server.services;

		await login(page, browser.base, 'dept-rep');
		await page.goto(`${browser.base}/u/s-guoyuan/resources`);
		await page.locator('details.publish summary').click();
		await page.selectOption('#new-kind', 'technical');
		await page.fill('#new-title', TITLE);
		await page.fill('#new-description', '屋面渗漏检测、防水方案审查，免费提供。');
		await page.fill('#new-department', '街道规划建设科');
		await page.fill('#new-contact', '赵工 022-2680-0202');
		await page.click('form[action="?/publish"] button[type="submit"]');
		await expect.poll(() => page.locator('.items').textContent()).toContain(TITLE);
		const item = (await stores.resources.itemsIn(['s-guoyuan'])).find((i) => i.title === TITLE);
		expect(item).toMatchObject({ createdBy: 'u-dept', kind: 'technical', active: true });
		await page.screenshot({ path: '.scratch/resources-list-phone.png', fullPage: true });
		await page.locator(`[data-testid="resource-${item!.id}"]`).scrollIntoViewIfNeeded();
		await page.screenshot({ path: '.scratch/resources-new-item-phone.png' });
		await page.context().clearCookies();

		await login(page, browser.base, 'secretary');
		await page.goto(`${browser.base}/board/${server.boardId}`);
		const panel = page.locator('[data-testid="resource-panel"]');
		await panel.waitFor({ timeout: 30_000 });
		await panel.locator('select').selectOption(item!.id);
		await panel.locator('textarea').fill(NOTE);
		await panel.locator('button[type="submit"]').click();
		const row = panel.locator('[data-testid="resource-request"]', { hasText: TITLE });
		await expect.poll(() => row.getAttribute('data-state')).toBe('pending');
		const request = (await stores.resources.requestsOf(server.boardId)).find(
			(r) => r.resourceId === item!.id
		)!;
		expect(request).toMatchObject({ requestedBy: 'u-secretary', note: NOTE, state: 'pending' });
		await page.context().clearCookies();

		await login(page, browser.base, 'dept-rep');
		await page.goto(`${browser.base}/u/s-guoyuan/resources`);
		const entry = page.locator(`[data-testid="inbox-${request.id}"]`);
		expect(await entry.textContent()).toContain(NOTE);
		await entry.locator('textarea[name="comment"]').fill(COMMENT);
		await page.screenshot({ path: '.scratch/resources-inbox-phone.png', fullPage: true });
		await entry.locator('button[value="accepted"]').click();
		await expect.poll(() => entry.getAttribute('data-state')).toBe('accepted');
		expect(await stores.resources.request(request.id)).toMatchObject({
			state: 'accepted',
			closedBy: 'u-dept',
			comment: COMMENT
		});
		await page.context().clearCookies();

		await login(page, browser.base, 'secretary');
		await page.goto(`${browser.base}/board/${server.boardId}`);
		await panel.waitFor({ timeout: 30_000 });
		await expect.poll(() => row.getAttribute('data-state')).toBe('accepted');
		expect(await row.textContent()).toContain('已同意');
		expect(await row.textContent()).toContain(COMMENT);
		await panel.screenshot({ path: '.scratch/resources-board-panel-phone.png' });
		await page.context().clearCookies();

		// A resident reading the board sees it granted, but not the working messages.
		await login(page, browser.base, 'resident');
		await page.goto(`${browser.base}/board/${server.boardId}`);
		await panel.waitFor({ timeout: 30_000 });
		await expect.poll(() => row.getAttribute('data-state')).toBe('accepted');
		const text = (await panel.textContent()) ?? '';
		expect(text).toContain(TITLE);
		expect(text).not.toContain(COMMENT);
		expect(text).not.toContain(NOTE);
		expect(await panel.locator('form').count()).toBe(0);
		await panel.screenshot({ path: '.scratch/resources-board-panel-resident-phone.png' });
	});

	it('desktop: the list with the inbox, and the board panel', async () => {
		const browser = await openBrowser(server, { width: 1280, height: 800 });
		browsers.push(browser);
		const page = await browser.newPage();
		await login(page, browser.base, 'dept-rep');
		await page.goto(`${browser.base}/u/s-guoyuan/resources`);
		await page.locator('[data-testid="resource-inbox"]').waitFor();
		await page.screenshot({ path: '.scratch/resources-list-desktop.png', fullPage: true });
		await page.context().clearCookies();
		await login(page, browser.base, 'secretary');
		await page.goto(`${browser.base}/board/${server.boardId}`);
		const panel = page.locator('[data-testid="resource-panel"]');
		await panel.waitFor({ timeout: 30_000 });
		expect(await panel.locator('[data-testid="resource-request"]').count()).toBeGreaterThan(0);
		await panel.screenshot({ path: '.scratch/resources-board-panel-desktop.png' });
	});
});

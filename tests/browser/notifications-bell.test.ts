import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/**
 * Issue 4, notifications in the browser: an escalated demand lights the secretary's bell with
 * the unread count; the bell opens /notifications, which links to the demand; marking all read
 * clears the count. Screenshots to .scratch/. Needs `npm run build` first.
 */
const bj = (local: string) => Date.parse(`${local}:00+08:00`);
let clock = bj('2026-11-02T10:00');
let server: TestServer;
let browser: TestBrowser;
beforeAll(async () => {
	delete process.env.ORIGIN;
	server = await startTestServer({ withApp: true, config: { origin: null, now: () => clock } });
	browser = await openBrowser(server);
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});

it('the bell counts unread notifications, opens the list, leads to the demand, and clears', async () => {
	const page = await browser.newPage();
	await login(page, browser.base, 'secretary');
	// Whatever the demo history left unread, start from zero.
	await server.services.stores.notifications.markRead('u-secretary', Number.MAX_SAFE_INTEGER, 0);
	const d = await server.services.demands.file('u-resident', {
		id: crypto.randomUUID(),
		gridId: 'c-a-g1',
		category: 'repair',
		description: '单元门禁坏了'
	});
	clock = bj('2026-11-05T10:00');
	expect(await server.services.demands.sweep()).toBeGreaterThanOrEqual(1);
	const unread = await server.services.stores.notifications.unread('u-secretary');
	expect(unread).toBeGreaterThanOrEqual(1);

	await page.goto(`${browser.base}/`);
	const bell = page.locator('a.bell');
	await expect(bell.locator('.bell-count').innerText()).resolves.toBe(String(unread));
	for (const [w, h, name] of [
		[390, 844, 'phone'],
		[1280, 800, 'desktop']
	] as const) {
		await page.setViewportSize({ width: w, height: h });
		await page.screenshot({ path: `.scratch/notifications-bell-${name}.png` });
	}
	await page.setViewportSize({ width: 390, height: 844 });
	await bell.click();
	await page.waitForURL(/\/notifications$/);
	await page.getByText('有诉求超时，已升级到你这一级').first().waitFor();
	await page.screenshot({ path: '.scratch/notifications-page-phone.png', fullPage: true });
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.screenshot({ path: '.scratch/notifications-page-desktop.png', fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await page.locator(`a[href="/d/${d.id}"]`).first().click();
	await page.waitForURL(new RegExp(`/d/${d.id}$`));
	await page.getByText('单元门禁坏了').first().waitFor();

	await page.goto(`${browser.base}/notifications`);
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: '全部标为已读' }).click()
	]);
	await page.goto(`${browser.base}/`);
	expect(await page.locator('a.bell .bell-count').count()).toBe(0);
	expect(await server.services.stores.notifications.unread('u-secretary')).toBe(0);
});

import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/**
 * The dashboards (community, street) and the problem list at phone and desktop sizes, with the
 * demo history; screenshots go to .scratch/ to be looked at. Needs `npm run build` first.
 */
const SIZES = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1280, height: 800 }
} as const;

describe('dashboards and the problem list in Chromium', () => {
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

	for (const [size, viewport] of Object.entries(SIZES)) {
		it(`${size}: charts, figures and tables render in Chinese, and the period picker works`, async () => {
			const browser = await openBrowser(server, viewport);
			browsers.push(browser);
			const page = await browser.newPage();
			await login(page, browser.base, 'secretary');
			await page.goto(`${browser.base}/u/c-a/dashboard?period=this_year`);
			await expect.poll(() => page.locator('h1').textContent()).toContain('丽泽园社区 · 数据看板');
			// Weekly bars exist and the category chart names the categories.
			expect(await page.locator('svg rect.filed').count()).toBeGreaterThan(20);
			await expect.poll(() => page.locator('figure').nth(1).textContent()).toContain('物业服务');
			expect(await page.locator('text=知事识人').count()).toBe(1);
			await page.screenshot({ path: `.scratch/dashboard-community-${size}.png`, fullPage: true });

			// The picker: last month, by its GET form.
			await page.selectOption('select[name="period"]', 'last_month');
			await Promise.all([page.waitForURL(/period=last_month/), page.click('form.picker button')]);
			expect(await page.locator('.range').textContent()).toMatch(/-01 至/);

			const officer = await openBrowser(server, viewport);
			browsers.push(officer);
			const op = await officer.newPage();
			await login(op, officer.base, 'officer');
			await op.goto(`${officer.base}/u/s-guoyuan/dashboard`);
			await expect.poll(() => op.locator('h1').textContent()).toContain('果园新村街道');
			await expect.poll(() => op.locator('.compare').textContent()).toContain('瑞景苑社区');
			await op.screenshot({ path: `.scratch/dashboard-street-${size}.png`, fullPage: true });

			await page.goto(`${browser.base}/c/c-a/problems`);
			await expect.poll(() => page.locator('h1').textContent()).toContain('问题清单');
			await page.screenshot({ path: `.scratch/problems-${size}.png`, fullPage: true });
			if (size !== 'desktop') return;

			// Mark the biggest group (丽泽园 5号楼's 物业 complaints), then make it a project board.
			const first = page.locator('ul.groups > li').first();
			await first.locator('summary').click();
			await first.locator('input[name="title"]').fill('5号楼电梯频繁故障');
			await first.locator('form button').click();
			await expect
				.poll(() => page.locator('p.notice').textContent())
				.toContain('5号楼电梯频繁故障');
			await page.getByRole('button', { name: '转为书记项目' }).click();
			await expect.poll(() => page.locator('p.notice').textContent()).toContain('项目看板');
			const href = await page.locator('p.notice a').getAttribute('href');
			expect(href).toMatch(/^\/board\/\w+/);
			await page.screenshot({ path: `.scratch/problems-marked-${size}.png` });
		});
	}
});

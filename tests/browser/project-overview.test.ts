import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { login, openBrowser, type TestBrowser } from './browser';

/**
 * The community and district project overviews at phone and desktop sizes with the demo
 * projects: charts with Chinese labels, the filter form, the export download. Screenshots go to
 * .scratch/ to be looked at. Needs `npm run build` first.
 */
const SIZES = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1280, height: 800 }
} as const;

describe('project overviews in Chromium', () => {
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
		it(`${size}: figures, charts and the filterable list, community and district`, async () => {
			const browser = await openBrowser(server, viewport);
			browsers.push(browser);
			const page = await browser.newPage();
			await login(page, browser.base, 'secretary');
			await page.goto(`${browser.base}/`);
			await page.getByRole('link', { name: '书记项目', exact: true }).first().click();
			await page.waitForURL(/\/c\/c-a\/projects$/);
			await expect
				.poll(() => page.locator('h1').textContent())
				.toContain('丽泽园社区 · 书记项目总览');
			// Bars per stage with their Chinese labels, the livelihood ring, the survey results.
			await expect.poll(() => page.locator('figure').first().textContent()).toContain('承诺定题');
			expect(await page.locator('svg circle.part').count()).toBe(1);
			await expect
				.poll(() => page.locator('figure svg desc').last().textContent())
				.toContain('达标线 80%');
			expect(await page.locator('[data-testid="project-list"] > li').count()).toBe(5);
			await page.screenshot({ path: `.scratch/overview-community-${size}.png`, fullPage: true });

			// The GET form filters the list; the export links carry the filter.
			await page.selectOption('select[name="stage"]', 'closed');
			await Promise.all([
				page.waitForURL(/stage=closed/),
				page.getByRole('button', { name: '筛选' }).click()
			]);
			expect(await page.locator('[data-testid="project-list"] > li').count()).toBe(1);
			expect(await page.getByRole('link', { name: '导出 Excel' }).getAttribute('href')).toContain(
				'stage=closed'
			);
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.getByRole('link', { name: '导出 Excel' }).click()
			]);
			expect(download.suggestedFilename()).toMatch(/^书记项目_丽泽园社区_\d{4}-\d{2}-\d{2}\.xlsx$/);

			const deputy = await openBrowser(server, viewport);
			browsers.push(deputy);
			const dp = await deputy.newPage();
			await login(dp, deputy.base, 'deputy');
			await dp.goto(`${deputy.base}/u/d-beichen/projects`);
			await expect.poll(() => dp.locator('h1').textContent()).toContain('北辰区 · 书记项目总览');
			await expect.poll(() => dp.locator('table').last().textContent()).toContain('宜兴埠社区');
			await dp.screenshot({ path: `.scratch/overview-district-${size}.png`, fullPage: true });
			await dp
				.locator('section:has(table.units)')
				.screenshot({ path: `.scratch/overview-district-table-${size}.png` });
			// A community's row opens that community's overview.
			await dp.getByRole('link', { name: '丽泽园社区' }).click();
			await dp.waitForURL(/\/c\/c-a\/projects$/);

			if (size !== 'phone') return;
			const resident = await openBrowser(server, viewport);
			browsers.push(resident);
			const rp = await resident.newPage();
			await login(rp, resident.base, 'resident');
			await rp.goto(`${resident.base}/c/c-a/projects`);
			await expect.poll(() => rp.locator('main').textContent()).toContain('已公开承诺');
			expect(await rp.locator('[data-testid="project-list"] > li').count()).toBe(4);
			await rp.screenshot({ path: `.scratch/overview-resident-${size}.png`, fullPage: true });
		});
	}
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';
import { login, openBrowser, shoot, type TestBrowser, waitUntilKeptOffline } from './browser';

const SHOTS = '.scratch/demands';

/**
 * Issue 4, the demand flow on a phone: a resident files a demand while offline, it is sent when
 * the connection returns, the grid leader dispatches it to a Party member, who takes and resolves
 * it, and the resident rates it satisfied. Screenshots of the three pages go to .scratch/.
 * Needs `npm run build` first.
 */
let server: TestServer;
/** Added to the server's clock, so deadlines can pass without waiting. */
let skew = 0;
let resident: TestBrowser;
let worker: TestBrowser;
beforeAll(async () => {
	delete process.env.ORIGIN;
	server = await startTestServer({
		withApp: true,
		config: { origin: null, now: () => Date.now() + skew }
	});
	resident = await openBrowser(server);
	worker = await openBrowser(server);
});
afterAll(async () => {
	await resident?.close();
	await worker?.close();
	await server?.close();
});

const DESCRIPTION = '2号楼电梯按钮坏了，老人上不了楼';

/**
 * The grid's headline figures as its leader sees them on the dashboard: demands filed and
 * resolved this quarter (the resolution-rate card's "resolved / filed").
 */
async function gridFigures(page: Page, base: string) {
	await page.goto(`${base}/u/c-a-g1/dashboard`);
	const detail = await page
		.locator('.figure')
		.filter({ has: page.locator('.label', { hasText: '办结率' }) })
		.locator('.detail')
		.innerText();
	const [resolved, filed] = detail.split('/').map((n) => Number(n.replace(/[^0-9]/g, '')));
	return { resolved: resolved!, filed: filed! };
}

async function act(page: Page, button: string) {
	await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('?/act')),
		page.getByRole('button', { name: button, exact: true }).click()
	]);
}

it('a demand filed offline syncs, is dispatched, taken, resolved and rated, and the grid dashboard counts it', async () => {
	// The grid leader's dashboard before the flow starts.
	const desk = await worker.newPage();
	await login(desk, worker.base, 'grid-leader');
	const before = await gridFigures(desk, worker.base);

	const page = await resident.newPage();
	await login(page, resident.base, 'resident');
	await page.goto(`${resident.base}/c/c-a/demands/new`);
	await waitUntilKeptOffline(page);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
		timeout: 20_000
	});
	// One visit through the worker as well, as a phone that opened the page before: that copy is
	// stored before the page is answered, so nothing is still being written when the network goes.
	await page.reload();
	await waitUntilKeptOffline(page);

	// Offline: the filing page still opens (from the service worker) and keeps the demand. The
	// network is cut at the proxy for the reload (Chromium's emulated offline fails a navigation
	// before the service worker sees it), then the browser is told it is offline too.
	resident.proxy.cut();
	await page.reload();
	await resident.context.setOffline(true);
	await page.selectOption('select[name="category"]', 'repair');
	await page.fill('textarea[name="description"]', DESCRIPTION);
	await page.check('input[name="urgent"]');
	await page.getByRole('button', { name: '提交' }).click();
	await page.getByText('已保存在本机，联网后自动发送。').waitFor();
	await shoot(page, SHOTS, 'new');
	const stored = () =>
		server.services.stores.demands
			.query({ communityIds: ['c-a'], limit: 50 })
			.then((all) => all.filter((d) => d.description === DESCRIPTION));
	expect(await stored()).toHaveLength(0);

	// Back online: the `online` event sends the outbox, once.
	resident.proxy.restore();
	await resident.context.setOffline(false);
	await waitFor(
		async () => (await stored()).length === 1,
		'the demand to reach the server',
		20_000
	);
	const [demand] = await stored();
	expect(demand?.residentId).toBe('u-resident');
	expect(await page.evaluate(() => navigator.onLine)).toBe(true);

	// The grid leader sees it in the grid's queue and dispatches it to the Party member.
	expect(demand?.gridId).toBe('c-a-g1');
	await desk.goto(`${worker.base}/c/c-a/demands`);
	await desk.getByRole('tab', { name: /网格待派/ }).click();
	await desk.getByText(DESCRIPTION).first().click();
	await desk.waitForURL(/\/d\//);
	await shoot(desk, SHOTS, 'dispatch');
	await desk.selectOption('select[name="to"]', 'u-party');
	await act(desk, '派单');
	await desk.getByText('已派单').first().waitFor();

	// The Party member takes it and records what was done (same device, the leader logged out).
	await worker.context.clearCookies();
	await login(desk, worker.base, 'party-member');
	await desk.goto(`${worker.base}/d/${demand!.id}`);
	await act(desk, '接单');
	await desk.fill('textarea[name="text"]', '已联系物业更换电梯按钮');
	await act(desk, '办结');
	await desk.getByText('待评价').first().waitFor();

	// The resident rates it; the timeline shows every step with who and when.
	await page.goto(`${resident.base}/c/c-a/demands`);
	await page.getByText(DESCRIPTION).first().waitFor();
	await shoot(page, SHOTS, 'list');
	await page.goto(`${resident.base}/d/${demand!.id}`);
	await act(page, '满意');
	await page.getByText('已办结').first().waitFor();
	await shoot(page, SHOTS, 'detail');
	const kinds = await page
		.locator('.timeline li')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
	expect(kinds).toEqual(['filed', 'dispatched', 'taken', 'resolved', 'closed']);
	const after = (await server.services.stores.demands.get(demand!.id))!;
	expect([after.state, after.rating, after.assignee]).toEqual(['closed', 'satisfied', 'u-party']);

	// The numbers change accordingly: one more demand filed and one more resolved in the grid.
	await worker.context.clearCookies();
	await login(desk, worker.base, 'grid-leader');
	const now = await gridFigures(desk, worker.base);
	expect(now).toEqual({ resolved: before.resolved + 1, filed: before.filed + 1 });
	await shoot(desk, SHOTS, 'dashboard-after');
});

it('a demand nobody takes goes up to the community and the street, visibly, and shows overdue', async () => {
	const { demands } = server.services;
	const d = await demands.file('u-resident', {
		id: crypto.randomUUID(),
		gridId: 'c-a-g1',
		category: 'safety_hazard',
		description: '小区东门井盖松动',
		urgent: true
	});
	for (const hours of [3, 6, 9]) {
		skew = hours * 3_600_000;
		await demands.sweep();
	}
	expect((await server.services.stores.demands.get(d.id))?.level).toBe('street');
	const page = await resident.newPage();
	await page.goto(`${resident.base}/d/${d.id}`);
	await page.locator('[data-escalated]').getByText('已升级到街道').waitFor();
	await page.locator('[data-overdue]').waitFor();
	const kinds = await page
		.locator('.timeline li')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
	expect(kinds).toEqual(['filed', 'escalated', 'escalated']);
	await shoot(page, SHOTS, 'escalated');
});
